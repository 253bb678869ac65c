package org.mosaic.sections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.Literal;

import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;
import org.mosaic.sections.rules.RuleSet;

/**
 * Why no classes can keep the rules, in words a principal can check: first each rule's own count arithmetic and what
 * two rules or a request and a rule cannot do together (before any search, {@link #obvious}); then, when only CP-SAT
 * finds the conflict, a minimal set of rule families that conflict, by name ({@link #conflicting}).
 */
final class ConflictExplainer {
    private ConflictExplainer() {
    }

    /** Capacity arithmetic that can be explained without a solver, with the numbers a principal can check. */
    static void obvious(SectionProblem p) {
        List<InputProblem> problems = new ArrayList<>();
        int n = p.pupils().size();
        long seats = p.sections().stream().mapToLong(SectionProblem.Slot::capacity).sum();
        if (seats < n) {
            problems.add(InputProblem.general(n + " students but only " + seats + " seats in " + p.sections().size()
                    + " sections; add sections or raise --capacity"));
        }
        // Each rule's own count arithmetic (the co-taught cap, EL seats, the school's rules); then what two rules
        // or a request and a rule cannot do together.
        RuleSet rules = RuleSet.of(p);
        rules.conflicts().forEach(c -> problems.add(InputProblem.general(c)));
        rules.pairConflicts().forEach(c -> problems.add(InputProblem.general(c)));
        // Keep-together groups (connected components) must fit one section, and its rules.
        int maxCap = p.sections().stream().mapToInt(SectionProblem.Slot::capacity).max().orElse(0);
        for (int[] unit : PlacementRules.togetherUnits(p)) {
            if (unit.length < 2) {
                continue;
            }
            if (unit.length > maxCap) {
                problems.add(InputProblem.general("keep-together group of " + unit.length + " students ("
                        + p.pupils().get(unit[0]).id() + ", ...) cannot fit: the largest section has " + maxCap
                        + " seats"));
            }
            rules.unitConflicts(unit).forEach(c -> problems.add(InputProblem.general(c)));
        }
        for (Map.Entry<Integer, Integer> lock : p.locks().entrySet()) {
            rules.lockConflicts(lock.getKey(), lock.getValue()).forEach(c -> problems.add(InputProblem.general(c)));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
    }

    /**
     * The rule families of an infeasible model (solved with the families' literals as assumptions) that conflict:
     * CP-SAT's sufficient assumptions, shrunk to a minimal set by a deletion filter.
     */
    static BadInputException conflicting(CpModel model, CpSolver solver, Map<String, BoolVar> family, double units,
                                         SafetyStop stop) {
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
        return new BadInputException("no class assignment satisfies these rules together: " + String.join(" + ",
                names) + "; relax one of them (section attributes, capacities, requests or locks)");
    }
}
