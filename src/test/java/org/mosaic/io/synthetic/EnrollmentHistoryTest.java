package org.mosaic.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.EnrollmentCsv;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;
import org.mosaic.model.Enrollment;
import org.mosaic.model.Progress;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Student;

/** The generated enrollment history: consistent with students.csv and scores, with creaming, exit and mobility. */
class EnrollmentHistoryTest {
    @TempDir
    static Path tmp;
    static Dataset data;
    static List<Enrollment> history;
    static Map<String, TreeMap<Integer, Enrollment>> byStudent = new HashMap<>();
    static Map<String, Double> math = new HashMap<>();

    @BeforeAll
    static void generate() {
        SyntheticDistrict.generate(GeneratorOptions.of(11, 20_000), tmp.resolve("d"), tmp.resolve("truth"),
                Progress.NONE);
        data = MosaicCsvReader.read(tmp.resolve("d"));
        history = EnrollmentCsv.read(tmp.resolve("d"), data.schools());
        for (Enrollment e : history) {
            byStudent.computeIfAbsent(e.studentId(), k -> new TreeMap<>()).put(e.year(), e);
        }
        for (Score s : data.scores()) {
            if (s.subject().equals("math")) {
                math.put(s.studentId() + "|" + s.year(), s.scale());
            }
        }
    }

    @Test
    void theLastYearIsStudentsCsvAndScoresExistExactlyInEnrolledYears() {
        for (Student s : data.students()) {
            Enrollment last = byStudent.get(s.id()).lastEntry().getValue();
            assertThat(last.year()).isEqualTo(2026);
            assertThat(last.schoolId()).isEqualTo(s.schoolId());
            assertThat(last.grade()).isEqualTo(s.grade());
        }
        long enrolled = history.size();
        long mathScores = data.scores().stream().filter(s -> s.subject().equals("math")).count();
        assertThat(mathScores).isEqualTo(enrolled);
        for (Enrollment e : history) {
            assertThat(math).containsKey(e.studentId() + "|" + e.year());
        }
    }

    @Test
    void studentsMostlyFollowTheirFeederChainAndSomeMove() {
        Map<String, School> schools = new HashMap<>();
        data.schools().forEach(s -> schools.put(s.id(), s));
        int sameLevelPairs = 0;
        int moved = 0;
        int gaps = 0;
        for (TreeMap<Integer, Enrollment> h : byStudent.values()) {
            Enrollment before = null;
            for (Enrollment e : h.values()) {
                if (before != null && e.year() > before.year() + 1) {
                    gaps++;
                }
                if (before != null && e.year() == before.year() + 1 && e.grade() == before.grade() + 1
                        && schools.get(before.schoolId()).serves(e.grade())
                        && schools.get(before.schoolId()).type() == SchoolType.NEIGHBORHOOD
                        && schools.get(e.schoolId()).type() == SchoolType.NEIGHBORHOOD) {
                    sameLevelPairs++;
                    if (!before.schoolId().equals(e.schoolId())) {
                        moved++;
                    }
                }
                before = e;
            }
        }
        double moveRate = moved / (double) sameLevelPairs;
        assertThat(moveRate).isBetween(0.03, 0.09);
        assertThat(gaps).isPositive();
    }

    @Test
    void charterEntrantsHaveHigherPriorsFewerIepAndElStudentsThanStayers() {
        Map<String, Student> students = new HashMap<>();
        data.students().forEach(s -> students.put(s.id(), s));
        List<Double> entrants = new ArrayList<>();
        List<Double> stayers = new ArrayList<>();
        int[] entrantIepEl = new int[2];
        int[] stayerIepEl = new int[2];
        Map<String, School> schools = new HashMap<>();
        data.schools().forEach(s -> schools.put(s.id(), s));
        // the entrants' sending schools (school, year): stayers are compared in the same schools and years
        java.util.Set<String> sending = new java.util.HashSet<>();
        for (int pass = 0; pass < 2; pass++) {
            for (TreeMap<Integer, Enrollment> h : byStudent.values()) {
                for (Enrollment e : h.values()) {
                    Enrollment before = h.get(e.year() - 1);
                    Double prior = math.get(e.studentId() + "|" + (e.year() - 1));
                    if (before == null || prior == null
                            || schools.get(before.schoolId()).type() != SchoolType.NEIGHBORHOOD || e.grade() > 8) {
                        continue;
                    }
                    boolean entered = schools.get(e.schoolId()).type() == SchoolType.CHARTER;
                    String key = before.schoolId() + "|" + before.year();
                    if (pass == 0) {
                        if (entered) {
                            sending.add(key);
                        }
                        continue;
                    }
                    boolean stayed = e.schoolId().equals(before.schoolId()) && sending.contains(key);
                    Student s = students.get(e.studentId());
                    // prior relative to the grade's vertical-scale centre, so grades pool
                    double centred = prior - (150 + 10 * (before.grade() + 0.7));
                    if (entered) {
                        entrants.add(centred);
                        entrantIepEl[0] += s.iep() ? 1 : 0;
                        entrantIepEl[1] += s.ell() ? 1 : 0;
                    } else if (stayed) {
                        stayers.add(centred);
                        stayerIepEl[0] += s.iep() ? 1 : 0;
                        stayerIepEl[1] += s.ell() ? 1 : 0;
                    }
                }
            }
        }
        assertThat(entrants.size()).isGreaterThan(100);
        assertThat(mean(entrants) - mean(stayers)).as("prior-score advantage in scale points").isGreaterThan(2.0);
        assertThat(entrantIepEl[0] / (double) entrants.size()).isLessThan(0.7 * stayerIepEl[0] / stayers.size());
        assertThat(entrantIepEl[1] / (double) entrants.size()).isLessThan(0.9 * stayerIepEl[1] / stayers.size());
    }

    @Test
    void lowScorersLeaveChartersAfterAYearMoreOften() {
        Map<String, School> schools = new HashMap<>();
        data.schools().forEach(s -> schools.put(s.id(), s));
        // first-year charter students: (score of that year, left the next year?)
        List<double[]> firstYears = new ArrayList<>();
        for (TreeMap<Integer, Enrollment> h : byStudent.values()) {
            for (Enrollment e : h.values()) {
                Enrollment before = h.get(e.year() - 1);
                Enrollment after = h.get(e.year() + 1);
                if (schools.get(e.schoolId()).type() != SchoolType.CHARTER || before == null || after == null
                        || before.schoolId().equals(e.schoolId()) || e.grade() >= 8) {
                    continue;
                }
                double centred = math.get(e.studentId() + "|" + e.year()) - (150 + 10 * (e.grade() + 0.7));
                firstYears.add(new double[] {centred, after.schoolId().equals(e.schoolId()) ? 0 : 1});
            }
        }
        firstYears.sort((a, b) -> Double.compare(a[0], b[0]));
        int q = firstYears.size() / 4;
        double low = firstYears.subList(0, q).stream().mapToDouble(a -> a[1]).average().orElseThrow();
        double high = firstYears.subList(3 * q, firstYears.size()).stream().mapToDouble(a -> a[1]).average()
                .orElseThrow();
        assertThat(firstYears.size()).isGreaterThan(80);
        assertThat(low).isGreaterThan(high + 0.1);
    }

    @Test
    void truthIsWrittenOutsideTheDatasetWithAnEffectSdNearTheDocumentedOne() throws IOException {
        assertThat(tmp.resolve("d/truth")).doesNotExist();
        List<String> lines = Files.readAllLines(tmp.resolve("truth/school_effects.csv"));
        assertThat(lines.get(0)).isEqualTo("school_id,type,subject,effect_points,effect_latent");
        double[] effects = lines.stream().skip(1).filter(l -> l.contains(",math,"))
                .mapToDouble(l -> Double.parseDouble(l.split(",")[3])).toArray();
        assertThat(effects).hasSize(data.schools().size());
        double sd = Math.sqrt(java.util.Arrays.stream(effects).map(e -> e * e).average().orElseThrow());
        assertThat(sd).isBetween(1.2, 3.2);
        assertThat(Files.readString(tmp.resolve("truth/parameters.csv"))).contains("charter_ability_slope,0.5");
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
