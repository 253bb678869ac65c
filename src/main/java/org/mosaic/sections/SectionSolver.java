package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;
import org.mosaic.sections.rules.GiftedClusterRule;
import org.mosaic.sections.rules.ModelContext;
import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.SectionRule;

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
    static Solution solve(SectionProblem p, int[] warmStart, double safetySeconds) {
        load();
        explainObviousConflicts(p);
        long t0 = System.nanoTime();
        Effort effort = Effort.of(p);
        SafetyStop stop = new SafetyStop(safetySeconds);
        trace("solve starts: %d students, %d sections, dial %s, limit %s s", p.pupils().size(), p.sections().size(),
                p.tracking(), p.timeLimit());
        Prior prior = Prior.of(p, effort, stop);
        SectionCost cost = prior.cost();
        double t = p.tracking();
        List<int[]> drafts = new ArrayList<>();
        if (warmStart != null) {
            drafts.add(warmStart);
        }
        if (t < 1) {
            drafts.add(snakeDraft(p));
        }
        int[] bands = t > 0 ? bandDraft(p) : null;
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
        long budget = effort.moves(exchangeShare(p)) / drafts.size();
        boolean mixedAndLarge = t <= 0 && (long) cost.n * cost.m > LARGE_GRADE;
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
            if (!broken.isEmpty()) {
                Solution repaired = solve(p, false, false, given, repairUnits, prior, stop);
                used += repairUnits;
                trace("draft breaks %s; repaired by CP-SAT in %.2f s (%s)", broken, repaired.seconds(),
                        repaired.status());
                if (repaired.section() == null) {
                    continue;
                }
                feasible = repaired.section();
            }
            long e0 = System.nanoTime();
            int[] improved = canonical(p, cost.score, given == bands && t < 1
                    ? continuation(p, cost, feasible, budget, known)
                    : ExchangeSearch.improve(p, cost, feasible, budget, p.seed(), known));
            long value = cost.total(improved);
            // Mixed classes on a large grade: perfect balance usually exists, and CP-SAT may not find it (a
            // 750-student grade one band count off stayed there for 56 s; its presolve alone takes 4 s). The
            // annealing goes on from where it stopped, with twice the moves each time, while that improves and the
            // bound is not reached. A school's grade (Elmhurst: 125 students, 4 sections) CP-SAT proves in 0.1 s.
            for (int more = 1; mixedAndLarge && value > known && more <= 3 && !stop.expired(); more++) {
                int[] further = canonical(p, cost.score,
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
        if (start != null && t > 0 && t < 1 && effort.priceSteps() > 0 && !stop.expired()) {
            long l0 = System.nanoTime();
            long priced = LagrangianCover.lowerBound(p, cost, startObjective, effort.priceSteps());
            trace("cover with prices %d in %.2f s", priced, (System.nanoTime() - l0) / 1e9);
            known = Math.max(known, priced);
        }
        if (start != null && startObjective <= known) {
            // A start that meets the bound (0 for perfectly balanced classes) is optimal as it stands.
            return new Solution(start, "OPTIMAL", startObjective, startObjective, 0, (System.nanoTime() - t0) / 1e9,
                    rulesApplied(p, start), termMap(prior.unavoidable()), Solution.PROVEN).checked(p);
        }
        // Shares of the limit (Effort converts them to work units): in the middle of the dial CP-SAT mostly adds the
        // bound, so it gets the smaller share; tracked, half, a quarter being left for the seat-aware bound after it.
        double cpShare = t > 0 && t < 1 ? 0.2 : t >= 1 ? 0.5 : 0.8;
        // At least half its share whatever the repairs used, so that a start always meets CP-SAT's search and bound.
        double left = Math.max(effort.cpUnits(cpShare) / 2, effort.cpUnits(cpShare) - used);
        trace("CP-SAT with %.3f units", left);
        Solution cp = start != null && stop.expired()
                ? new Solution(null, "UNKNOWN", Long.MAX_VALUE, 0, 1, 0, Map.of(), Map.of(), Solution.WALL_CLOCK)
                : solve(p, false, true, start != null ? start : drafts.get(0), left, prior, stop);
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace("CP-SAT done: %s", cp.status());
        if (cp.section() == null && start == null) {
            throw new BadInputException("the solver found no class assignment within " + p.timeLimit()
                    + " s (status " + cp.status() + "); raise --time-limit");
        }
        boolean cpBetter = cp.section() != null && cp.objective() <= startObjective;
        int[] section = cpBetter ? cp.section() : start;
        long objective = cpBetter ? cp.objective() : startObjective;
        if (t >= 1 && Math.max(known, cp.bound()) < objective && effort.coverRounds() > 0 && !stop.expired()) {
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
        return new Solution(section, status, objective, bound, gap, seconds, rulesApplied(p, section),
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
        double t = p.tracking();
        List<int[]> drafts = new ArrayList<>();
        if (t < 1) {
            drafts.add(snakeDraft(p));
        }
        int[] bands = t > 0 ? bandDraft(p) : null;
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
            int[] improved = canonical(p, cost.score, given == bands && t < 1
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
        return solve(p, false, false, hint, effort.cpUnits(1), Prior.of(p, effort, stop), stop).section();
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
        return solve(fixed, false, true, section, effort.cpUnits(1), Prior.of(fixed, effort, stop), stop).objective();
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

    /** Students × sections above which a grade is large for the mixed end's longer annealing (750 × 25 is). */
    static final long LARGE_GRADE = 5_000;

    /**
     * The share of the time limit given to the local search (the rest, less repairs, goes to CP-SAT): half in the
     * middle of the dial, where the annealing finds better classes per second than CP-SAT (Elmhurst at dial 0.8:
     * 52.5 million with a quarter, 49.6 million with half, in the same 5 s); a quarter when tracked, where CP-SAT
     * closes the gap on a school and the annealing's classes lead on a high school. Mixed classes need little: a
     * short anneal balances the benchmark 750-student grade perfectly (in 0.6 s, against 2.5 s with a quarter); on
     * the draws where it stops short, it goes on with more moves (see solve) rather than leave it to CP-SAT.
     */
    static double exchangeShare(SectionProblem p) {
        return p.tracking() <= 0 ? 0.05 : p.tracking() < 1 ? 0.5 : 0.25;
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
            long[] unavoidable = p.tracking() < 1 ? CountBound.terms(p, cost, effort.countUnits(), stop)
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
     * Builds and solves the model. Rule families are literals fixed to true for the real solve (so presolve and all
     * workers run at full strength); only if that is infeasible is the model solved again with the literals as
     * assumptions, to name the conflicting families.
     */
    private static Solution solve(SectionProblem p, boolean explain, boolean withObjective, int[] hint,
                                  double units, Prior prior, SafetyStop stop) {
        int n = p.pupils().size();
        int m = p.sections().size();
        CpModel model = new CpModel();
        // A start that keeps every rule is hinted completely (every auxiliary variable too), so CP-SAT begins from
        // its true objective. A draft that breaks rules is hinted by placement only and repaired: CP-SAT 9.12
        // aborts the process when asked to repair a complete but infeasible hint (or-tools issue #5025).
        boolean complete = withObjective && PlacementRules.violations(p, hint).isEmpty();
        BoolVar[][] x = new BoolVar[n][m];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                x[i][s] = model.newBoolVar("x" + i + "_" + s);
            }
            model.addExactlyOne(x[i]);
        }
        // One literal per rule family: the structural ones, then every hard rule of the RuleSet by name.
        RuleSet rules = RuleSet.of(p, prior.cost().score);
        Map<String, BoolVar> family = new LinkedHashMap<>();
        List<String> families = new ArrayList<>(List.of("capacity and minimum size", "keep-apart requests",
                "keep-together requests"));
        rules.hard().forEach(rule -> families.add(rule.name()));
        families.addAll(List.of("locks", "levels"));
        for (String f : families) {
            family.put(f, model.newBoolVar(f));
            if (complete) {
                model.addHint(family.get(f), 1);
            }
        }
        IntVar[] size = new IntVar[m];
        int maxCap = 0;
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            maxCap = Math.max(maxCap, slot.capacity());
            size[s] = model.newIntVar(0, n, "n" + s);
            LinearExprBuilder sum = LinearExpr.newBuilder();
            for (int i = 0; i < n; i++) {
                sum.add(x[i][s]);
            }
            model.addEquality(size[s], sum.build());
            model.addLinearConstraint(size[s], slot.minSize(), slot.capacity())
                    .onlyEnforceIf(family.get("capacity and minimum size"));
        }
        for (int[] pair : p.apart()) {
            for (int s = 0; s < m; s++) {
                model.addBoolOr(new Literal[] {x[pair[0]][s].not(), x[pair[1]][s].not()})
                        .onlyEnforceIf(family.get("keep-apart requests"));
            }
        }
        for (int[] pair : p.together()) {
            for (int s = 0; s < m; s++) {
                model.addEquality(x[pair[0]][s], x[pair[1]][s]).onlyEnforceIf(family.get("keep-together requests"));
            }
        }
        for (Map.Entry<Integer, Integer> lock : p.locks().entrySet()) {
            model.addEquality(x[lock.getKey()][lock.getValue()], 1).onlyEnforceIf(family.get("locks"));
        }

        SectionCost cost = prior.cost();
        long[] score = cost.score;
        if (p.levels() > 1) {
            levelConstraints(p, model, x, score, family.get("levels"));
        }
        LinearExprBuilder obj = LinearExpr.newBuilder();
        Map<Integer, Long> hinted = new HashMap<>();
        Map<Integer, Long> hints = complete ? hinted : null;
        int[] hintSize = new int[m];
        for (int i = 0; i < n; i++) {
            hinted.put(x[i][hint[i]].getIndex(), 1L);
            hintSize[hint[i]]++;
        }
        for (int s = 0; s < m; s++) {
            hinted.put(size[s].getIndex(), (long) hintSize[s]);
            if (complete) {
                model.addHint(size[s], hintSize[s]);
            }
        }
        IntVar[] lowVar = new IntVar[m];
        IntVar[] highVar = new IntVar[m];
        for (int s = 0; s < m; s++) {
            lowVar[s] = model.newIntVar(cost.lowest, cost.highest, "lo" + s);
            highVar[s] = model.newIntVar(cost.lowest, cost.highest, "hi" + s);
            for (int i = 0; i < n; i++) {
                model.addLessOrEqual(lowVar[s], score[i]).onlyEnforceIf(x[i][s]);
                model.addGreaterOrEqual(highVar[s], score[i]).onlyEnforceIf(x[i][s]);
            }
            model.addLessOrEqual(lowVar[s], highVar[s]);
            if (withObjective && cost.spreadCoef > 0) {
                obj.addTerm(highVar[s], cost.spreadCoef);
                obj.addTerm(lowVar[s], -cost.spreadCoef);
            }
        }
        // Valid inequality: the sections' score ranges add up to at least what any split of the students can
        // achieve under the rules (RangeBound). It gives the solver a bound its LP relaxation cannot see.
        long rangeBound = withObjective ? prior.rangeBound() : 0;
        if (rangeBound > 0) {
            LinearExprBuilder spreadSum = LinearExpr.newBuilder();
            for (int s = 0; s < m; s++) {
                spreadSum.add(highVar[s]);
                spreadSum.addTerm(lowVar[s], -1);
            }
            model.addGreaterOrEqual(spreadSum.build(), rangeBound);
            // Each family of sections (co-taught, EL-certified, plain) on its own, which is stronger than the sum.
            for (RangeBound.Part part : prior.parts()) {
                if (part.bound() > 0) {
                    LinearExprBuilder partSum = LinearExpr.newBuilder();
                    for (int s : part.sections()) {
                        partSum.add(highVar[s]);
                        partSum.addTerm(lowVar[s], -1);
                    }
                    model.addGreaterOrEqual(partSum.build(), part.bound());
                }
            }
        }
        // Balance terms: each count's distance outside [floor, ceil] of its fair share, so a perfectly balanced
        // assignment scores 0 and the solver can prove it optimal as soon as it finds one.
        for (int s = 0; s < m && withObjective; s++) {
            for (int b = 0; b < cost.bands && cost.bandCoef > 0; b++) {
                if (cost.perBand[b] == 0) {
                    continue;
                }
                LinearExprBuilder c = LinearExpr.newBuilder();
                for (int i = 0; i < n; i++) {
                    if (cost.band[i] == b) {
                        c.add(x[i][s]);
                    }
                }
                obj.addTerm(outside(model, c.build(), cost.bandLo[s][b], cost.bandHi[s][b], n, "d" + s + "_" + b,
                        hints),
                        cost.bandCoef);
            }
            if (cost.meanCoef > 0) {
                LinearExprBuilder sum = LinearExpr.newBuilder();
                for (int i = 0; i < n; i++) {
                    sum.addTerm(x[i][s], score[i]);
                }
                obj.addTerm(outside(model, sum.build(), cost.meanLo[s], cost.meanHi[s],
                        (long) n * (Math.abs(cost.highest) + Math.abs(cost.lowest) + 1), "mean" + s, hints),
                        cost.meanCoef);
            }
            for (int a = 0; a < cost.attributes.size(); a++) {
                LinearExprBuilder c = LinearExpr.newBuilder();
                for (int i = 0; i < n; i++) {
                    if (cost.hasAttr[a][i]) {
                        c.add(x[i][s]);
                    }
                }
                obj.addTerm(outside(model, c.build(), cost.attrLo[a][s], cost.attrHi[a][s], n, "a" + a + "_" + s,
                        hints),
                        cost.attrCoef[a]);
            }
            obj.addTerm(outside(model, LinearExpr.newBuilder().add(size[s]).build(), cost.sizeLo[s],
                    cost.sizeHi[s], n, "size" + s, hints), cost.sizeCoef);
        }
        for (int i = 0; i < n; i++) {
            for (int sec = 0; sec < m; sec++) {
                model.addHint(x[i][sec], hint[i] == sec ? 1 : 0);
            }
        }
        // Hint each section's score interval too: left to itself the search would open it to the whole range and
        // start from a far worse objective than the hinted placement really has.
        for (int sec = 0; sec < m; sec++) {
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                if (hint[i] == sec) {
                    lowest = Math.min(lowest, score[i]);
                    highest = Math.max(highest, score[i]);
                }
            }
            if (lowest <= highest && complete) {
                model.addHint(lowVar[sec], lowest);
                model.addHint(highVar[sec], highest);
            }
        }
        // Every rule states itself: hard ones behind their family's literal, soft ones as objective penalties.
        ModelContext context = new ModelContext(model, x, size, withObjective ? obj : null, hint, complete);
        for (SectionRule rule : rules.all()) {
            rule.model(context, rule.hard() ? family.get(rule.name()) : null);
        }
        symmetryBreaking(p, model, x, score);
        long priorBound = 0;
        if (withObjective) {
            LinearExpr objective = obj.build();
            model.minimize(objective);
            // The interval-cover and rule-aware range bounds, stated so the search can prune with them.
            priorBound = prior.bound();
            if (priorBound > 0) {
                model.addGreaterOrEqual(objective, priorBound);
            }
        }
        List<Literal> assumptions = new ArrayList<>(family.values());
        if (explain) {
            model.addAssumptions(assumptions.toArray(new Literal[0]));
        } else {
            for (Literal lit : assumptions) {
                model.addBoolOr(new Literal[] {lit});
            }
        }

        CpSolver solver = new CpSolver();
        // Deterministic time (CP-SAT's work units), so a run with the same seed gives the same classes however busy
        // the machine is; the wall clock only as the recorded safety stop.
        stop.limit(solver, units);
        if (withObjective) {
            // Interleaved search runs CP-SAT's portfolio (LNS, core-based bounds, several LP strengths) in fixed
            // batches, so the result depends on the seed only, not on thread timing or the number of workers. A
            // single plain worker has no LNS and stalls on tracked dials (Elmhurst at dial 1: gap 16 % vs proven
            // optimal in 4 s).
            solver.getParameters().setInterleaveSearch(true);
            // Batches of two tasks: a batch ends only when all its tasks have used their work, and with the
            // default (six on two threads) a 750-student grade given 15 units stopped after 43 (34 s instead of
            // about 15); with two it stops after 16 (22 s), with the same classes.
            solver.getParameters().setInterleaveBatchSize(2);
            solver.getParameters().setNumWorkers(Math.max(2, p.workers()));
        } else {
            // Repairing a draft (when RuleRepair could not) is a pure feasibility search, which the plain
            // hint-repair worker does best; the interleaved portfolio found no repair of the high-school draft in 25
            // units. One worker, so that the answer stays independent of --workers.
            solver.getParameters().setNumWorkers(1);
        }
        solver.getParameters().setRandomSeed((int) (p.seed() & 0x7fffffff));
        solver.getParameters().setRepairHint(!complete);
        solver.getParameters().setLogSearchProgress(Boolean.getBoolean("mosaic.solverLog"));
        String extra = System.getProperty("mosaic.cpsatParameters");
        if (extra != null && withObjective) {
            // For tuning experiments: CP-SAT parameters in protobuf text format, applied last.
            try {
                com.google.protobuf.TextFormat.merge(extra, solver.getParameters());
            } catch (com.google.protobuf.TextFormat.ParseException e) {
                throw new IllegalArgumentException("mosaic.cpsatParameters: " + e.getMessage(), e);
            }
        }
        long t0 = System.nanoTime();
        CpSolverStatus status = solver.solve(model);
        stop.note(status);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (status == CpSolverStatus.INFEASIBLE && !explain) {
            return solve(p, true, withObjective, hint, units, prior, stop);
        }
        if (status == CpSolverStatus.INFEASIBLE) {
            Map<Integer, String> byIndex = new HashMap<>();
            Map<Integer, BoolVar> literal = new HashMap<>();
            for (Map.Entry<String, BoolVar> e : family.entrySet()) {
                byIndex.put(e.getValue().getIndex(), e.getKey());
                literal.put(e.getValue().getIndex(), e.getValue());
            }
            // Deletion filter: drop each rule family whose removal keeps the problem infeasible, leaving a minimal
            // set of families that conflict.
            List<Integer> core = new ArrayList<>(solver.sufficientAssumptionsForInfeasibility());
            for (int k = 0; k < core.size() && core.size() > 1; ) {
                List<Integer> without = new ArrayList<>(core);
                without.remove(k);
                model.clearAssumptions();
                model.addAssumptions(without.stream().map(literal::get).toArray(Literal[]::new));
                CpSolver probe = new CpSolver();
                // Work units, not seconds, so that the families named repeat on any machine.
                stop.limit(probe, Math.min(5, Math.max(0.1, units)));
                probe.getParameters().setNumWorkers(1);
                if (probe.solve(model) == CpSolverStatus.INFEASIBLE) {
                    core = without;
                } else {
                    k++;
                }
            }
            List<String> names = core.stream().map(i -> byIndex.getOrDefault(i, "rule " + i)).toList();
            throw new BadInputException("no class assignment satisfies these rules together: " + String.join(" + ",
                    names) + "; relax one of them (section attributes, capacities, requests or locks)");
        }
        long bound = withObjective ? Math.max(priorBound, Math.round(solver.bestObjectiveBound())) : 0;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            // No placement within the limit: the caller may still hold a start; the bound is valid regardless.
            return new Solution(null, status.name(), Long.MAX_VALUE, bound, 1, seconds, Map.of(), Map.of(),
                    stop.fired() ? Solution.WALL_CLOCK : Solution.WORK_LIMIT);
        }
        int[] section = new int[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                if (solver.booleanValue(x[i][s])) {
                    section[i] = s;
                }
            }
        }
        long objective = withObjective ? Math.round(solver.objectiveValue()) : cost.total(section);
        double gap = objective == 0 ? 0 : Math.max(0, (objective - bound) / (double) Math.abs(objective));
        return new Solution(section, status.name(), objective, bound, gap, seconds, rulesApplied(p, section),
                Map.of(), status == CpSolverStatus.OPTIMAL ? Solution.PROVEN
                : stop.fired() ? Solution.WALL_CLOCK : Solution.WORK_LIMIT);
    }

    /** How far {@code e} lies outside [lo, hi]: 0 inside, else the distance to the nearer end. */
    private static IntVar outside(CpModel model, LinearExpr e, long lo, long hi, long bound, String name,
                                  Map<Integer, Long> hinted) {
        IntVar d = model.newIntVar(0, bound, name);
        model.addGreaterOrEqual(d, LinearExpr.affine(e, 1, -hi));
        model.addGreaterOrEqual(d, LinearExpr.affine(e, -1, lo));
        // Hint the distance the hinted placement gives, so the hint is complete and CP-SAT starts from its true value.
        if (hinted == null) {
            return d;
        }
        long value = e.getOffset();
        for (int k = 0; k < e.numElements(); k++) {
            value += e.getCoefficient(k) * hinted.getOrDefault(e.getVariableIndex(k), 0L);
        }
        model.addHint(d, SectionCost.out(value, lo, hi));
        return d;
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

    /** Levels mode: sections of level ℓ take the ℓ-th contiguous score band, sized by their seats. */
    private static void levelConstraints(SectionProblem p, CpModel model, BoolVar[][] x, long[] score, BoolVar on) {
        int n = p.pupils().size();
        List<String> levels = new ArrayList<>(new LinkedHashSet<>(p.sections().stream()
                .map(SectionProblem.Slot::level).toList()));
        // Order levels by name as given: lowest band first is the order the sections list them in.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(score[a], score[b]));
        long totalSeats = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        int start = 0;
        for (int l = 0; l < levels.size(); l++) {
            String level = levels.get(l);
            long seats = p.sections().stream().filter(s -> s.level().equals(level))
                    .mapToLong(SectionProblem.Slot::capacity).sum();
            int count = l == levels.size() - 1 ? n - start : (int) Math.round((double) n * seats / totalSeats);
            Set<Integer> band = new java.util.HashSet<>();
            for (int k = start; k < start + count && k < n; k++) {
                band.add(order[k]);
            }
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < p.sections().size(); s++) {
                    if (p.sections().get(s).level().equals(level) != band.contains(i)) {
                        model.addEquality(x[i][s], 0).onlyEnforceIf(on);
                    }
                }
            }
            start += count;
        }
    }

    /** Full clusters where possible: ⌊gifted / max⌋ sections (at least one), never more than there are sections. */
    static int clusterCount(int gifted, int sections, SectionProblem.Rules r) {
        return GiftedClusterRule.clusterCount(gifted, sections, r);
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
     * What principals do by hand, used as the solver's starting hint and as the benchmark baseline: students who
     * must go to co-taught or EL-certified sections are dealt into those first (keeping the IEP cap), gifted students
     * into as few cluster sections as the cluster size allows, then everyone else is dealt by score rank in a snake
     * order (1, 2, …, m, m, …, 1) into sections with seats left. Locks are honoured; requests are not checked.
     */
    public static int[] snakeDraft(SectionProblem p) {
        int n = p.pupils().size();
        int m = p.sections().size();
        int[] section = new int[n];
        Arrays.fill(section, -1);
        int[] size = new int[m];
        int[] iep = new int[m];
        p.locks().forEach((i, sec) -> {
            section[i] = sec;
            size[sec]++;
        });
        SectionProblem.Rules r = p.rules();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p.pupils().get(b).score(), p.pupils().get(a).score()));
        int gifted = (int) p.pupils().stream().filter(SectionProblem.Pupil::gifted).count();
        int clusters = r.clusterGifted() && gifted >= r.giftedMin() ? clusterCount(gifted, m, r) : 0;
        int[] giftedIn = new int[m];
        int turn = 0;
        for (int pass = 0; pass < 4; pass++) {
            for (int k = 0; k < n; k++) {
                int i = order[k];
                if (section[i] >= 0) {
                    continue;
                }
                SectionProblem.Pupil pu = p.pupils().get(i);
                boolean needCo = pu.iep() && r.clusterIep();
                boolean needEl = pu.ell() && r.clusterEll();
                boolean isPass = pass == 0 ? needCo && needEl : pass == 1 ? needCo || needEl
                        : pass == 2 ? pu.gifted() && clusters > 0 : true;
                if (!isPass) {
                    continue;
                }
                int best = -1;
                for (int tries = 0; tries < 2 * m && best < 0; tries++) {
                    int cycle = turn / m;
                    int sec = cycle % 2 == 0 ? turn % m : m - 1 - turn % m;
                    turn++;
                    SectionProblem.Slot slot = p.sections().get(sec);
                    boolean ok = size[sec] < slot.capacity()
                            && (!needCo || slot.coTaught() || p.sections().stream()
                            .noneMatch(SectionProblem.Slot::coTaught))
                            && (!needEl || slot.ellCertified() || p.sections().stream()
                            .noneMatch(SectionProblem.Slot::ellCertified))
                            && (!needCo || iep[sec] < r.iepMax())
                            && (pass != 2 || (sec < clusters ? giftedIn[sec] < Math.min(r.giftedMax(),
                            (int) (r.giftedShare() * Math.min(slot.capacity(), n / m))) : giftedIn[sec]
                            < r.giftedMin() - 1));
                    if (ok) {
                        best = sec;
                    }
                }
                if (best < 0) {
                    for (int sec = 0; sec < m && best < 0; sec++) {
                        if (size[sec] < p.sections().get(sec).capacity()) {
                            best = sec;
                        }
                    }
                }
                if (best < 0) {
                    best = 0;
                }
                section[i] = best;
                size[best]++;
                iep[best] += pu.iep() ? 1 : 0;
                giftedIn[best] += pu.gifted() ? 1 : 0;
            }
        }
        for (int[] pair : p.together()) {
            if (section[pair[1]] != section[pair[0]] && !p.locks().containsKey(pair[1])) {
                size[section[pair[1]]]--;
                section[pair[1]] = section[pair[0]];
                size[section[pair[0]]]++;
            }
        }
        separateApart(p, section);
        return section;
    }

    /**
     * The tracked counterpart of {@link #snakeDraft}: consecutive score bands filled section by section, then each
     * student who needs a co-taught or EL-certified section swapped with the closest-scoring student who does not,
     * in the nearest such section. The starting hint for dials of 0.5 and up.
     */
    static int[] bandDraft(SectionProblem p) {
        int n = p.pupils().size();
        int m = p.sections().size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p.pupils().get(a).score(), p.pupils().get(b).score()));
        int[] section = new int[n];
        long seats = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        int k = 0;
        for (int s = 0; s < m; s++) {
            int take = s == m - 1 ? n - k : (int) Math.round((double) n * p.sections().get(s).capacity() / seats);
            for (int q = 0; q < take && k < n; q++) {
                section[order[k++]] = s;
            }
        }
        while (k < n) {
            section[order[k++]] = m - 1;
        }
        SectionProblem.Rules r = p.rules();
        boolean anyCo = p.sections().stream().anyMatch(SectionProblem.Slot::coTaught);
        boolean anyEl = p.sections().stream().anyMatch(SectionProblem.Slot::ellCertified);
        for (int i = 0; i < n; i++) {
            SectionProblem.Pupil pu = p.pupils().get(i);
            boolean needCo = pu.iep() && r.clusterIep() && anyCo;
            boolean needEl = pu.ell() && r.clusterEll() && anyEl;
            if (!fits(p.sections().get(section[i]), needCo, needEl)) {
                int best = -1;
                for (int j = 0; j < n; j++) {
                    SectionProblem.Pupil other = p.pupils().get(j);
                    boolean otherCo = other.iep() && r.clusterIep() && anyCo;
                    boolean otherEl = other.ell() && r.clusterEll() && anyEl;
                    if (fits(p.sections().get(section[j]), needCo, needEl)
                            && fits(p.sections().get(section[i]), otherCo, otherEl)
                            && (best < 0 || Math.abs(other.score() - pu.score())
                            < Math.abs(p.pupils().get(best).score() - pu.score()))) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    int t = section[i];
                    section[i] = section[best];
                    section[best] = t;
                }
            }
        }
        separateApart(p, section);
        p.locks().forEach((i, sec) -> section[i] = sec);
        return section;
    }

    /**
     * Keep-apart pairs in one section: the second student trades places with the closest-scoring plain student (no
     * placement rule, request or lock) of another section.
     */
    private static void separateApart(SectionProblem p, int[] section) {
        int n = section.length;
        java.util.Set<Integer> requested = new java.util.HashSet<>();
        p.apart().forEach(q -> {
            requested.add(q[0]);
            requested.add(q[1]);
        });
        p.together().forEach(q -> {
            requested.add(q[0]);
            requested.add(q[1]);
        });
        for (int[] pair : p.apart()) {
            if (section[pair[0]] != section[pair[1]] || p.locks().containsKey(pair[1])) {
                continue;
            }
            int b = pair[1];
            SectionProblem.Pupil pb = p.pupils().get(b);
            if (pb.iep() || pb.ell() || pb.gifted()) {
                b = pair[0];
                pb = p.pupils().get(b);
            }
            int best = -1;
            for (int j = 0; j < n; j++) {
                SectionProblem.Pupil o = p.pupils().get(j);
                boolean plain = !o.iep() && !o.ell() && !o.gifted() && !p.locks().containsKey(j)
                        && !requested.contains(j);
                if (section[j] != section[b] && plain && (best < 0 || Math.abs(o.score() - pb.score())
                        < Math.abs(p.pupils().get(best).score() - pb.score()))) {
                    best = j;
                }
            }
            if (best >= 0 && !pb.iep() && !pb.ell() && !pb.gifted()) {
                int t = section[best];
                section[best] = section[b];
                section[b] = t;
            }
        }
    }

    private static boolean fits(SectionProblem.Slot slot, boolean needCo, boolean needEl) {
        return (!needCo || slot.coTaught()) && (!needEl || slot.ellCertified());
    }

    /** Whether sections s and s + 1 are interchangeable: same seats and attributes, neither holding a lock. */
    private static boolean interchangeable(SectionProblem p, int s) {
        SectionProblem.Slot a = p.sections().get(s);
        SectionProblem.Slot b = p.sections().get(s + 1);
        boolean same = a.capacity() == b.capacity() && a.minSize() == b.minSize() && a.coTaught() == b.coTaught()
                && a.ellCertified() == b.ellCertified() && a.level().equals(b.level());
        return same && !p.locks().containsValue(s) && !p.locks().containsValue(s + 1);
    }

    /**
     * The same classes with interchangeable sections relabelled in the order the symmetry breaking asks for (by score
     * total), so that a start from the exchange search is a solution of the model as stated.
     */
    static int[] canonical(SectionProblem p, long[] score, int[] section) {
        int m = p.sections().size();
        long[] total = new long[m];
        for (int i = 0; i < section.length; i++) {
            total[section[i]] += score[i];
        }
        int[] relabel = new int[m];
        for (int s = 0; s < m; s++) {
            relabel[s] = s;
        }
        for (int from = 0; from < m; ) {
            int to = from;
            while (to + 1 < m && interchangeable(p, to)) {
                to++;
            }
            Integer[] run = new Integer[to - from + 1];
            for (int k = 0; k < run.length; k++) {
                run[k] = from + k;
            }
            Arrays.sort(run, (a, b) -> Long.compare(total[a], total[b]));
            for (int k = 0; k < run.length; k++) {
                relabel[run[k]] = from + k;
            }
            from = to + 1;
        }
        int[] out = new int[section.length];
        for (int i = 0; i < section.length; i++) {
            out[i] = relabel[section[i]];
        }
        return out;
    }

    /** Identical sections are interchangeable: order them by the sum of their students' scores. */
    private static void symmetryBreaking(SectionProblem p, CpModel model, BoolVar[][] x, long[] score) {
        int n = p.pupils().size();
        for (int s = 0; s + 1 < p.sections().size(); s++) {
            if (interchangeable(p, s)) {
                LinearExprBuilder diff = LinearExpr.newBuilder();
                for (int i = 0; i < n; i++) {
                    diff.addTerm(x[i][s], score[i]);
                    diff.addTerm(x[i][s + 1], -score[i]);
                }
                model.addLessOrEqual(diff.build(), 0);
            }
        }
    }

    /** The hard rules each placement had to satisfy, for the reason column. */
    private static Map<Integer, List<String>> rulesApplied(SectionProblem p, int[] section) {
        Map<Integer, List<String>> out = new HashMap<>();
        boolean anyCoTaught = p.sections().stream().anyMatch(SectionProblem.Slot::coTaught);
        boolean anyEll = p.sections().stream().anyMatch(SectionProblem.Slot::ellCertified);
        for (int i = 0; i < section.length; i++) {
            SectionProblem.Pupil pu = p.pupils().get(i);
            List<String> why = new ArrayList<>();
            if (p.locks().containsKey(i)) {
                why.add("locked here");
            }
            if (pu.iep() && p.rules().clusterIep() && anyCoTaught) {
                why.add("IEP: co-taught section");
            }
            if (pu.ell() && p.rules().clusterEll() && anyEll) {
                why.add("English learner: EL-certified teacher");
            }
            if (pu.gifted() && p.rules().clusterGifted()) {
                why.add("gifted cluster");
            }
            if (pu.accelerated()) {
                why.add("accelerated from the grade below (score cleared the cut)");
            }
            for (int[] pair : p.apart()) {
                if (pair[0] == i || pair[1] == i) {
                    why.add("kept apart from " + p.pupils().get(pair[0] == i ? pair[1] : pair[0]).id());
                }
            }
            for (int[] pair : p.together()) {
                if (pair[0] == i || pair[1] == i) {
                    why.add("kept together with " + p.pupils().get(pair[0] == i ? pair[1] : pair[0]).id());
                }
            }
            out.put(i, why);
        }
        return out;
    }

    /** Capacity arithmetic that can be explained without a solver, with the numbers a principal can check. */
    static void explainObviousConflicts(SectionProblem p) {
        List<InputProblem> problems = new ArrayList<>();
        int n = p.pupils().size();
        long seats = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        if (seats < n) {
            problems.add(InputProblem.general(n + " students but only " + seats + " seats in " + p.sections().size()
                    + " sections; add sections or raise --capacity"));
        }
        SectionProblem.Rules r = p.rules();
        long coTaught = p.sections().stream().filter(SectionProblem.Slot::coTaught).count();
        long iep = p.pupils().stream().filter(SectionProblem.Pupil::iep).count();
        long ellSeats = p.sections().stream().filter(SectionProblem.Slot::ellCertified)
                .mapToLong(SectionProblem.Slot::capacity).sum();
        // Each rule's own count arithmetic (the co-taught cap, EL seats, the school's rules); then what two rules
        // or a request and a rule cannot do together.
        RuleSet.of(p).conflicts().forEach(c -> problems.add(InputProblem.general(c)));
        long needBoth = p.pupils().stream().filter(pu -> pu.iep() && pu.ell()).count();
        if (needBoth > 0 && r.clusterIep() && coTaught > 0 && r.clusterEll() && ellSeats > 0
                && p.sections().stream().noneMatch(s -> s.coTaught() && s.ellCertified())) {
            problems.add(InputProblem.general(needBoth + " student(s) with an IEP who are also English learners "
                    + "need a section that is both co-taught and EL-certified; there is none"));
        } else if (needBoth > 0 && r.clusterIep() && coTaught > 0 && r.clusterEll() && ellSeats > 0) {
            long both = p.sections().stream().filter(s -> s.coTaught() && s.ellCertified()).count();
            long capBoth = p.sections().stream().filter(s -> s.coTaught() && s.ellCertified())
                    .mapToLong(s -> PlacementRules.iepLimit(r, s.capacity())).sum();
            if (needBoth > capBoth) {
                problems.add(InputProblem.general(needBoth + " students with an IEP who are also English learners "
                        + "cannot fit: they need co-taught EL-certified sections, and co-taught cap " + r.iepMax()
                        + " with " + both + " such section" + (both == 1 ? "" : "s") + " allows " + capBoth
                        + "; certify more co-taught sections"));
            }
        }
        // Keep-together groups (connected components) must fit one section, and its rules.
        int maxCap = p.sections().stream().mapToInt(SectionProblem.Slot::capacity).max().orElse(0);
        for (int[] unit : PlacementRules.togetherUnits(p)) {
            if (unit.length < 2) {
                continue;
            }
            List<Integer> g = Arrays.stream(unit).boxed().toList();
            long gIep = g.stream().filter(i -> p.pupils().get(i).iep()).count();
            if (g.size() > maxCap) {
                problems.add(InputProblem.general("keep-together group of " + g.size() + " students ("
                        + p.pupils().get(g.get(0)).id() + ", ...) cannot fit: the largest section has " + maxCap
                        + " seats"));
            }
            if (r.clusterIep() && coTaught > 0 && gIep > r.iepMax()) {
                problems.add(InputProblem.general("keep-together group of " + gIep + " IEP students cannot fit: "
                        + "co-taught cap " + r.iepMax() + " with " + coTaught + " co-taught sections"));
            }
            boolean hasIep = gIep > 0 && r.clusterIep() && coTaught > 0;
            boolean hasEll = g.stream().anyMatch(i -> p.pupils().get(i).ell()) && r.clusterEll() && ellSeats > 0;
            if (hasIep && hasEll && p.sections().stream().noneMatch(s -> s.coTaught() && s.ellCertified())) {
                problems.add(InputProblem.general("keep-together group with IEP students and English learners ("
                        + p.pupils().get(g.get(0)).id() + ", ...) needs a section that is both co-taught and "
                        + "EL-certified; there is none"));
            }
        }
        for (Map.Entry<Integer, Integer> lock : p.locks().entrySet()) {
            SectionProblem.Pupil pu = p.pupils().get(lock.getKey());
            SectionProblem.Slot s = p.sections().get(lock.getValue());
            if (pu.iep() && r.clusterIep() && coTaught > 0 && !s.coTaught()) {
                problems.add(InputProblem.general("lock puts IEP student " + pu.id() + " in " + s.id()
                        + ", which is not co-taught"));
            }
            if (pu.ell() && r.clusterEll() && ellSeats > 0 && !s.ellCertified()) {
                problems.add(InputProblem.general("lock puts English learner " + pu.id() + " in " + s.id()
                        + ", which has no EL-certified teacher"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

}
