package org.mosaic.sections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.RequestKind;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * One school's grade and subject as a class-formation problem, built from a dataset: the students with their latest
 * score (or, for homerooms, the mean of every subject's standardized score), the sections (those of the dataset, or
 * {@code count} × {@code capacity} with enough co-taught and EL-certified ones), the requests, the locks and the
 * config's rules. The one place a {@link SectionProblem} is made from data: the CLI, the web class builder and the
 * evaluator all come here. {@code students.get(i)} is pupil i of {@code problem}; {@code index}: id → i.
 */
public record GradeProblem(SectionProblem problem, List<Student> students, List<Section> sections, String subject,
                           Map<String, Integer> index) {

    public static Builder builder(Dataset d, String school, int grade, String subject) {
        return new Builder(d, school, grade, subject);
    }

    /** The settings of a grade's problem; every one but the school, grade and subject has a default. */
    public static final class Builder {
        private final Dataset d;
        private final String school;
        private final int grade;
        private final String subject;
        private Integer count;
        private Integer capacity;
        private boolean sectionsFromData;
        private double tracking;
        private int levels;
        private Double accelerateCut;
        private SectionConfig config = SectionConfig.defaults();
        private double timeLimit = 20;
        private int workers = 1;
        private long seed = 1;
        private BiFunction<Map<String, Integer>, List<String>, Map<Integer, Integer>> locks = (i, s) -> Map.of();

        private Builder(Dataset d, String school, int grade, String subject) {
            this.d = d;
            this.school = school;
            this.grade = grade;
            this.subject = subject;
        }

        /** count × capacity new sections; either null: the dataset's sections of this school, grade and subject. */
        public Builder sections(Integer sectionCount, Integer seats) {
            this.count = sectionCount;
            this.capacity = seats;
            return this;
        }

        /** Only the dataset's sections (an error when there are none), whatever count and capacity say. */
        public Builder sectionsFromData(boolean v) {
            sectionsFromData = v;
            return this;
        }

        public Builder tracking(double v) {
            tracking = v;
            return this;
        }

        public Builder levels(int v) {
            levels = v;
            return this;
        }

        /** Students of the grade below scoring at least this join (flagged as accelerated); null: none. */
        public Builder accelerateCut(Double v) {
            accelerateCut = v;
            return this;
        }

        public Builder config(SectionConfig v) {
            config = v;
            return this;
        }

        public Builder timeLimit(double v) {
            timeLimit = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Locks by student id → section id; ids not of this problem are ignored. */
        public Builder locks(Map<String, String> byId) {
            locks = (index, ids) -> {
                Map<Integer, Integer> out = new HashMap<>();
                byId.forEach((student, section) -> {
                    Integer i = index.get(student);
                    int s = ids.indexOf(section);
                    if (i != null && s >= 0) {
                        out.put(i, s);
                    }
                });
                return out;
            };
            return this;
        }

        /**
         * Locks made once the students and sections are known: from (student id → index, section ids) to
         * (student index → section index). For a caller that checks a locks file line by line.
         */
        public Builder locks(BiFunction<Map<String, Integer>, List<String>, Map<Integer, Integer>> reader) {
            locks = reader;
            return this;
        }

        public GradeProblem build() {
            return GradeProblem.build(this);
        }
    }

    private static GradeProblem build(Builder b) {
        if (!(b.tracking >= 0 && b.tracking <= 1)) {
            throw new BadInputException("--tracking " + b.tracking + ": use a value from 0 (mixed) to 1 (tracked)");
        }
        Dataset d = b.d;
        if (d.district().school(b.school).isEmpty()) {
            throw new BadInputException("--school '" + b.school + "' is not in schools.csv");
        }
        String subject = b.subject.toLowerCase(Locale.ROOT);
        boolean homeroom = subject.equals("all");
        Map<String, Double> scores = homeroom ? homeroomScores(d) : d.latestScores(b.subject);
        if (scores.isEmpty()) {
            throw new BadInputException("no " + b.subject + " scores in scores.csv");
        }
        List<Student> students = new ArrayList<>();
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (Student s : d.students()) {
            boolean here = s.schoolId().equals(b.school) && s.grade() == b.grade;
            boolean accelerated = b.accelerateCut != null && s.schoolId().equals(b.school) && s.grade() == b.grade - 1
                    && scores.getOrDefault(s.id(), Double.NEGATIVE_INFINITY) >= b.accelerateCut;
            if (!here && !accelerated) {
                continue;
            }
            Double score = scores.get(s.id());
            if (score == null) {
                // An id is fine in an error: it is the handle the office uses to fix the record.
                throw new BadInputException("student " + s.id() + " has no " + b.subject + " score; add one to "
                        + "scores.csv (every student needs a score to be placed)");
            }
            students.add(s);
            pupils.add(pupil(s, score, accelerated));
        }
        if (pupils.isEmpty()) {
            throw new BadInputException("no students in school " + b.school + ", grade " + Grades.label(b.grade));
        }
        SectionConfig cfg = b.config;
        List<Section> sections = sections(b, subject, pupils);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < pupils.size(); i++) {
            index.put(pupils.get(i).id(), i);
        }
        List<String> ids = sections.stream().map(Section::id).toList();
        Map<Integer, Integer> locks = b.locks.apply(index, ids);
        SectionProblem problem = SectionProblem.builder(pupils, slots(sections, pupils.size(), cfg.minSize()))
                .tracking(b.tracking).levels(b.levels).apart(requests(d, index, RequestKind.APART))
                .together(requests(d, index, RequestKind.TOGETHER)).locks(locks).rules(cfg.rules())
                .weights(cfg.weights()).limits(cfg.limits()).meanWithin(cfg.meanWithin()).timeLimit(b.timeLimit)
                .workers(b.workers).seed(b.seed).build();
        return new GradeProblem(problem, List.copyOf(students), List.copyOf(sections), subject, Map.copyOf(index));
    }

    /** A class list made elsewhere (by hand, or by another tool) with the problem it is judged in. */
    public record ClassList(SectionProblem problem, int[] placement) {
        /** The class list scored with exactly the solver's objective and rules. */
        public SectionEvaluator.Evaluation evaluate() {
            return SectionEvaluator.of(problem, placement).evaluate();
        }
    }

    /**
     * The problem of a class list: its students (those placed, in its order; a student of a lower grade than the
     * sections' is flagged accelerated) and the sections it uses, one subject's, with the config's rules.
     * {@code placed}: student id → section id, every id in the dataset; {@code source} names the list in errors.
     */
    public static ClassList ofClassList(Dataset d, Map<String, String> placed, String source, SectionConfig cfg,
                                        double tracking, int levels) {
        Map<String, Student> students = new HashMap<>();
        d.students().forEach(s -> students.put(s.id(), s));
        Set<String> used = new java.util.LinkedHashSet<>(placed.values());
        List<Section> sections = d.sections().stream().filter(s -> used.contains(s.id())).toList();
        Set<String> subjects = new java.util.LinkedHashSet<>(sections.stream().map(Section::subject).toList());
        if (subjects.size() > 1) {
            throw new BadInputException(source + " places students in sections of " + String.join(", ", subjects)
                    + "; evaluate one subject's classes at a time");
        }
        String subject = subjects.iterator().next();
        int grade = sections.stream().mapToInt(Section::grade).max().orElse(0);
        Map<String, Double> scores = subject.equals("homeroom") ? homeroomScores(d) : d.latestScores(subject);
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        int[] placement = new int[placed.size()];
        List<String> ids = sections.stream().map(Section::id).toList();
        for (Map.Entry<String, String> e : placed.entrySet()) {
            Student s = students.get(e.getKey());
            Double score = scores.get(s.id());
            if (score == null) {
                throw new BadInputException("student " + s.id() + " has no " + subject + " score; add one to "
                        + "scores.csv (every placed student needs a score to be evaluated)");
            }
            index.put(s.id(), pupils.size());
            placement[pupils.size()] = ids.indexOf(e.getValue());
            pupils.add(pupil(s, score, s.grade() < grade));
        }
        SectionProblem problem = SectionProblem.builder(pupils, slots(sections, pupils.size(), cfg.minSize()))
                .tracking(tracking).levels(levels).apart(requests(d, index, RequestKind.APART))
                .together(requests(d, index, RequestKind.TOGETHER)).rules(cfg.rules()).weights(cfg.weights())
                .limits(cfg.limits()).meanWithin(cfg.meanWithin()).timeLimit(0).seed(1).build();
        return new ClassList(problem, placement);
    }

    /** A student as the solver sees them, with every attribute the rules may name. */
    public static SectionProblem.Pupil pupil(Student s, double score, boolean accelerated) {
        return new SectionProblem.Pupil(s.id(), score, s.frl(), s.race().code(), s.gender().code(), s.ell(), s.iep(),
                s.gifted(), s.behavior(), accelerated, s.attributes());
    }

    /** The requests between two students of the problem, as index pairs. */
    public static List<int[]> requests(Dataset d, Map<String, Integer> index, RequestKind kind) {
        List<int[]> out = new ArrayList<>();
        for (PlacementRequest r : d.requests()) {
            Integer a = index.get(r.studentA());
            Integer b = index.get(r.studentB());
            if (a != null && b != null && r.kind() == kind) {
                out.add(new int[] {a, b});
            }
        }
        return out;
    }

    /** The slots of the sections: their seats, and the minimum size (given, else ⌊n / N⌋ − 3, at least 1). */
    public static List<SectionProblem.Slot> slots(List<Section> sections, int n, int givenMinSize) {
        int minSize = givenMinSize >= 0 ? givenMinSize : Math.max(1, n / sections.size() - 3);
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (Section s : sections) {
            slots.add(new SectionProblem.Slot(s.id(), s.capacity(), Math.min(minSize, s.capacity()), s.coTaught(),
                    s.ellCertified(), s.level()));
        }
        return slots;
    }

    /** Mean of each subject's z-score, for homerooms shared by all subjects. */
    public static Map<String, Double> homeroomScores(Dataset d) {
        Set<String> subjects = new TreeSet<>();
        d.scores().forEach(s -> subjects.add(s.subject()));
        Map<String, double[]> acc = new HashMap<>();
        for (String subj : subjects) {
            Map<String, Double> latest = d.latestScores(subj);
            double mean = latest.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double sd = Math.sqrt(latest.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).average()
                    .orElse(1));
            latest.forEach((id, v) -> {
                double[] a = acc.computeIfAbsent(id, k -> new double[2]);
                a[0] += sd == 0 ? 0 : (v - mean) / sd;
                a[1]++;
            });
        }
        Map<String, Double> out = new HashMap<>();
        acc.forEach((id, a) -> out.put(id, Math.round(100 * a[0] / a[1]) / 10.0));
        return out;
    }

    /** The sections to fill: count × capacity when given, else those of the dataset for this school and grade. */
    private static List<Section> sections(Builder b, String subject, List<SectionProblem.Pupil> pupils) {
        String label = subject.equals("all") ? "homeroom" : subject;
        List<Section> existing = b.d.sections().stream().filter(s -> s.schoolId().equals(b.school)
                && s.grade() == b.grade && (subject.equals("all") || s.subject().equalsIgnoreCase(subject))).toList();
        if (b.sectionsFromData) {
            if (existing.isEmpty()) {
                throw new BadInputException("sections.csv has no " + subject + " sections for school " + b.school
                        + ", grade " + Grades.label(b.grade) + ": give a number of sections and a capacity");
            }
            return existing;
        }
        if (b.count == null && b.capacity == null && !existing.isEmpty() && !subject.equals("all")) {
            return existing;
        }
        if (b.count == null || b.capacity == null) {
            throw new BadInputException("give --sections N and --capacity C (sections.csv has no " + b.subject
                    + " sections for school " + b.school + ", grade " + Grades.label(b.grade) + ")");
        }
        int count = b.count;
        int capacity = b.capacity;
        if (count < 1 || capacity < 1) {
            throw new BadInputException("--sections and --capacity must be at least 1");
        }
        SectionConfig cfg = b.config;
        long iep = pupils.stream().filter(SectionProblem.Pupil::iep).count();
        long ell = pupils.stream().filter(SectionProblem.Pupil::ell).count();
        boolean both = pupils.stream().anyMatch(p -> p.iep() && p.ell());
        // Enough co-taught sections for every IEP student at the classes' expected size, not their seats: 97
        // students in 4 sections of 30 sit about 24 to a class, where the 40% rule allows 9 IEP students, not 12.
        double expectedSize = Math.min(capacity, Math.floor(pupils.size() / (double) count));
        double perSection = Math.max(1, Math.min(cfg.rules().iepMax(), Math.floor(cfg.rules().iepShare()
                * expectedSize)));
        int coTaught = cfg.coTaughtSections() >= 0 ? cfg.coTaughtSections() : iep == 0 ? 0
                : (int) Math.min(count, Math.ceil(iep / perSection));
        int ellCertified = cfg.ellSections() >= 0 ? cfg.ellSections() : ell == 0 ? 0
                : (int) Math.ceil(ell / (double) capacity);
        List<String> levelNames = levelNames(b.levels, count);
        List<Section> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            // Co-taught sections first, EL-certified sections last; a student who needs both gets section 1 both.
            boolean ct = k < coTaught;
            boolean el = k >= count - ellCertified || (both && k == 0);
            String id = b.school + "-g" + Grades.label(b.grade) + "-" + label + "-" + (k + 1);
            out.add(new Section(id, b.school, b.grade, label, capacity, levelNames.get(k), ct, el,
                    Integer.toString(k + 1), "", "", ""));
        }
        return out;
    }

    /** Level names for levels mode: standard/advanced for two, level-1 … otherwise; "" without levels. */
    public static List<String> levelNames(int levels, int sections) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < sections; k++) {
            if (levels <= 1) {
                names.add("");
            } else {
                int level = Math.min(levels - 1, k * levels / sections);
                names.add(levels == 2 ? (level == 0 ? "standard" : "advanced") : "level-" + (level + 1));
            }
        }
        return names;
    }
}
