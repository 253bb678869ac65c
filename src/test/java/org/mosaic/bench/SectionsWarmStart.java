package org.mosaic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mosaic.io.synthetic.ElmhurstPreset;
import org.mosaic.model.Dataset;
import org.mosaic.model.Student;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionSolver;

/** Diagnostic: Elmhurst grade 6 math at dial 1, then at DIAL warm-started from it. Usage: SectionsWarmStart DIAL */
public final class SectionsWarmStart {
    public static void main(String[] args) {
        Dataset d = ElmhurstPreset.build(1);
        Map<String, Double> math = d.latestScores("math");
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (Student s : d.students()) {
            if (s.grade() == 6) {
                pupils.add(new SectionProblem.Pupil(s.id(), math.get(s.id()), s.frl(), s.race().code(),
                        s.gender().code(), s.ell(), s.iep(), s.gifted(), s.behavior(), false));
            }
        }
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            slots.add(new SectionProblem.Slot("s" + k, 32, 28, k < 2, true, ""));
        }
        SectionProblem tracked = problem(pupils, slots, 1.0);
        SectionSolver.Solution one = SectionSolver.solve(tracked);
        System.out.println("dial 1: " + one.status() + " " + one.objective());
        double dial = Double.parseDouble(args[0]);
        SectionSolver.Solution warm = SectionSolver.solve(problem(pupils, slots, dial), one.section());
        SectionSolver.Solution cold = SectionSolver.solve(problem(pupils, slots, dial));
        System.out.println("dial " + dial + " warm: " + warm.status() + " " + warm.objective() + "; cold: "
                + cold.status() + " " + cold.objective());
    }

    static SectionProblem problem(List<SectionProblem.Pupil> p, List<SectionProblem.Slot> s, double t) {
        return SectionProblem.builder(p, s).tracking(t).timeLimit(3).seed(1).build();
    }
}
