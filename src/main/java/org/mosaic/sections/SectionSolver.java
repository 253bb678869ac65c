package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.Loader;

import org.mosaic.model.BadInputException;

/**
 * Class formation with a tracking dial, as a CP-SAT model. Objective (docs/sections.md):
 * <pre>
 *   t · Σ_s (hi_s − lo_s) / (N · R)                      within-section score spread (targeted instruction)
 * + (1 − t) · Σ_s Σ_b out(c_sb; n_b C_s / C) / (2 n)      difference of each section's score distribution from the
 *                                                        school's (shared resources; anticlustering)
 * + (1 − t) · Σ_a w_a Σ_s out(c_as; n_a C_s / C) / (4 n)  demographic balance (gender, FRL, race, behavior)
 * + w_size · Σ_s out(n_s; n C_s / C) / (20 n)             sizes as equal as possible
 * </pre>
 * with c_sb the students of score band b (quantile bins) in section s, and out(v; q) the distance of a count v
 * from the interval [⌊q⌋, ⌈q⌉] around its fair share q (0 when the count is as fair as whole students allow). At t = 1 the spread term alone makes sections
 * contiguous score bands (two overlapping sections can always be uncrossed without widening either); at t = 0 the
 * distribution term makes them statistically alike. Hard rules are constraints, each family behind an enforcement
 * literal so that an infeasible problem can be explained by the rule families that conflict.
 */
public final class SectionSolver {
    private static volatile boolean loaded;

    private SectionSolver() {
    }

    static void load() {
        if (!loaded) {
            synchronized (SectionSolver.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }

    /**
     * The solver's answer: section per pupil, status, objective, proven bound and relative gap; {@code unavoidable}:
     * what the hard rules force on any classes, term by term as in {@link #objectiveTerms} (proven lower bounds on the
     * score-band, balance and size terms from counting alone, {@link CountBound}; 0 for the spread and the means).
     * When they equal the classes' own terms, every imbalance left is the rules', not the solver's.
     */
    public record Solution(int[] section, String status, long objective, long bound, double gap, double seconds,
                           Map<Integer, List<String>> rulesApplied, Map<String, Long> unavoidable, String stoppedBy) {
        /** What ended the search: a proof of optimality, the work bought by the time limit, or the safety clock. */
        public static final String PROVEN = "proven";
        public static final String WORK_LIMIT = "work_limit";
        public static final String WALL_CLOCK = "wall_clock";

        /** Whether the same input, options and seed are certain to give these classes again on any machine. */
        public boolean reproducible() {
            return !WALL_CLOCK.equals(stoppedBy);
        }

        /** Status of classes that break a hard rule: never reported as OPTIMAL or FEASIBLE. */
        public static final String RULES_BROKEN = "RULES_BROKEN";

        /**
         * The same solution judged by every rule's own check: if the classes break a hard rule, the status says so
         * (RULES_BROKEN, no bound claimed), whatever the search believed.
         */
        Solution checked(SectionProblem p) {
            if (section == null || !PlacementRules.details(p, section).isEmpty()) {
                return section == null ? this : new Solution(section, RULES_BROKEN, objective, 0, 1, seconds,
                        rulesApplied, unavoidable, stoppedBy);
            }
            return this;
        }
    }

    public static Solution solve(SectionProblem p) {
        return solve(p, null);
    }

    /**
     * Solves with an optional warm start (e.g. the solution at the neighbouring dial of a frontier sweep). In the
     * middle of the dial the best classes may lie near the mixed draft, the tracked draft or the warm start; two
     * starts share the time and the better result is kept (every run bounds the same model, so the best bound holds).
     */
    public static Solution solve(SectionProblem p, int[] warmStart) {
        return solve(p, warmStart, Effort.of(p).safetySeconds());
    }

    /** The same with the wall-clock safety stop {@code safetySeconds} from now (tests make it fire). */
    /**
     * The least CP-SAT work worth starting a model for when a start already keeps the rules, per student × section
     * cell: building and presolving the model costs work its deterministic time does not count, about 2.5 CPU s on a
     * 750-student grade in 25 sections (18,750 cells), where 0.16 units (a 1 s limit at dial 0.5) returned UNKNOWN
     * after it. At 1.6e-5 a cell that grade needs 0.3 units (a limit of about 2 s) and Elmhurst's grade (125 × 4)
     * 0.008 units.
     */
    static final double MIN_CP_UNITS_PER_CELL = 1.6e-5;

    static Solution solve(SectionProblem p, int[] warmStart, double safetySeconds) {
        load();
        ConflictExplainer.obvious(p);
        long t0 = System.nanoTime();
        Effort effort = Effort.of(p);
        SafetyStop stop = new SafetyStop(safetySeconds);
        trace("solve starts: %d students, %d sections, dial %s, limit %s s", p.pupils().size(), p.sections().size(),
                p.tracking(), p.timeLimit());
        Prior prior = Prior.of(p, effort, stop);
        SectionCost cost = prior.cost();
        DialRegime regime = DialRegime.of(p);
        List<int[]> drafts = new ArrayList<>();
        if (warmStart != null) {
            drafts.add(warmStart);
        }
        if (regime.snakeDraft()) {
            drafts.add(Drafts.snakeDraft(p));
        }
        int[] bands = regime.bandDraft() ? Drafts.bandDraft(p) : null;
        if (bands != null) {
            drafts.add(bands);
        }
        // Each draft is made to keep the rules (RuleRepair's few moves; CP-SAT without the objective if that fails)
        // and improved by the exchange method; the best start goes to CP-SAT, which improves it and proves the
        // bound. Known before any search: where the local search may stop, and the proof when a start reaches it.
        long known = prior.bound();
        // Classes that keep the rules come before the limit: a draft RuleRepair could not mend gets at least a unit.
        double repairUnits = Math.max(1, effort.cpUnits(0.25));
        double used = 0;
        int[] start = null;
        long startObjective = Long.MAX_VALUE;
        long budget = effort.moves(regime.exchangeShare()) / drafts.size();
        for (int[] given : drafts) {
            int[] feasible = given;
            List<String> broken = PlacementRules.violations(p, given);
            if (!broken.isEmpty()) {
                long r0 = System.nanoTime();
                int[] ruleKeeping = RuleRepair.repair(p, cost.score, given, budget, p.seed());
                trace("draft breaks %s; RuleRepair %s in %.3f s", broken,
                        ruleKeeping == null ? "failed" : "kept every rule", (System.nanoTime() - r0) / 1e9);
                if (ruleKeeping != null) {
                    feasible = ruleKeeping;
                    broken = List.of();
                }
            }
            if (!broken.isEmpty() && start != null && repairUnits > effort.cpUnits(1)) {
                // A limit too small to pay for a CP-SAT repair (its floor of one unit is more than the whole limit
                // buys) keeps the rule-keeping start it already has instead of overrunning by seconds.
                trace("draft breaks %s; not repaired: a feasible start exists and the limit is below a repair", broken);
                continue;
            }
            if (!broken.isEmpty()) {
                Solution repaired = SectionModel.solve(p, false, false, given, repairUnits, prior, stop);
                used += repairUnits;
                trace("draft breaks %s; repaired by CP-SAT in %.2f s (%s)", broken, repaired.seconds(),
                        repaired.status());
                if (repaired.section() == null) {
                    continue;
                }
                feasible = repaired.section();
            }
            long e0 = System.nanoTime();
            int[] improved = Drafts.canonical(p, cost.score, given == bands && regime.continuation()
                    ? continuation(p, cost, feasible, budget, known)
                    : ExchangeSearch.improve(p, cost, feasible, budget, p.seed(), known));
            long value = cost.total(improved);
            // Mixed classes on a large grade: perfect balance usually exists, and CP-SAT may not find it (a
            // 750-student grade one band count off stayed there for 56 s; its presolve alone takes 4 s). The
            // annealing goes on from where it stopped, with twice the moves each time, while that improves and the
            // bound is not reached. A school's grade (Elmhurst: 125 students, 4 sections) CP-SAT proves in 0.1 s.
            for (int more = 1; regime.longerAnneal() && value > known && more <= 3 && !stop.expired(); more++) {
                int[] further = Drafts.canonical(p, cost.score,
                        ExchangeSearch.improve(p, cost, improved, budget << more, p.seed() + more, known));
                long v = cost.total(further);
                if (v >= value) {
                    break;
                }
                improved = further;
                value = v;
            }
            trace("exchange search: %d -> %d in %.2f s", cost.total(feasible), value, (System.nanoTime() - e0) / 1e9);
            if (value < startObjective) {
                start = improved;
                startObjective = value;
            }
        }
        if (start != null && regime.pricedCover() && effort.priceSteps() > 0 && !stop.expired()) {
            long l0 = System.nanoTime();
            long priced = LagrangianCover.lowerBound(p, cost, startObjective, effort.priceSteps());
            trace("cover with prices %d in %.2f s", priced, (System.nanoTime() - l0) / 1e9);
            known = Math.max(known, priced);
        }
        if (start != null && startObjective <= known) {
            // A start that meets the bound (0 for perfectly balanced classes) is optimal as it stands.
            return new Solution(start, "OPTIMAL", startObjective, startObjective, 0, (System.nanoTime() - t0) / 1e9,
                    PlacementRules.reasons(p, start), termMap(prior.unavoidable()), Solution.PROVEN).checked(p);
        }
        // Shares of the limit (DialRegime; Effort converts them to work units).
        double cpShare = regime.cpShare();
        // At least half its share whatever the repairs used, so that a start always meets CP-SAT's search and bound.
        double left = Math.max(effort.cpUnits(cpShare) / 2, effort.cpUnits(cpShare) - used);
        trace("CP-SAT with %.3f units", left);
        // Building and presolving the model costs work its deterministic time does not count: when the limit buys
        // less than that, a start that keeps the rules is reported with the bounds already known.
        boolean tooLittle = start != null
                && left < MIN_CP_UNITS_PER_CELL * p.pupils().size() * p.sections().size();
        Solution cp = start != null && stop.expired()
                ? new Solution(null, "UNKNOWN", Long.MAX_VALUE, 0, 1, 0, Map.of(), Map.of(), Solution.WALL_CLOCK)
                : tooLittle ? new Solution(null, "UNKNOWN", Long.MAX_VALUE, 0, 1, 0, Map.of(), Map.of(),
                        Solution.WORK_LIMIT)
                : SectionModel.solve(p, false, true, start != null ? start : drafts.get(0), left, prior, stop);
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace("CP-SAT done: %s", cp.status());
        if (cp.section() == null && start == null) {
            throw new BadInputException("the solver found no class assignment within " + p.timeLimit()
                    + " s (status " + cp.status() + "); raise --time-limit");
        }
        boolean cpBetter = cp.section() != null && cp.objective() <= startObjective;
        int[] section = cpBetter ? cp.section() : start;
        long objective = cpBetter ? cp.objective() : startObjective;
        if (regime.capacityCover() && Math.max(known, cp.bound()) < objective && effort.coverRounds() > 0
                && !stop.expired()) {
            // Rounds, not seconds, so that the bound repeats exactly (Effort.coverRounds). After CP-SAT, so a school
            // it proves optimal never waits.
            long l0 = System.nanoTime();
            long capacity = CapacityCover.lowerBound(p, cost, section, effort.coverRounds(), ScoreAxis.CELLS);
            trace("capacity cover %d in %.2f s", capacity, (System.nanoTime() - l0) / 1e9);
            known = Math.max(known, capacity);
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        long bound = Math.min(objective, Math.max(known, cp.bound()));
        double gap = objective == 0 ? 0 : Math.max(0, (objective - bound) / (double) Math.abs(objective));
        String status = bound >= objective ? "OPTIMAL" : "FEASIBLE";
        String stoppedBy = bound >= objective ? Solution.PROVEN : stop.fired() ? Solution.WALL_CLOCK
                : Solution.WORK_LIMIT;
        return new Solution(section, status, objective, bound, gap, seconds, PlacementRules.reasons(p, section),
                termMap(prior.unavoidable()), stoppedBy).checked(p);
    }

    /**
     * The local search from the tracked draft, walked down the dial from 1 to t in a few steps, each dial's classes
     * starting the next (the frontier sweep's continuation, inside one solve). Straight at a middle dial the search
     * stays near full bands or full mixing; walking down finds the half-tracked classes in between (Elmhurst at dial
     * 0.5: 51.1 million against 58.5 million in the same 5 s).
     */
    private static int[] continuation(SectionProblem p, SectionCost cost, int[] start, long budget, long known) {
        int steps = 4;
        int[] x = start;
        for (int j = 1; j <= steps; j++) {
            double dial = 1 - (1 - p.tracking()) * j / steps;
            SectionProblem at = j == steps ? p : p.atDial(dial);
            SectionCost c = j == steps ? cost : new SectionCost(at);
            x = ExchangeSearch.improve(at, c, x, budget / steps, p.seed() + j, j == steps ? known : 0);
        }
        return x;
    }

    /**
     * The local search alone, without CP-SAT and its proof, spending {@code moves} candidate moves: for Monte Carlo
     * sweeps that form thousands of classes (mosaic simulate). The same drafts, repairs and exchange search as
     * {@link #solve}; the best start is returned, or null when no draft could be made to keep the rules.
     */
    public static int[] localSearch(SectionProblem p, long moves) {
        SectionCost cost = new SectionCost(p);
        DialRegime regime = DialRegime.of(p);
        List<int[]> drafts = new ArrayList<>();
        if (regime.snakeDraft()) {
            drafts.add(Drafts.snakeDraft(p));
        }
        int[] bands = regime.bandDraft() ? Drafts.bandDraft(p) : null;
        if (bands != null) {
            drafts.add(bands);
        }
        long budget = Math.max(1, moves / drafts.size());
        int[] best = null;
        long bestValue = Long.MAX_VALUE;
        for (int[] given : drafts) {
            int[] feasible = PlacementRules.violations(p, given).isEmpty() ? given
                    : RuleRepair.repair(p, cost.score, given, budget, p.seed());
            if (feasible == null) {
                continue;
            }
            int[] improved = Drafts.canonical(p, cost.score, given == bands && regime.continuation()
                    ? continuation(p, cost, feasible, budget, 0)
                    : ExchangeSearch.improve(p, cost, feasible, budget, p.seed(), 0));
            long value = cost.total(improved);
            if (value < bestValue) {
                best = improved;
                bestValue = value;
            }
        }
        return best;
    }

    /** Any placement that keeps every hard rule, near the hint (CP-SAT without the objective); null if none found. */
    static int[] feasiblePlacement(SectionProblem p, int[] hint) {
        load();
        Effort effort = Effort.of(p);
        SafetyStop stop = new SafetyStop(effort.safetySeconds());
        return SectionModel.solve(p, false, false, hint, effort.cpUnits(1), Prior.of(p, effort, stop), stop).section();
    }

    /** The CP-SAT model's objective for one placement (every student locked in place): for consistency tests. */
    static long modelObjective(SectionProblem p, int[] section) {
        load();
        Map<Integer, Integer> locks = new HashMap<>();
        for (int i = 0; i < section.length; i++) {
            locks.put(i, section[i]);
        }
        SectionProblem fixed = p.toBuilder().locks(locks).workers(1).build();
        Effort effort = Effort.of(p);
        SafetyStop stop = new SafetyStop(effort.safetySeconds());
        return SectionModel.solve(fixed, false, true, section, effort.cpUnits(1), Prior.of(fixed, effort, stop), stop)
                .objective();
    }

    private static void trace(String format, Object... args) {
        if (Boolean.getBoolean("mosaic.solverLog")) {
            // Process CPU time too: on a shared machine it, not the wall clock, shows what a phase costs.
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9
                    : Double.NaN;
            System.err.printf("[cpu %.2f s] " + format + "%n", java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(cpu), java.util.Arrays.stream(args)).toArray());
        }
    }

    /** The lower bound on the sections' total score range that the model states as a valid inequality. */
    static long rangeLowerBound(SectionProblem p, SectionCost cost) {
        return rangeLowerBound(cost, RangeBound.parts(p, cost.score));
    }

    private static long rangeLowerBound(SectionCost cost, List<RangeBound.Part> parts) {
        return Math.max(cost.leastRange, parts.stream().mapToLong(RangeBound.Part::bound).sum());
    }

    /**
     * What is known about a problem before any search, computed once per solve: the objective's coefficients, the
     * rule-aware range bound by family of sections and in total, what the rules force on the count terms
     * ({@link CountBound}, by term), and the bound on the whole objective (the interval cover, or the ranges plus the
     * counts, whichever is higher). The model states the bounds as valid inequalities.
     */
    record Prior(SectionCost cost, List<RangeBound.Part> parts, long rangeBound, long bound, long[] unavoidable) {
        static Prior of(SectionProblem p) {
            Effort effort = Effort.of(p);
            return of(p, effort, new SafetyStop(effort.safetySeconds()));
        }

        static Prior of(SectionProblem p, Effort effort, SafetyStop stop) {
            SectionCost cost = new SectionCost(p);
            // The count terms' bound and the range bound bound different terms of the objective, so they add up.
            long[] unavoidable = DialRegime.of(p).countBound() ? CountBound.terms(p, cost, effort.countUnits(), stop)
                    : new long[SectionCost.TERMS.size()];
            long counts = Arrays.stream(unavoidable).sum();
            if (cost.spreadCoef == 0) {
                long cover = CoverBound.lowerBound(p, cost);
                trace("count bound %d; interval cover %d", counts, cover);
                return new Prior(cost, List.of(), 0, Math.max(cover, counts), unavoidable);
            }
            List<RangeBound.Part> parts = RangeBound.parts(p, cost.score);
            long rangeBound = rangeLowerBound(cost, parts);
            long cover = CoverBound.lowerBound(p, cost);
            trace("range bound: rule-free %d, by family %s; interval cover %d; count bound %d", cost.leastRange,
                    parts.stream().map(q -> q.family() + " " + q.bound()).toList(), cover, counts);
            return new Prior(cost, parts, rangeBound, Math.max(cover, cost.spreadCoef * rangeBound + counts),
                    unavoidable);
        }
    }

    /**
     * The least total of score ranges over all splits of the sorted scores into exactly m contiguous runs of
     * min..max students (runs of 0 allowed when min is 0): a dynamic program, exact for that relaxation.
     */
    static long leastTotalRange(long[] score, int m, int min, int max) {
        long[] x = score.clone();
        Arrays.sort(x);
        int n = x.length;
        long inf = Long.MAX_VALUE / 4;
        long[] prev = new long[n + 1];
        Arrays.fill(prev, inf);
        prev[0] = 0;
        for (int k = 1; k <= m; k++) {
            long[] cur = new long[n + 1];
            Arrays.fill(cur, inf);
            for (int j = 0; j <= n; j++) {
                if (min == 0 && prev[j] < inf) {
                    cur[j] = Math.min(cur[j], prev[j]);
                }
                for (int len = Math.max(1, min); len <= max && len <= j; len++) {
                    if (prev[j - len] < inf) {
                        cur[j] = Math.min(cur[j], prev[j - len] + x[j - 1] - x[j - len]);
                    }
                }
            }
            prev = cur;
        }
        return prev[n] >= inf ? 0 : prev[n];
    }

    /**
     * The objective of {@code section} split into its terms (spread, score_bands, means, balance, sizes), which add up
     * to the objective reported: what the classes pay for, and so what the dial is trading.
     */
    public static Map<String, Long> objectiveTerms(SectionProblem p, int[] section) {
        return termMap(new SectionCost(p).terms(section));
    }

    /** Terms in the order of {@link SectionCost#TERMS}, by name. */
    private static Map<String, Long> termMap(long[] terms) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int k = 0; k < terms.length; k++) {
            out.put(SectionCost.TERMS.get(k), terms[k]);
        }
        return out;
    }

    /**
     * What principals do by hand, used as the solver's starting hint and as the benchmark baseline
     * ({@link Drafts#snakeDraft}).
     */
    public static int[] snakeDraft(SectionProblem p) {
        return Drafts.snakeDraft(p);
    }

    static int[] bandDraft(SectionProblem p) {
        return Drafts.bandDraft(p);
    }
}
