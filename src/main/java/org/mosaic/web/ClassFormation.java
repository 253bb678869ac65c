package org.mosaic.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.RequestKind;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.sections.SectionProblem;

/**
 * One class-formation problem built from a stored dataset the way {@code mosaic sections} builds it from files:
 * the school's students of the grade with their latest score in the subject, the sections, the keep-apart and
 * keep-together requests and the locks. {@code students.get(i)} is pupil i of {@code problem}.
 */
public record ClassFormation(ClassSetup setup, SectionProblem problem, List<Student> students,
                             List<Section> sections, Map<String, Integer> index) {

    public static ClassFormation of(Dataset d, ClassSetup setup) {
        if (!(setup.tracking() >= 0 && setup.tracking() <= 1)) {
            throw new BadInputException("tracking " + setup.tracking() + ": use a value from 0 (mixed) to 1 "
                    + "(tracked)");
        }
        if (d.district().school(setup.schoolId()).isEmpty()) {
            throw new BadInputException("school '" + setup.schoolId() + "' is not in schools.csv");
        }
        String subject = setup.subject().toLowerCase(Locale.ROOT);
        Map<String, Double> scores = d.latestScores(subject);
        if (scores.isEmpty()) {
            throw new BadInputException("no " + subject + " scores in scores.csv");
        }
        List<Student> students = new ArrayList<>();
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (Student s : d.students()) {
            if (!s.schoolId().equals(setup.schoolId()) || s.grade() != setup.grade()) {
                continue;
            }
            Double score = scores.get(s.id());
            if (score == null) {
                // An id is fine in an error: it is the handle the office uses to fix the record.
                throw new BadInputException("student " + s.id() + " has no " + subject + " score; add one to "
                        + "scores.csv (every student needs a score to be placed)");
            }
            students.add(s);
            pupils.add(new SectionProblem.Pupil(s.id(), score, s.frl(), s.race().code(), s.gender().code(), s.ell(),
                    s.iep(), s.gifted(), s.behavior(), false, s.attributes()));
        }
        if (pupils.isEmpty()) {
            throw new BadInputException("no students in school " + setup.schoolId() + ", grade "
                    + Grades.label(setup.grade()));
        }
        List<Section> sections = sections(d, setup, subject, pupils);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < pupils.size(); i++) {
            index.put(pupils.get(i).id(), i);
        }
        List<int[]> apart = new ArrayList<>();
        List<int[]> together = new ArrayList<>();
        for (PlacementRequest r : d.requests()) {
            Integer a = index.get(r.studentA());
            Integer b = index.get(r.studentB());
            if (a != null && b != null) {
                (r.kind() == RequestKind.APART ? apart : together).add(new int[] {a, b});
            }
        }
        List<String> sectionIds = sections.stream().map(Section::id).toList();
        Map<Integer, Integer> locks = new HashMap<>();
        setup.locks().forEach((student, section) -> {
            Integer i = index.get(student);
            int s = sectionIds.indexOf(section);
            if (i != null && s >= 0) {
                locks.put(i, s);
            }
        });
        int n = pupils.size();
        int minSize = Math.max(1, n / sections.size() - 3);
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (Section s : sections) {
            slots.add(new SectionProblem.Slot(s.id(), s.capacity(), Math.min(minSize, s.capacity()), s.coTaught(),
                    s.ellCertified(), s.level()));
        }
        SectionProblem problem = SectionProblem.builder(pupils, slots).tracking(setup.tracking()).apart(apart).together(together).locks(locks).rules(setup.rules()).timeLimit(setup.timeLimit()).seed(setup.seed()).build();
        return new ClassFormation(setup, problem, List.copyOf(students), List.copyOf(sections), Map.copyOf(index));
    }

    /** The dataset's sections for this school, grade and subject, or count × capacity as the CLI makes them. */
    private static List<Section> sections(Dataset d, ClassSetup setup, String subject,
                                          List<SectionProblem.Pupil> pupils) {
        List<Section> existing = d.sections().stream().filter(s -> s.schoolId().equals(setup.schoolId())
                && s.grade() == setup.grade() && s.subject().equalsIgnoreCase(subject)).toList();
        if (setup.sectionsFromData()) {
            if (existing.isEmpty()) {
                throw new BadInputException("sections.csv has no " + subject + " sections for school "
                        + setup.schoolId() + ", grade " + Grades.label(setup.grade()) + ": give a number of "
                        + "sections and a capacity");
            }
            return existing;
        }
        int count = setup.count();
        int capacity = setup.capacity();
        if (count < 1 || capacity < 1) {
            throw new BadInputException("sections and capacity must be at least 1");
        }
        SectionProblem.Rules rules = setup.rules();
        long iep = pupils.stream().filter(SectionProblem.Pupil::iep).count();
        long ell = pupils.stream().filter(SectionProblem.Pupil::ell).count();
        boolean both = pupils.stream().anyMatch(p -> p.iep() && p.ell());
        int coTaught = setup.coTaught() >= 0 ? setup.coTaught() : iep == 0 ? 0
                : (int) Math.max(Math.ceil(iep / (double) rules.iepMax()),
                Math.ceil(iep / Math.floor(rules.iepShare() * capacity)));
        int ellCertified = setup.ellCertified() >= 0 ? setup.ellCertified() : ell == 0 ? 0
                : (int) Math.ceil(ell / (double) capacity);
        List<Section> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            // As the CLI: co-taught sections first, EL-certified last; a student who needs both gets section 1 both.
            boolean ct = k < coTaught;
            boolean el = k >= count - ellCertified || (both && k == 0);
            String id = setup.schoolId() + "-g" + Grades.label(setup.grade()) + "-" + subject + "-" + (k + 1);
            out.add(new Section(id, setup.schoolId(), setup.grade(), subject, capacity, "", ct, el,
                    Integer.toString(k + 1), "", "", ""));
        }
        return out;
    }
}
