package org.mosaic.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mosaic.measure.growth.MedianInterval;
import org.mosaic.measure.growth.SgpCohorts;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Enrollment;
import org.mosaic.model.Score;
import org.mosaic.model.Student;

/**
 * Student growth percentiles on the stored dataset, as {@code mosaic growth} computes them from a dataset folder
 * ({@link SgpCohorts}: quantile regression on prior scores, one fit per grade), summarised as median SGPs with
 * bootstrap intervals ({@link MedianInterval}) by school, grade and income. The fits take a while, so they run as a
 * task in the job line; the routes keep each result in the store ({@link StoredResults}) by dataset and subject.
 */
public final class Growth {
    private Growth() {
    }

    /** One unit's median SGP, its 95 % interval and how many students it rests on. */
    public record Row(String level, String unit, int students, String median, String interval) {
    }

    public record Result(String subject, int year, int students, List<Row> rows, String chart) {
    }

    /** The task: shape the scores by student and year (grades from the stored history, else counted back). */
    static SolveJobs.Task task(Dataset d, List<Enrollment> history, String subject) {
        return progress -> {
            Map<String, Map<Integer, Double>> scores = new HashMap<>();
            for (Score s : d.scores()) {
                if (s.subject().equalsIgnoreCase(subject) && s.strand().isEmpty() && s.term().isEmpty()) {
                    scores.computeIfAbsent(s.studentId(), k -> new HashMap<>()).put(s.year(), s.scale());
                }
            }
            TreeSet<Integer> years = new TreeSet<>();
            scores.values().forEach(m -> years.addAll(m.keySet()));
            if (years.size() < 2) {
                throw new BadInputException("growth needs " + subject + " scores of at least two years (scores.csv, "
                        + "no term)");
            }
            int year = years.last();
            Map<String, Map<Integer, Integer>> grades = new HashMap<>();
            Map<String, String> schoolNow = new HashMap<>();
            if (!history.isEmpty()) {
                for (Enrollment e : history) {
                    grades.computeIfAbsent(e.studentId(), k -> new HashMap<>()).put(e.year(), e.grade());
                    if (e.year() == year) {
                        schoolNow.put(e.studentId(), e.schoolId());
                    }
                }
            } else {
                // As the command line: without a history, an earlier year's grade is counted back from today's.
                for (Student st : d.students()) {
                    for (int y : scores.getOrDefault(st.id(), Map.of()).keySet()) {
                        grades.computeIfAbsent(st.id(), k -> new HashMap<>()).put(y, st.grade() - (year - y));
                    }
                    schoolNow.put(st.id(), st.schoolId());
                }
            }
            SgpCohorts.Result r = SgpCohorts.compute(scores, grades, year, 0, (done, total) -> progress.report(
                    done / (double) Math.max(1, total)));
            Map<String, Student> students = d.district().studentsById();
            Map<String, Map<String, List<Integer>>> groups = new TreeMap<>();
            for (SgpCohorts.StudentSgp s : r.students()) {
                add(groups, "district", "all", s.sgp());
                add(groups, "grade", Integer.toString(s.grade()), s.sgp());
                String school = schoolNow.getOrDefault(s.studentId(), "");
                if (!school.isEmpty()) {
                    add(groups, "school", school, s.sgp());
                }
                Student st = students.get(s.studentId());
                if (st != null) {
                    add(groups, "income", st.frl() ? "low income (FRL)" : "not low income", s.sgp());
                }
            }
            List<Row> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<Double> medians = new ArrayList<>();
            for (String level : List.of("district", "school", "grade", "income")) {
                for (Map.Entry<String, List<Integer>> u : groups.getOrDefault(level, Map.of()).entrySet()) {
                    int[] v = u.getValue().stream().mapToInt(Integer::intValue).toArray();
                    // The exact bootstrap interval, as the command line gives it: no draws, so no seed.
                    MedianInterval m = MedianInterval.of(v);
                    rows.add(new Row(level, u.getKey(), m.n(), Format.one(m.median()), Format.one(m.low()) + "–"
                            + Format.one(m.high())));
                    if (level.equals("school")) {
                        labels.add(u.getKey());
                        medians.add(m.median());
                    }
                }
            }
            String chart = Format.json(Map.of("kind", "hbar", "labels", labels, "xName", "median student growth "
                    + "percentile (50: typical growth)", "series", List.of(Map.of("name", "median SGP", "data",
                    medians))));
            return new Result(subject, year, r.students().size(), rows, chart);
        };
    }

    private static void add(Map<String, Map<String, List<Integer>>> groups, String level, String unit, int v) {
        groups.computeIfAbsent(level, k -> new TreeMap<>()).computeIfAbsent(unit, k -> new ArrayList<>()).add(v);
    }
}
