package org.mosaic.io.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;
import org.mosaic.model.Progress;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Student;

class SyntheticDistrictTest {
    @TempDir
    static Path tmp;
    static Dataset district;

    @BeforeAll
    static void generate() {
        SyntheticDistrict.generate(GeneratorOptions.of(7, 8000), tmp.resolve("a"), Progress.NONE);
        district = MosaicCsvReader.read(tmp.resolve("a"));
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        SyntheticDistrict.generate(GeneratorOptions.of(7, 8000), tmp.resolve("b"), Progress.NONE);
        SyntheticDistrict.generate(GeneratorOptions.of(8, 8000), tmp.resolve("c"), Progress.NONE);
        for (String f : List.of("schools.csv", "students.csv", "scores.csv", "choices.csv", "priorities.csv",
                "requests.csv", "sections.csv", "rosters.csv", "enrollments.csv")) {
            assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f))).as(f).isEqualTo(-1);
        }
        assertThat(Files.mismatch(tmp.resolve("a/students.csv"), tmp.resolve("c/students.csv"))).isNotEqualTo(-1);
    }

    @Test
    void shapeOfTheDistrict() {
        assertThat(district.students()).hasSize(8000);
        assertThat(district.district().clusters()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(district.schools()).anyMatch(s -> s.type() == SchoolType.CHARTER && s.clusterId().isEmpty());
        Set<Integer> grades = district.students().stream().map(Student::grade).collect(Collectors.toSet());
        assertThat(grades).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        district.district().clusters().forEach(c -> {
            Set<Integer> lows = c.schoolIds().stream().map(id -> district.district().school(id).orElseThrow()
                    .lowGrade()).collect(Collectors.toSet());
            assertThat(lows).as("cluster %s has elementary, middle and high", c.id()).contains(0, 6, 9);
        });
    }

    @Test
    void demographicsWithinTheDocumentedRanges() {
        int n = district.students().size();
        assertThat(share(Student::frl)).isBetween(0.40, 0.60);
        assertThat(share(Student::iep)).isBetween(0.10, 0.16);
        assertThat(share(Student::gifted)).isBetween(0.06, 0.10);
        assertThat(share(Student::ell)).isBetween(0.05, 0.15);
        assertThat(n).isPositive();
    }

    private double share(java.util.function.Predicate<Student> p) {
        return district.students().stream().filter(p).count() / (double) district.students().size();
    }

    @Test
    void incomeGapInScoresIsBetweenSixTenthsAndOneStandardDeviation() {
        Map<String, Student> byId = district.district().studentsById();
        for (String subject : List.of("math", "reading")) {
            for (int grade : List.of(3, 6, 9)) {
                double[] sum = new double[2];
                double[] sq = new double[2];
                int[] cnt = new int[2];
                for (Score s : district.scores()) {
                    Student st = byId.get(s.studentId());
                    if (s.year() == 2026 && s.subject().equals(subject) && st.grade() == grade) {
                        int k = st.frl() ? 1 : 0;
                        sum[k] += s.scale();
                        sq[k] += s.scale() * s.scale();
                        cnt[k]++;
                    }
                }
                double mean = (sum[0] + sum[1]) / (cnt[0] + cnt[1]);
                double var = (sq[0] + sq[1]) / (cnt[0] + cnt[1]) - mean * mean;
                double gap = (sum[0] / cnt[0] - sum[1] / cnt[1]) / Math.sqrt(var);
                assertThat(gap).as("%s grade %d", subject, grade).isBetween(0.6, 1.0);
            }
        }
    }

    @Test
    void neighborhoodAssignmentSegregatesByIncome() {
        Map<String, int[]> bySchool = new HashMap<>();
        for (Student s : district.students()) {
            int[] c = bySchool.computeIfAbsent(s.schoolId(), k -> new int[2]);
            c[0] += s.frl() ? 1 : 0;
            c[1]++;
        }
        double min = bySchool.values().stream().filter(c -> c[1] > 50).mapToDouble(c -> c[0] / (double) c[1]).min()
                .orElseThrow();
        double max = bySchool.values().stream().filter(c -> c[1] > 50).mapToDouble(c -> c[0] / (double) c[1]).max()
                .orElseThrow();
        assertThat(max - min).isGreaterThanOrEqualTo(0.4);
    }

    @Test
    void choicesOnlyForEntryGradesAndIncludeTheZonedSchool() {
        Map<String, Student> byId = district.district().studentsById();
        Set<String> choosers = new HashSet<>();
        district.choices().forEach(c -> {
            assertThat(byId.get(c.studentId()).grade()).isIn(0, 6, 9);
            choosers.add(c.studentId());
        });
        long entrants = district.students().stream().filter(s -> s.grade() == 0 || s.grade() == 6 || s.grade() == 9)
                .count();
        assertThat(choosers).hasSize((int) entrants);
        assertThat(district.priorities()).isNotEmpty().allMatch(p -> p.priority() == 1 || p.priority() == 2);
        assertThat(district.requests()).isNotEmpty();
    }

    @Test
    void elmhurstPresetMatchesTheArticle() {
        Dataset e = ElmhurstPreset.build(3);
        assertThat(e.students()).hasSize(375);
        for (int g = 6; g <= 8; g++) {
            int grade = g;
            assertThat(e.students().stream().filter(s -> s.grade() == grade)).hasSize(125);
        }
        assertThat(e.sections()).hasSize(24).allMatch(s -> s.capacity() == 32);
        Map<String, Student> byId = e.district().studentsById();
        for (String subject : List.of("math", "reading")) {
            int[] bands = new int[3];
            for (Student s : e.students()) {
                double ge = e.latestGradeEquivalent(s.id(), subject).orElseThrow();
                double behind = s.grade() + 0.7 - ge;
                bands[behind < 0.95 ? 0 : behind < 2.95 ? 1 : 2]++;
            }
            // 125 per grade splits 42/42/41, so each third holds 123-126 of the 375.
            for (int b : bands) {
                assertThat(b).as(subject).isBetween(123, 126);
            }
            e.sections().stream().filter(s -> s.subject().equals(subject)).forEach(s ->
                    assertThat(e.roster(s.id())).hasSizeBetween(31, 32)
                            .allMatch(id -> byId.get(id).grade() == s.grade()));
            long rostered = e.rosters().stream().filter(r -> r.sectionId().contains(subject)).count();
            assertThat(rostered).isEqualTo(375);
        }
    }

    @Test
    void elmhurstIsWrittenAsAReadableDataset() {
        ElmhurstPreset.write(3, tmp.resolve("elm"));
        Dataset back = MosaicCsvReader.read(tmp.resolve("elm"));
        assertThat(back.students()).isEqualTo(ElmhurstPreset.build(3).students());
        assertThat(back.roster("elmhurst-g6-math-1")).hasSize(32);
    }
}
