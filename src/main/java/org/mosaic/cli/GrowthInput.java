package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.mosaic.io.EnrollmentCsv;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.SgpWideCsv;
import org.mosaic.measure.growth.MedianInterval;
import org.mosaic.measure.growth.SgpCohorts;
import org.mosaic.model.Dataset;
import org.mosaic.model.Enrollment;
import org.mosaic.model.School;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * The scores, grades and schools by year that growth models need, from a Mosaic dataset (scores.csv, with
 * enrollments.csv for each year's grade and school, else students.csv's grade counted back from the latest year) or
 * from a wide SGP file.
 */
final class GrowthInput {
    private final Map<String, Map<Integer, Double>> scores;
    private final Map<String, Map<Integer, Integer>> grades;
    private final Map<String, Map<Integer, String>> schools;
    private final Dataset dataset;
    private final List<Enrollment> history;

    record Summary(String level, String unit, MedianInterval interval) {
    }

    private GrowthInput(Map<String, Map<Integer, Double>> scores, Map<String, Map<Integer, Integer>> grades,
                        Map<String, Map<Integer, String>> schools, Dataset dataset, List<Enrollment> history) {
        this.scores = scores;
        this.grades = grades;
        this.schools = schools;
        this.dataset = dataset;
        this.history = history;
    }

    static GrowthInput wide(SgpWideCsv.WideScores wide) {
        return new GrowthInput(wide.scores(), wide.grades(), Map.of(), null, List.of());
    }

    static GrowthInput dataset(Path dir, String subject) {
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
            int latest = scores.values().stream().flatMap(m -> m.keySet().stream()).mapToInt(Integer::intValue)
                    .max().orElse(0);
            for (Student st : data.students()) {
                Map<Integer, Double> mine = scores.getOrDefault(st.id(), Map.of());
                for (int year : mine.keySet()) {
                    grades.computeIfAbsent(st.id(), k -> new HashMap<>()).put(year, st.grade() - (latest - year));
                }
                schools.computeIfAbsent(st.id(), k -> new HashMap<>()).put(latest, st.schoolId());
            }
        }
        return new GrowthInput(scores, grades, schools, data, history);
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

    Dataset dataset() {
        return dataset;
    }

    List<Enrollment> history() {
        return history;
    }

    TreeSet<Integer> years() {
        TreeSet<Integer> years = new TreeSet<>();
        scores.values().forEach(m -> years.addAll(m.keySet()));
        return years;
    }

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
        Map<String, Map<String, List<Integer>>> groups = new LinkedHashMap<>();
        Map<String, Student> students = dataset == null ? Map.of() : dataset.district().studentsById();
        Map<String, School> schoolById = new HashMap<>();
        Map<String, List<String>> sectionsOf = new HashMap<>();
        if (dataset != null) {
            dataset.schools().forEach(s -> schoolById.put(s.id(), s));
            if (year == latestYear()) {
                Map<String, Section> sections = new HashMap<>();
                dataset.sections().forEach(s -> sections.put(s.id(), s));
                dataset.rosters().forEach(r -> {
                    Section s = sections.get(r.sectionId());
                    if (s != null && s.subject().equalsIgnoreCase(subject)) {
                        sectionsOf.computeIfAbsent(r.studentId(), k -> new ArrayList<>()).add(s.id());
                    }
                });
            }
        }
        for (SgpCohorts.StudentSgp s : result.students()) {
            add(groups, "district", "all", s.sgp());
            add(groups, "grade", Integer.toString(s.grade()), s.sgp());
            if (dataset == null) {
                continue;
            }
            String school = schoolOf(s.studentId(), year);
            if (!school.isEmpty()) {
                add(groups, "school", school, s.sgp());
                School sc = schoolById.get(school);
                add(groups, "cluster", sc == null || sc.clusterId().isEmpty() ? "(none)" : sc.clusterId(), s.sgp());
            }
            for (String section : sectionsOf.getOrDefault(s.studentId(), List.of())) {
                add(groups, "section", section, s.sgp());
            }
            Student st = students.get(s.studentId());
            if (st != null) {
                add(groups, "frl", st.frl() ? "frl" : "not frl", s.sgp());
                add(groups, "race", st.race().name().toLowerCase(Locale.ROOT), s.sgp());
                add(groups, "ell", st.ell() ? "english learner" : "not english learner", s.sgp());
                add(groups, "iep", st.iep() ? "iep" : "no iep", s.sgp());
            }
        }
        List<String[]> keys = new ArrayList<>();
        List<List<Integer>> values = new ArrayList<>();
        groups.forEach((level, units) -> units.forEach((unit, v) -> {
            keys.add(new String[] {level, unit});
            values.add(v);
        }));
        // each unit's interval in its own slot: the same output on any number of threads
        Summary[] out = new Summary[keys.size()];
        java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> out[i] = new Summary(keys.get(i)[0],
                keys.get(i)[1], MedianInterval.of(values.get(i).stream().mapToInt(Integer::intValue).toArray())));
        return List.of(out);
    }

    private static void add(Map<String, Map<String, List<Integer>>> groups, String level, String unit, int value) {
        groups.computeIfAbsent(level, k -> new TreeMap<>()).computeIfAbsent(unit, k -> new ArrayList<>()).add(value);
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
        if (!history.isEmpty()) {
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
        Map<String, TreeSet<Integer>> years = new HashMap<>();
        history.forEach(e -> years.computeIfAbsent(e.studentId(), k -> new TreeSet<>()).add(e.year()));
        Map<String, List<Integer>> out = new TreeMap<>();
        years.forEach((id, y) -> {
            if (y.last() - y.first() + 1 > y.size()) {
                List<Integer> missing = new ArrayList<>();
                for (int year = y.first(); year < y.last(); year++) {
                    if (!y.contains(year)) {
                        missing.add(year);
                    }
                }
                out.put(id, missing);
            }
        });
        return out;
    }

    static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> m = new HashMap<>();
        items.forEach(i -> m.put(key.apply(i), i));
        return m;
    }
}
