package org.mosaic.web;

import java.util.List;
import java.util.Map;

import org.mosaic.model.Dataset;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.sections.GradeProblem;
import org.mosaic.sections.SectionConfig;
import org.mosaic.sections.SectionProblem;

/**
 * One class-formation problem built from a stored dataset by the same {@link GradeProblem} as
 * {@code mosaic sections}: the school's students of the grade with their latest score in the subject, the sections,
 * the keep-apart and keep-together requests and the locks. {@code students.get(i)} is pupil i of {@code problem}.
 */
public record ClassFormation(ClassSetup setup, SectionProblem problem, List<Student> students,
                             List<Section> sections, Map<String, Integer> index) {

    public static ClassFormation of(Dataset d, ClassSetup setup) {
        SectionConfig config = new SectionConfig(SectionProblem.Weights.defaults(), setup.rules(),
                setup.coTaught(), setup.ellCertified(), -1, List.of(), null);
        GradeProblem g = GradeProblem.builder(d, setup.schoolId(), setup.grade(), setup.subject())
                .sectionsFromData(setup.sectionsFromData())
                .sections(setup.sectionsFromData() ? null : setup.count(), setup.sectionsFromData() ? null
                        : setup.capacity())
                .tracking(setup.tracking()).config(config).locks(setup.locks()).timeLimit(setup.timeLimit())
                .seed(setup.seed()).build();
        return new ClassFormation(setup, g.problem(), g.students(), g.sections(), g.index());
    }
}
