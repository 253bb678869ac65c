package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import org.mosaic.sections.rules.ModelContext;
import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.SectionRule;

/**
 * The CP-SAT model of a class-formation problem and its solve: x[i][s] and the section sizes, the structural rule
 * families (capacity, requests, locks, levels), every rule of the {@link RuleSet} stating itself, the objective's
 * terms from {@link SectionCost}, the prior bounds as valid inequalities and the symmetry breaking. Called by the
 * pipeline ({@link SectionSolver}) for a repair (no objective) or the search with its proof; it returns a
 * {@link SectionSolver.Solution} and never calls back.
 */
final class SectionModel {
    private SectionModel() {
    }

    /**
     * Builds and solves the model. Rule families are literals fixed to true for the real solve (so presolve and all
     * workers run at full strength); only if that is infeasible is the model solved again with the literals as
     * assumptions, to name the conflicting families.
     */
    static SectionSolver.Solution solve(SectionProblem p, boolean explain, boolean withObjective, int[] hint,
                                  double units, SectionSolver.Prior prior, SafetyStop stop) {
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
            throw ConflictExplainer.conflicting(model, solver, family, units, stop);
        }
        long bound = withObjective ? Math.max(priorBound, Math.round(solver.bestObjectiveBound())) : 0;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            // No placement within the limit: the caller may still hold a start; the bound is valid regardless.
            return new SectionSolver.Solution(null, status.name(), Long.MAX_VALUE, bound, 1, seconds, Map.of(),
                    Map.of(),
                    stop.fired() ? SectionSolver.Solution.WALL_CLOCK : SectionSolver.Solution.WORK_LIMIT, List.of());
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
        return new SectionSolver.Solution(section, status.name(), objective, bound, gap, seconds,
                PlacementRules.reasons(p, section),
                Map.of(), status == CpSolverStatus.OPTIMAL ? SectionSolver.Solution.PROVEN
                : stop.fired() ? SectionSolver.Solution.WALL_CLOCK : SectionSolver.Solution.WORK_LIMIT, List.of());
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

    /** Identical sections are interchangeable: order them by the sum of their students' scores. */
    private static void symmetryBreaking(SectionProblem p, CpModel model, BoolVar[][] x, long[] score) {
        int n = p.pupils().size();
        for (int s = 0; s + 1 < p.sections().size(); s++) {
            if (Drafts.interchangeable(p, s)) {
                LinearExprBuilder diff = LinearExpr.newBuilder();
                for (int i = 0; i < n; i++) {
                    diff.addTerm(x[i][s], score[i]);
                    diff.addTerm(x[i][s + 1], -score[i]);
                }
                model.addLessOrEqual(diff.build(), 0);
            }
        }
    }
}
