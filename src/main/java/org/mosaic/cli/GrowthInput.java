package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.mosaic.io.EnrollmentCsv;
import org.mosaic.io.GrowthCsv;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.SgpWideCsv;
import org.mosaic.measure.growth.MedianInterval;
import org.mosaic.measure.growth.SgpCohorts;
import org.mosaic.model.Dataset;
import org.mosaic.model.Enrollment;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * The scores, grades and schools by year that growth models need, from a Mosaic dataset (scores.csv, with
 * enrollments.csv for each year's grade and school, else students.csv's grade counted back from the latest year) or
 * from a wide SGP file. {@link #dataset} reads only the files growth uses, with the lean reader ({@link GrowthCsv});
 * {@link #general} reads the whole dataset into the general model, for commands that need all of it (clusters).
 * Both build the same maps in the same order, so every output is the same byte for byte.
 */
final class GrowthInput {
    private final Map<String, Map<Integer, Double>> scores;
    private final Map<String, Map<Integer, Integer>> grades;
    private final Map<String, Map<Integer, String>> schools;
    /** The subgroups of each student of students.csv; empty for a wide file. */
    private final Map<String, Traits> traits;
    private final Map<String, School> schoolById;
    /** Each student's sections of a subject (the current rosters), in roster order; read when first asked. */
    private final Function<String, Map<String, List<String>>> sectionsOf;
    private final boolean hasHistory;
    private final java.util.function.Supplier<Map<String, List<Integer>>> gaps;
    private final Dataset dataset;
    private final List<Enrollment> history;

    record Summary(String level, String unit, MedianInterval interval) {
    }

    /** The subgroups a student is summarised by. */
    record Traits(boolean frl, boolean ell, boolean iep, Race race) {
    }

    private GrowthInput(Map<String, Map<Integer, Double>> scores, Map<String, Map<Integer, Integer>> grades,
                        Map<String, Map<Integer, String>> schools, Map<String, Traits> traits,
                        Map<String, School> schoolById, Function<String, Map<String, List<String>>> sectionsOf,
                        boolean hasHistory, java.util.function.Supplier<Map<String, List<Integer>>> gaps,
                        Dataset dataset, List<Enrollment> history) {
        this.scores = scores;
        this.grades = grades;
        this.schools = schools;
        this.traits = traits;
        this.schoolById = schoolById;
        this.sectionsOf = sectionsOf;
        this.hasHistory = hasHistory;
        this.gaps = gaps;
        this.dataset = dataset;
        this.history = history;
    }

    static GrowthInput wide(SgpWideCsv.WideScores wide) {
        return new GrowthInput(wide.scores(), wide.grades(), Map.of(), null, Map.of(), s -> Map.of(), false,
                Map::of, null, List.of());
    }

    /** From a dataset directory, reading only scores, students, schools and enrollments (rosters when asked). */
    static GrowthInput dataset(Path dir, String subject) {
        GrowthCsv.Data d = GrowthCsv.read(dir, subject);
        List<String> ids = d.students().ids();
        GrowthCsv.Scores sc = d.scores();
        Map<String, Map<Integer, Double>> scores = new HashMap<>();
        for (int k = 0; k < sc.size(); k++) {
            scores.computeIfAbsent(ids.get(sc.student()[k]), x -> new HashMap<>()).put(sc.year()[k], sc.score()[k]);
        }
        Map<String, Map<Integer, Integer>> grades = new HashMap<>();
        Map<String, Map<Integer, String>> schools = new HashMap<>();
        GrowthCsv.History h = d.history();
        GrowthCsv.Students st = d.students();
        if (h.size() > 0) {
            for (int k = 0; k < h.size(); k++) {
                String id = ids.get(h.student()[k]);
                grades.computeIfAbsent(id, x -> new HashMap<>()).put(h.year()[k], h.grade()[k]);
                schools.computeIfAbsent(id, x -> new HashMap<>()).put(h.year()[k],
                        d.schools().get(h.school()[k]).id());
            }
        } else {
            int latest = latest(scores);
            for (int i = 0; i < st.count(); i++) {
                String id = ids.get(i);
                Map<Integer, Double> mine = scores.getOrDefault(id, Map.of());
                for (int year : mine.keySet()) {
                    grades.computeIfAbsent(id, x -> new HashMap<>()).put(year, st.grade()[i] - (latest - year));
                }
                schools.computeIfAbsent(id, x -> new HashMap<>()).put(latest, st.school()[i] < 0 ? ""
                        : d.schools().get(st.school()[i]).id());
            }
        }
        Traits[] shared = new Traits[8 * Race.values().length];
        Map<String, Traits> traits = new HashMap<>();
        for (int i = 0; i < st.count(); i++) {
            int key = st.traits()[i] * Race.values().length + st.race()[i];
            if (shared[key] == null) {
                byte t = st.traits()[i];
                shared[key] = new Traits((t & GrowthCsv.FRL) != 0, (t & GrowthCsv.ELL) != 0,
                        (t & GrowthCsv.IEP) != 0, Race.values()[st.race()[i]]);
            }
            traits.put(ids.get(i), shared[key]);
        }
        Map<String, School> schoolById = new HashMap<>();
        d.schools().forEach(s -> schoolById.put(s.id(), s));
        Function<String, Map<String, List<String>>> sectionsOf = subj -> {
            GrowthCsv.Rosters r = GrowthCsv.rosters(dir, subj, d);
            Map<String, List<String>> out = new HashMap<>();
            for (int k = 0; k < r.size(); k++) {
                out.computeIfAbsent(ids.get(r.student()[k]), x -> new ArrayList<>()).add(r.sectionIds()
                        .get(r.section()[k]));
            }
            return out;
        };
        return new GrowthInput(scores, grades, schools, traits, schoolById, memo(sectionsOf), h.size() > 0,
                () -> gaps(h, ids), null, List.of());
    }

    /** From a dataset directory read whole into the general model (every file checked, the full history kept). */
    static GrowthInput general(Path dir, String subject) {
        Dataset data = MosaicCsvReader.read(dir);
        List<Enrollment> history = EnrollmentCsv.present(dir) ? EnrollmentCsv.read(dir, data.schools()) : List.of();
        Map<String, Map<Integer, Double>> scores = new HashMap<>();
        for (Score s : data.scores()) {
            if (s.subject().equalsIgnoreCase(subject) && s.strand().isEmpty() && s.term().isEmpty()) {
                scores.computeIfAbsent(s.studentId(), k -> new HashMap<>()).put(s.year(), s.scale());
            }
        }
        Map<String, Map<Integer, Integer>> grades = new HashMap<>();
        Map<String, Map<Integer, String>> schools = new HashMap<>();
        if (!history.isEmpty()) {
            for (Enrollment e : history) {
                grades.computeIfAbsent(e.studentId(), k -> new HashMap<>()).put(e.year(), e.grade());
                schools.computeIfAbsent(e.studentId(), k -> new HashMap<>()).put(e.year(), e.schoolId());
            }
        } else {
            // Without a history, a student's grade in an earlier year is counted back from students.csv.
            int latest = latest(scores);
            for (Student st : data.students()) {
                Map<Integer, Double> mine = scores.getOrDefault(st.id(), Map.of());
                for (int year : mine.keySet()) {
                    grades.computeIfAbsent(st.id(), k -> new HashMap<>()).put(year, st.grade() - (latest - year));
                }
                schools.computeIfAbsent(st.id(), k -> new HashMap<>()).put(latest, st.schoolId());
            }
        }
        Map<String, Traits> traits = new HashMap<>();
        data.students().forEach(st -> traits.put(st.id(), new Traits(st.frl(), st.ell(), st.iep(), st.race())));
        Map<String, School> schoolById = new HashMap<>();
        data.schools().forEach(s -> schoolById.put(s.id(), s));
        Function<String, Map<String, List<String>>> sectionsOf = subj -> {
            Map<String, Section> sections = new HashMap<>();
            data.sections().forEach(s -> sections.put(s.id(), s));
            Map<String, List<String>> out = new HashMap<>();
            data.rosters().forEach(r -> {
                Section s = sections.get(r.sectionId());
                if (s != null && s.subject().equalsIgnoreCase(subj)) {
                    out.computeIfAbsent(r.studentId(), k -> new ArrayList<>()).add(s.id());
                }
            });
            return out;
        };
        return new GrowthInput(scores, grades, schools, traits, schoolById, memo(sectionsOf), !history.isEmpty(),
                () -> gaps(history), data, history);
    }

    private static int latest(Map<String, Map<Integer, Double>> scores) {
        return scores.values().stream().flatMap(m -> m.keySet().stream()).mapToInt(Integer::intValue).max()
                .orElse(0);
    }

    private static <T> Function<String, T> memo(Function<String, T> f) {
        Map<String, T> cache = new HashMap<>();
        return key -> cache.computeIfAbsent(key, f);
    }

    Map<String, Map<Integer, Double>> scores() {
        return scores;
    }

    Map<String, Map<Integer, Integer>> grades() {
        return grades;
    }

    Map<String, Map<Integer, String>> schools() {
        return schools;
    }

    /** The whole dataset: only from {@link #general}. */
    Dataset dataset() {
        if (dataset == null) {
            throw new IllegalStateException("the lean growth input holds no general dataset");
        }
        return dataset;
    }

    /** The subgroups of a student of students.csv, or null. */
    Traits traits(String studentId) {
        return traits == null ? null : traits.get(studentId);
    }

    /** Each student's sections of {@code subject} in the current rosters, in roster order. */
    Map<String, List<String>> sectionsOf(String subject) {
        return sectionsOf.apply(subject);
    }

    List<Enrollment> history() {
        return history;
    }

    TreeSet<Integer> years() {
        // the score maps never change once read, and visiting a million of them for each question costs a while
        if (years == null) {
            TreeSet<Integer> found = new TreeSet<>();
            scores.values().forEach(m -> found.addAll(m.keySet()));
            years = found;
        }
        return new TreeSet<>(years);
    }

    private TreeSet<Integer> years;

    int latestYear() {
        TreeSet<Integer> y = years();
        if (y.isEmpty()) {
            throw new org.mosaic.model.BadInputException("the data hold no scores of this subject");
        }
        return y.last();
    }

    boolean hasYear(int year) {
        return years().contains(year);
    }

    /** The school a student was enrolled in that year, or "" when unknown. */
    String schoolOf(String studentId, int year) {
        return schools.getOrDefault(studentId, Map.of()).getOrDefault(year, "");
    }

    /**
     * Median SGP with a bootstrap interval by district, grade and — for a dataset — school, cluster, section (the
     * current rosters of the subject, when the year is the latest) and subgroup (FRL, race, EL, IEP).
     */
    List<Summary> summarise(SgpCohorts.Result result, int year, String subject) {
        // levels in the order first met; units hashed while counting, then sorted by id (a TreeMap per level made
        // this a third of a million-student run's serial time)
        Map<String, Map<String, Sgps>> groups = new LinkedHashMap<>();
        boolean district = traits != null;
        Map<String, List<String>> sectionsOf = district && year == latestYear() ? sectionsOf(subject) : Map.of();
        String[] gradeLabel = new String[32];
        for (SgpCohorts.StudentSgp s : result.students()) {
            int sgp = s.sgp();
            add(groups, "district", "all", sgp);
            int g = s.grade();
            String grade = g >= 0 && g < gradeLabel.length
                    ? (gradeLabel[g] == null ? gradeLabel[g] = Integer.toString(g) : gradeLabel[g])
                    : Integer.toString(g);
            add(groups, "grade", grade, sgp);
            if (!district) {
                continue;
            }
            String school = schoolOf(s.studentId(), year);
            if (!school.isEmpty()) {
                add(groups, "school", school, sgp);
                School sc = schoolById.get(school);
                add(groups, "cluster", sc == null || sc.clusterId().isEmpty() ? "(none)" : sc.clusterId(), sgp);
            }
            for (String section : sectionsOf.getOrDefault(s.studentId(), List.of())) {
                add(groups, "section", section, sgp);
            }
            Traits st = traits.get(s.studentId());
            if (st != null) {
                add(groups, "frl", st.frl() ? "frl" : "not frl", sgp);
                add(groups, "race", st.race().name().toLowerCase(Locale.ROOT), sgp);
                add(groups, "ell", st.ell() ? "english learner" : "not english learner", sgp);
                add(groups, "iep", st.iep() ? "iep" : "no iep", sgp);
            }
        }
        List<String[]> keys = new ArrayList<>();
        List<Sgps> values = new ArrayList<>();
        groups.forEach((level, units) -> {
            List<String> ids = new ArrayList<>(units.keySet());
            ids.sort(null);
            for (String unit : ids) {
                keys.add(new String[] {level, unit});
                values.add(units.get(unit));
            }
        });
        // each unit's interval in its own slot: the same output on any number of threads
        Summary[] out = new Summary[keys.size()];
        java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> out[i] = new Summary(keys.get(i)[0],
                keys.get(i)[1], MedianInterval.of(values.get(i).toArray())));
        return List.of(out);
    }

    private static void add(Map<String, Map<String, Sgps>> groups, String level, String unit, int value) {
        groups.computeIfAbsent(level, k -> new HashMap<>()).computeIfAbsent(unit, k -> new Sgps()).add(value);
    }

    /** A unit's SGPs in the order added, unboxed. */
    private static final class Sgps {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /**
     * Warnings about the data: a scale on which the mean does not rise with grade (not vertical: SGPs are still
     * valid, being norm-referenced, but point gains across grades are not comparable), and gaps in the enrollment
     * history (a year missing between two enrolled years).
     */
    List<String> warnings(int year) {
        List<String> out = new ArrayList<>();
        Map<Integer, double[]> byGrade = new TreeMap<>();
        scores.forEach((id, m) -> {
            Double v = m.get(year);
            Integer g = grades.getOrDefault(id, Map.of()).get(year);
            if (v != null && g != null) {
                double[] acc = byGrade.computeIfAbsent(g, k -> new double[2]);
                acc[0] += v;
                acc[1]++;
            }
        });
        List<Integer> flat = new ArrayList<>();
        Double previous = null;
        Integer previousGrade = null;
        for (Map.Entry<Integer, double[]> e : byGrade.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (previous != null && mean <= previous) {
                flat.add(e.getKey());
            }
            previous = mean;
            previousGrade = e.getKey();
        }
        if (!flat.isEmpty() && previousGrade != null) {
            out.add("the mean score does not rise from one grade to the next at grade(s) " + flat + " in " + year
                    + ": the scale looks non-vertical. SGPs remain valid (they compare students with the same prior "
                    + "scores) but point gains across grades are not comparable.");
        }
        if (hasHistory) {
            long gaps = enrollmentGaps().size();
            if (gaps > 0) {
                out.add(String.format(Locale.ROOT, "%,d students have a gap in their enrollment history (a year "
                        + "missing between two enrolled years); their priors stop at the gap.", gaps));
            }
        }
        return out;
    }

    /** Students whose enrolled years skip one (sorted by id), with the missing years. */
    Map<String, List<Integer>> enrollmentGaps() {
        return gaps.get();
    }

    private static Map<String, List<Integer>> gaps(List<Enrollment> history) {
        Map<String, TreeSet<Integer>> years = new HashMap<>();
        history.forEach(e -> years.computeIfAbsent(e.studentId(), k -> new TreeSet<>()).add(e.year()));
        Map<String, List<Integer>> out = new TreeMap<>();
        years.forEach((id, y) -> {
            if (y.last() - y.first() + 1 > y.size()) {
                out.put(id, missing(y.first(), y.last(), y::contains));
            }
        });
        return out;
    }

    /** The same from the lean reader's arrays: each student's years gathered by counting sort, no set per student. */
    private static Map<String, List<Integer>> gaps(GrowthCsv.History h, List<String> ids) {
        int n = ids.size();
        int[] start = new int[n + 1];
        for (int k = 0; k < h.size(); k++) {
            start[h.student()[k] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, n);
        int[] years = new int[h.size()];
        for (int k = 0; k < h.size(); k++) {
            years[fill[h.student()[k]]++] = h.year()[k];
        }
        Map<String, List<Integer>> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int a = start[i];
            int b = start[i + 1];
            if (b - a < 2) {
                continue;
            }
            Arrays.sort(years, a, b);
            if (years[b - 1] - years[a] + 1 > b - a) {
                int from = a;
                out.put(ids.get(i), missing(years[a], years[b - 1], y -> Arrays.binarySearch(years, from, b, y) >= 0));
            }
        }
        return out;
    }

    private static List<Integer> missing(int first, int last, java.util.function.IntPredicate enrolled) {
        List<Integer> missing = new ArrayList<>();
        for (int year = first; year < last; year++) {
            if (!enrolled.test(year)) {
                missing.add(year);
            }
        }
        return missing;
    }

    static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> m = new HashMap<>();
        items.forEach(i -> m.put(key.apply(i), i));
        return m;
    }
}
