package org.mosaic.sections;

import java.lang.management.ManagementFactory;
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
                           Map<Integer, List<String>> rulesApplied, Map<String, Long> unavoidable, String stoppedBy,
                           List<String> skipped) {
        /** What ended the search: a proof of optimality, the work bought by the time limit, or the safety clock. */
        public static final String PROVEN = "proven";
        public static final String WORK_LIMIT = "work_limit";
        public static final String WALL_CLOCK = "wall_clock";

        /** Whether the same input, options and seed are certain to give these classes again on any machine. */
        public boolean reproducible() {
            return !WALL_CLOCK.equals(stoppedBy);
        }

        /**
         * {@code skipped}: the bound phases (and CP-SAT) that the time limit could not pay for, so that the reported
         * bound is weaker and the gap wider than a larger limit would prove; empty when proven optimal.
         */
        public Solution {
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
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
                        rulesApplied, unavoidable, stoppedBy, skipped);
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
    static Solution solve(SectionProblem p, int[] warmStart, double safetySeconds) {
        return solve(p, warmStart, safetySeconds, new WorkBudget(Effort.of(p).seconds()));
    }

    /**
     * Move evaluations a draft's repair may take whatever the limit: the high-school drafts are mended in 4-78 steps
     * (a few thousand evaluations), and a repair that fails costs all of them, 0.07 s.
     */
    static final long REPAIR_MOVES = 200_000;

    /**
     * The pipeline, every phase spending from {@code budget} (tests read what each phase was charged): the range
     * bound and the first classes that keep the rules are paid whatever the limit; every other phase (repairing and
     * searching further drafts, the count and interval-cover bounds, the longer annealing, the priced and seat-aware
     * covers, CP-SAT) starts only if its cost, estimated from what it will count, fits what is left, and is charged
     * what it counted. A bound phase the limit cannot pay for is named in {@link Solution#skipped}: the reported bound
     * is then weaker, and the gap wider, than a larger limit would prove.
     */
    static Solution solve(SectionProblem p, int[] warmStart, double safetySeconds, WorkBudget budget) {
        load();
        ConflictExplainer.obvious(p);
        long t0 = System.nanoTime();
        Effort effort = Effort.of(p);
        SafetyStop stop = new SafetyStop(safetySeconds);
        long cells = (long) p.pupils().size() * p.sections().size();
        trace("solve starts: %d students, %d sections, dial %s, limit %s s", p.pupils().size(), p.sections().size(),
                p.tracking(), p.timeLimit());
        SectionCost cost = new SectionCost(p);
        DialRegime regime = DialRegime.of(p);
        List<String> skipped = new ArrayList<>();
        // The rule-aware ranges: a few dynamic programs over sorted scores, the model's valid inequality and the
        // tracked search's target.
        List<RangeBound.Part> parts = cost.spreadCoef == 0 ? List.of() : RangeBound.parts(p, cost.score);
        long rangeBound = cost.spreadCoef == 0 ? 0 : rangeLowerBound(cost, parts);
        if (cost.spreadCoef != 0) {
            budget.spendRequired("range bound", Effort.rangeBoundSeconds(cells));
        }
        long[] unavoidable = new long[SectionCost.TERMS.size()];
        long known = cost.spreadCoef * rangeBound;
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
        // Each draft is made to keep the rules (RuleRepair's few moves; CP-SAT without the objective if that fails
        // and the budget pays for it) and improved by the exchange method, within its share of the limit.
        double searchSeconds = regime.exchangeShare() * budget.total() / drafts.size();
        long perDraft = Math.max(1_000, Effort.movesFor(searchSeconds, cells));
        int[] start = null;
        long startObjective = Long.MAX_VALUE;
        for (int d = 0; d < drafts.size() || start == null && d == drafts.size() && !regime.snakeDraft(); d++) {
            boolean fallback = d >= drafts.size();
            // Tracked classes whose band draft could not be mended within the budget start from the snake deal,
            // which RuleRepair mends in a few steps, and the search walks it to bands.
            int[] given = fallback ? Drafts.snakeDraft(p) : drafts.get(d);
            boolean required = start == null;
            int[] feasible = given;
            List<String> broken = PlacementRules.violations(p, given);
            // The last chance of rule-keeping classes before CP-SAT: no cheaper draft comes after it.
            boolean last = fallback || d == drafts.size() - 1 && regime.snakeDraft();
            if (!broken.isEmpty()) {
                // A required repair that is the last chance gets moves in proportion to the grade (the
                // 3,180-student textbook grade needs millions); one with the snake deal after it, a few.
                long repairMoves = required ? Math.max(perDraft, last ? Math.max(REPAIR_MOVES, 40 * cells)
                        : REPAIR_MOVES)
                        : Math.min(Math.max(perDraft, REPAIR_MOVES), Effort.movesFor(budget.left() / 2, cells));
                if (!required && repairMoves <= 0) {
                    trace("draft breaks %s; not repaired: the budget left does not pay for a repair", broken);
                    continue;
                }
                long r0 = System.nanoTime();
                RuleRepair.Outcome repaired = RuleRepair.repairCounting(p, cost.score, given, repairMoves, p.seed());
                charge(budget, required, "rule repair", Effort.searchSeconds(repaired.evaluations(), cells));
                trace("draft breaks %s; RuleRepair %s in %.3f s", broken,
                        repaired.section() == null ? "failed" : "kept every rule", (System.nanoTime() - r0) / 1e9);
                if (repaired.section() != null) {
                    feasible = repaired.section();
                    broken = List.of();
                }
            }
            if (!broken.isEmpty()) {
                // CP-SAT without the objective: at least a unit, as a repair needs (CP-SAT found none of the
                // high-school band draft in less). Required when nothing else keeps the rules: the last draft, or
                // the snake fallback of tracked classes, which comes after.
                double units = Math.max(1, effort.cpUnits(0.25));
                if (!required || !last) {
                    if (required || !budget.affords(Effort.cpSeconds(units, cells))) {
                        trace("draft breaks %s; not repaired by CP-SAT: %s", broken, required
                                ? "the snake deal is mended more cheaply" : "the budget left does not pay for it");
                        continue;
                    }
                }
                double before = stop.cpUnits();
                Solution fixed = SectionModel.solve(p, false, false, given, units,
                        new Prior(cost, parts, rangeBound, known, unavoidable), stop);
                charge(budget, required, "CP-SAT repair", Effort.cpSeconds(stop.cpUnits() - before, cells));
                trace("draft breaks %s; repaired by CP-SAT in %.2f s (%s)", broken, fixed.seconds(), fixed.status());
                if (fixed.section() == null) {
                    continue;
                }
                feasible = fixed.section();
            }
            long moves = required ? perDraft : Math.min(perDraft, Effort.movesFor(budget.left(), cells));
            if (!required && moves <= 0) {
                continue;
            }
            long e0 = System.nanoTime();
            long[] counted = new long[1];
            int[] improved = Drafts.canonical(p, cost.score, given == bands && regime.continuation()
                    ? continuation(p, cost, feasible, moves, known, counted)
                    : counting(ExchangeSearch.improveCounting(p, cost, feasible, moves, p.seed(), known), counted));
            charge(budget, required, "exchange search", Effort.searchSeconds(counted[0], cells));
            long value = cost.total(improved);
            trace("exchange search: %d -> %d in %.2f s", cost.total(feasible), value, (System.nanoTime() - e0) / 1e9);
            if (value < startObjective) {
                start = improved;
                startObjective = value;
            }
        }
        if (start == null) {
            throw new BadInputException("the solver found no class assignment within " + p.timeLimit()
                    + " s; raise --time-limit");
        }
        // The bounds, once there are classes to prove: none when they are perfect (objective 0), each only if the
        // budget left pays for it. The counts first: on mixed classes they are what proves (and where the longer
        // annealing may stop), the interval cover after the annealing.
        if (startObjective > known && regime.countBound()) {
            int models = (cost.bandCoef > 0 ? 1 : 0) + cost.attributes.size() + (cost.sizeCoef > 0 ? 1 : 0);
            double units = effort.countUnits();
            if (budget.affords(Effort.countBoundSeconds(models, 1.2 * units)) && !stop.expired()) {
                double before = stop.cpUnits();
                unavoidable = CountBound.terms(p, cost, units, stop);
                budget.spend("count bound", Effort.countBoundSeconds(models, stop.cpUnits() - before));
                known = Math.max(known, cost.spreadCoef * rangeBound + Arrays.stream(unavoidable).sum());
            } else {
                skipped.add("count bound");
            }
        }
        // Mixed classes on a large grade: perfect balance usually exists, and CP-SAT may not find it (a 750-student
        // grade one band count off stayed there for 56 s; its presolve alone takes 4 s). The annealing goes on from
        // where it stopped, with twice the moves each time, while that improves, the bound is not reached and the
        // budget pays for it. A school's grade (Elmhurst: 125 students, 4 sections) CP-SAT proves in 0.1 s.
        for (int more = 1; regime.longerAnneal() && startObjective > known && more <= 3 && !stop.expired(); more++) {
            long moves = perDraft << more;
            if (!budget.affords(Effort.searchSeconds(moves, cells))) {
                break;
            }
            ExchangeSearch.Outcome further = ExchangeSearch.improveCounting(p, cost, start, moves, p.seed() + more,
                    known);
            budget.spend("longer annealing", Effort.searchSeconds(further.evaluations(), cells));
            int[] canonical = Drafts.canonical(p, cost.score, further.section());
            long v = cost.total(canonical);
            trace("longer annealing: %d -> %d", startObjective, v);
            if (v >= startObjective) {
                break;
            }
            start = canonical;
            startObjective = v;
        }
        if (startObjective > known) {
            if (budget.affords(Effort.coverBoundSeconds(cells)) && !stop.expired()) {
                known = Math.max(known, CoverBound.lowerBound(p, cost));
                budget.spend("interval cover", Effort.coverBoundSeconds(cells));
            } else {
                skipped.add("interval cover");
            }
        }
        trace("bounds: range %d, counts %d, interval cover and all %d; skipped %s", rangeBound,
                Arrays.stream(unavoidable).sum(), known, skipped);
        if (startObjective > known && regime.pricedCover() && effort.priceSteps() > 0 && !stop.expired()) {
            // The priced cover shares what is left with CP-SAT: its steps take up to its share of the limit.
            double share = 1 - regime.exchangeShare() - regime.cpShare();
            int steps = (int) Math.min(effort.priceSteps(),
                    Math.min(budget.left(), share * budget.total()) / Effort.priceStepSeconds(cells));
            if (steps > 0) {
                long l0 = System.nanoTime();
                long priced = LagrangianCover.lowerBound(p, cost, startObjective, steps);
                budget.spend("priced cover", steps * Effort.priceStepSeconds(cells));
                trace("cover with prices %d in %.2f s (%d steps)", priced, (System.nanoTime() - l0) / 1e9, steps);
                known = Math.max(known, priced);
            } else {
                skipped.add("priced cover");
            }
        }
        if (startObjective <= known) {
            // A start that meets the bound (0 for perfectly balanced classes) is optimal as it stands.
            return new Solution(start, "OPTIMAL", startObjective, startObjective, 0, (System.nanoTime() - t0) / 1e9,
                    PlacementRules.reasons(p, start), termMap(unavoidable), Solution.PROVEN, List.of()).checked(p);
        }
        // CP-SAT gets what is left, less the seat-aware cover's share after it (tracked); with a tenth kept back for
        // the work units it may use past its limit. Building and presolving its model costs work its deterministic
        // time does not count (Effort.cpModelSeconds): when what is left does not pay for that, the start is reported
        // with the bounds already known.
        double reserve = regime.capacityCover() ? Math.min(budget.left() / 2, 0.25 * budget.total()) : 0;
        double units = Effort.unitsFor(0.9 * (budget.left() - reserve), cells);
        boolean tooLittle = units < 1e-3;
        trace("CP-SAT with %.3f units%s", units, tooLittle ? " (skipped: the budget left does not pay for it)" : "");
        long lastMoves = Effort.movesFor(budget.left() - reserve, cells);
        if (tooLittle && lastMoves >= 1_000 && !stop.expired()) {
            // What CP-SAT cannot use goes to the local search, from the best start.
            ExchangeSearch.Outcome further = ExchangeSearch.improveCounting(p, cost, start, lastMoves, p.seed() + 7,
                    known);
            budget.spend("exchange search", Effort.searchSeconds(further.evaluations(), cells));
            int[] canonical = Drafts.canonical(p, cost.score, further.section());
            long v = cost.total(canonical);
            trace("exchange search with what CP-SAT could not use: %d -> %d", startObjective, v);
            if (v < startObjective) {
                start = canonical;
                startObjective = v;
            }
        }
        Solution cp;
        if (stop.expired() || tooLittle) {
            cp = new Solution(null, "UNKNOWN", Long.MAX_VALUE, 0, 1, 0, Map.of(), Map.of(),
                    stop.fired() ? Solution.WALL_CLOCK : Solution.WORK_LIMIT, List.of());
        } else {
            double before = stop.cpUnits();
            cp = SectionModel.solve(p, false, true, start, units, new Prior(cost, parts, rangeBound, known,
                    unavoidable), stop);
            budget.spend("CP-SAT", Effort.cpSeconds(stop.cpUnits() - before, cells));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace("CP-SAT done: %s", cp.status());
        boolean cpBetter = cp.section() != null && cp.objective() <= startObjective;
        int[] section = cpBetter ? cp.section() : start;
        long objective = cpBetter ? cp.objective() : startObjective;
        if (regime.capacityCover() && Math.max(known, cp.bound()) < objective && !stop.expired()) {
            // Rounds, not seconds, so that the bound repeats exactly (Effort.coverRounds). After CP-SAT, so a school
            // it proves optimal never waits.
            int rounds = effort.coverRounds();
            while (rounds > 0 && !budget.affords(Effort.capacitySeconds(rounds, cells))) {
                rounds--;
            }
            if (rounds > 0) {
                long l0 = System.nanoTime();
                long capacity = CapacityCover.lowerBound(p, cost, section, rounds, ScoreAxis.CELLS);
                budget.spend("seat-aware cover", Effort.capacitySeconds(rounds, cells));
                trace("capacity cover %d in %.2f s (%d rounds)", capacity, (System.nanoTime() - l0) / 1e9, rounds);
                known = Math.max(known, capacity);
                seconds = (System.nanoTime() - t0) / 1e9;
            } else {
                skipped.add("seat-aware cover");
            }
        }
        if (tooLittle) {
            skipped.add("CP-SAT");
        }
        trace("work: %s", budget);
        long bound = Math.min(objective, Math.max(known, cp.bound()));
        double gap = objective == 0 ? 0 : Math.max(0, (objective - bound) / (double) Math.abs(objective));
        String status = bound >= objective ? "OPTIMAL" : "FEASIBLE";
        String stoppedBy = bound >= objective ? Solution.PROVEN : stop.fired() ? Solution.WALL_CLOCK
                : Solution.WORK_LIMIT;
        return new Solution(section, status, objective, bound, gap, seconds, PlacementRules.reasons(p, section),
                termMap(unavoidable), stoppedBy, bound >= objective ? List.of() : List.copyOf(skipped)).checked(p);
    }

    private static void charge(WorkBudget budget, boolean required, String phase, double seconds) {
        if (required) {
            budget.spendRequired(phase, seconds);
        } else {
            budget.spend(phase, seconds);
        }
    }

    private static int[] counting(ExchangeSearch.Outcome outcome, long[] counted) {
        counted[0] += outcome.evaluations();
        return outcome.section();
    }

    /**
     * The local search from the tracked draft, walked down the dial from 1 to t in a few steps, each dial's classes
     * starting the next (the frontier sweep's continuation, inside one solve). Straight at a middle dial the search
     * stays near full bands or full mixing; walking down finds the half-tracked classes in between (Elmhurst at dial
     * 0.5: 51.1 million against 58.5 million in the same 5 s). {@code counted} gets the moves evaluated.
     */
    private static int[] continuation(SectionProblem p, SectionCost cost, int[] start, long budget, long known,
                                      long[] counted) {
        int steps = 4;
        int[] x = start;
        for (int j = 1; j <= steps; j++) {
            double dial = 1 - (1 - p.tracking()) * j / steps;
            SectionProblem at = j == steps ? p : p.atDial(dial);
            SectionCost c = j == steps ? cost : new SectionCost(at);
            x = counting(ExchangeSearch.improveCounting(at, c, x, budget / steps, p.seed() + j, j == steps ? known : 0),
                    counted);
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
                    ? continuation(p, cost, feasible, budget, 0, new long[1])
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
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9
                    : Double.NaN;
            // And the wall clock since the JVM started, so that a phase log shows start-up and the solve apart.
            double wall = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
            System.err.printf("[cpu %.2f s, wall %.2f s] " + format + "%n", java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(cpu, wall), java.util.Arrays.stream(args)).toArray());
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
