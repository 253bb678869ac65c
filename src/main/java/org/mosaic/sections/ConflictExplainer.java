package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
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
