package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Progress;

/** `mosaic growth sgp | vam` on a generated district with its truth, and on an SGPdata-style wide file. */
class GrowthCommandTest {
    @TempDir
    static Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run mosaic(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MosaicCli.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void generate() {
        SyntheticDistrict.generate(GeneratorOptions.of(1, 20_000), dir.resolve("d"), dir.resolve("truth"),
                Progress.NONE);
    }

    @Test
    void valueAddedRecoversTheGeneratorsTrueSchoolEffects() throws IOException {
        Run r = mosaic("growth", "vam", "--data", dir.resolve("d").toString(), "--subject", "math", "--out",
                dir.resolve("vam").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Variance components (REML)");
        Map<String, Double> truth = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth/school_effects.csv"))) {
            String[] f = line.split(",");
            if (f[2].equals("math")) {
                truth.put(f[0], Double.parseDouble(f[3]));
            }
        }
        List<double[]> pairs = new ArrayList<>();
        List<String> vam = Files.readAllLines(dir.resolve("vam/vam.csv"));
        assertThat(vam.get(0)).isEqualTo("unit_id,n,estimate,se,reliability,ci_low,ci_high");
        for (String line : vam.subList(1, vam.size())) {
            String[] f = line.split(",");
            if (Integer.parseInt(f[1]) >= 100) {
                pairs.add(new double[] {Double.parseDouble(f[2]), truth.get(f[0])});
            }
        }
        assertThat(pairs).hasSizeGreaterThan(20);
        assertThat(correlation(pairs)).isGreaterThanOrEqualTo(0.9);
        assertThat(Files.readString(dir.resolve("vam/components.json"))).contains("\"unit_variance\"")
                .contains("\"residual_variance\"");
    }

    @Test
    void sgpFromTheDatasetAndFromTheSameDataInTheWideLayoutAgree() throws IOException {
        Path data = dir.resolve("d");
        Run r = mosaic("growth", "sgp", "--data", data.toString(), "--subject", "reading", "--year", "2026",
                "--max-order", "2", "--quiet", "--out", dir.resolve("sgp").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("without a prior score").contains("200 at order 1")
                .contains("gap in their enrollment history");
        List<String> sgp = Files.readAllLines(dir.resolve("sgp/sgp.csv"));
        assertThat(sgp.get(0)).isEqualTo("student_id,grade,year,subject,sgp,order");
        int[] byPercentile = new int[100];
        for (String line : sgp.subList(1, sgp.size())) {
            String[] f = line.split(",");
            byPercentile[Integer.parseInt(f[4])]++;
            assertThat(Integer.parseInt(f[5])).isBetween(1, 2);
        }
        // percentiles are uniform by construction: each decile holds about a tenth
        int n = sgp.size() - 1;
        for (int d = 0; d < 10; d++) {
            int count = 0;
            for (int p = Math.max(1, d * 10); p < d * 10 + 10; p++) {
                count += byPercentile[p];
            }
            assertThat(count / (double) n).as("decile %d", d).isBetween(0.07, 0.13);
        }
        List<String> summary = Files.readAllLines(dir.resolve("sgp/sgp_summary.csv"));
        assertThat(summary.get(0)).isEqualTo("level,unit,n,median_sgp,ci_low,ci_high");
        assertThat(summary).anyMatch(l -> l.startsWith("school,")).anyMatch(l -> l.startsWith("cluster,C01,"))
                .anyMatch(l -> l.startsWith("section,")).anyMatch(l -> l.startsWith("frl,frl,"))
                .anyMatch(l -> l.startsWith("iep,iep,"));

        Path wide = dir.resolve("wide.csv");
        writeWide(data, "reading", wide);
        Run w = mosaic("growth", "sgp", "--wide", wide.toString(), "--subject", "reading", "--year", "2026",
                "--max-order", "2", "--quiet", "--out", dir.resolve("sgp-wide").toString());
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("sgp-wide/sgp.csv"))).isEqualTo(sgp);
    }

    @Test
    void studentsWithoutAPriorAndCohortsTooSmallToFitAreCountedNotDropped() throws IOException {
        // grade 4: 300 students, 40 of them new (no 2025 score); grade 5: 150 students, below the 200 of order 1
        StringBuilder sb = new StringBuilder("ID,GRADE_2025,SS_2025,GRADE_2026,SS_2026\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            double prior = Math.round((200 + 10 * r.nextGaussian()) * 10) / 10.0;
            String p = i < 40 ? "NA,NA" : "3," + prior;
            sb.append("A").append(i).append(',').append(p).append(",4,").append(prior + 8 + 5 * r.nextGaussian())
                    .append('\n');
        }
        for (int i = 0; i < 150; i++) {
            double prior = Math.round((210 + 10 * r.nextGaussian()) * 10) / 10.0;
            sb.append("B").append(i).append(",4,").append(prior).append(",5,").append(prior + 8 + 5 * r.nextGaussian())
                    .append('\n');
        }
        Path wide = dir.resolve("small.csv");
        Files.writeString(wide, sb);
        Run run = mosaic("growth", "sgp", "--wide", wide.toString(), "--year", "2026", "--max-order", "1", "--quiet",
                "--out", dir.resolve("small").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("150 < 200, not fitted")
                .contains("Not given an SGP: 40 without a prior score, 150 whose cohort was smaller than the minimum");
        List<String> sgp = Files.readAllLines(dir.resolve("small/sgp.csv"));
        assertThat(sgp).hasSize(1 + 260);
        List<String> excluded = Files.readAllLines(dir.resolve("small/sgp_excluded.csv"));
        assertThat(excluded.get(0)).isEqualTo("student_id,grade,reason");
        assertThat(excluded).hasSize(1 + 190).contains("A0,4,no prior score").contains("B0,5,cohort too small");
    }

    @Test
    void aScaleWhoseMeanDoesNotRiseWithGradeIsWarnedAbout() throws IOException {
        for (boolean vertical : new boolean[] {true, false}) {
            StringBuilder sb = new StringBuilder("ID,GRADE_2025,SS_2025,GRADE_2026,SS_2026\n");
            java.util.SplittableRandom r = new java.util.SplittableRandom(5);
            for (int g = 3; g <= 5; g++) {
                // a vertical scale rises 10 points a grade; the other is re-centred on 500 every grade
                double mean = vertical ? 200 + 10 * g : 500;
                for (int i = 0; i < 250; i++) {
                    double prior = Math.round((mean - (vertical ? 10 : 0) + 10 * r.nextGaussian()) * 10) / 10.0;
                    sb.append("S").append(g).append('-').append(i).append(',').append(g - 1).append(',').append(prior)
                            .append(',').append(g).append(',').append(prior + (vertical ? 10 : 0)
                                    + 5 * r.nextGaussian()).append('\n');
                }
            }
            Path wide = dir.resolve("scale-" + vertical + ".csv");
            Files.writeString(wide, sb);
            Run run = mosaic("growth", "sgp", "--wide", wide.toString(), "--year", "2026", "--quiet", "--out",
                    dir.resolve("scale-" + vertical).toString());
            assertThat(run.code()).as(run.err()).isZero();
            if (vertical) {
                assertThat(run.out()).doesNotContain("non-vertical");
            } else {
                assertThat(run.out()).contains("the scale looks non-vertical");
            }
        }
    }

    @Test
    void gapsInTheEnrollmentHistoryAreCountedAndListed() throws IOException {
        Path data = dir.resolve("d");
        // the oracle: students whose enrolled years skip one, counted here from enrollments.csv
        Map<String, TreeSet<Integer>> years = new HashMap<>();
        List<String> lines = Files.readAllLines(data.resolve("enrollments.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            years.computeIfAbsent(f[0], k -> new TreeSet<>()).add(Integer.parseInt(f[1]));
        }
        List<String> withGap = years.entrySet().stream()
                .filter(e -> e.getValue().last() - e.getValue().first() + 1 > e.getValue().size())
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(withGap).isNotEmpty();
        Run run = mosaic("growth", "sgp", "--data", data.toString(), "--subject", "math", "--max-order", "1",
                "--quiet", "--out", dir.resolve("gaps").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "Warning: %,d students have a gap in "
                + "their enrollment history", withGap.size()));
        List<String> listed = Files.readAllLines(dir.resolve("gaps/enrollment_gaps.csv"));
        assertThat(listed.get(0)).isEqualTo("student_id,missing_years");
        assertThat(listed.subList(1, listed.size()).stream().map(l -> l.split(",")[0]).toList()).isEqualTo(withGap);
    }

    @Test
    void clustersWritesFeedersAccountabilityAndCreamingAndSeesTheChartersCreaming() throws IOException {
        Run r = mosaic("clusters", "--data", dir.resolve("d").toString(), "--year", "2026", "--out",
                dir.resolve("clusters").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Inferred clusters:").contains("median SGP [95%]")
                .contains("Signs that charter CH01 creams: its entrants scored");
        for (String f : List.of("feeders.csv", "leavers.csv", "clusters_inferred.csv", "accountability.csv",
                "creaming.csv", "index.html")) {
            assertThat(dir.resolve("clusters").resolve(f)).exists();
        }
        List<String> accountability = Files.readAllLines(dir.resolve("clusters/accountability.csv"));
        assertThat(accountability).anyMatch(l -> l.startsWith("C01,cluster,")).anyMatch(l -> l.startsWith("C01,H01,"));
        assertThat(Files.readString(dir.resolve("clusters/index.html"))).contains("<svg").contains("heat");
    }

    @Test
    void clustersWithoutAnEnrollmentHistoryIsRefused() throws IOException {
        Path d = dir.resolve("no-history");
        Files.createDirectories(d);
        for (String f : List.of("schools.csv", "students.csv", "scores.csv")) {
            Files.copy(dir.resolve("d").resolve(f), d.resolve(f));
        }
        Run r = mosaic("clusters", "--data", d.toString(), "--out", dir.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("enrollments.csv");
    }

    @Test
    void aBadWideFileIsRefusedWithFileLineAndColumn() throws IOException {
        Path wide = dir.resolve("bad.csv");
        Files.writeString(wide, "ID,GRADE_2025,SS_2025,GRADE_2026,SS_2026\nA,3,201.5,4,210\nB,3,abc,4,NA\n"
                + "C,thirteen,200,4,205\n");
        Run r = mosaic("growth", "sgp", "--wide", wide.toString(), "--year", "2026", "--out",
                dir.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv, line 3, column 3 (ss_2025)").contains("bad.csv, line 4, column 2");
        assertThat(dir.resolve("bad/sgp.csv")).doesNotExist();
    }

    /** The SGPdata layout written from a dataset in test code: GRADE_<year> from enrollments, SS_<year> scores. */
    private static void writeWide(Path data, String subject, Path wide) throws IOException {
        Map<String, Map<Integer, String[]>> byStudent = new TreeMap<>();
        TreeSet<Integer> years = new TreeSet<>();
        List<String> enrollments = Files.readAllLines(data.resolve("enrollments.csv"));
        for (String line : enrollments.subList(1, enrollments.size())) {
            String[] f = line.split(",");
            int year = Integer.parseInt(f[1]);
            years.add(year);
            byStudent.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(year, k -> new String[2])[0] = f[3];
        }
        List<String> scores = Files.readAllLines(data.resolve("scores.csv"));
        for (String line : scores.subList(1, scores.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals(subject)) {
                byStudent.get(f[0]).get(Integer.parseInt(f[2]))[1] = f[3];
            }
        }
        StringBuilder sb = new StringBuilder("ID");
        for (int y : years) {
            sb.append(",GRADE_").append(y).append(",SS_").append(y);
        }
        sb.append('\n');
        byStudent.forEach((id, m) -> {
            sb.append(id);
            for (int y : years) {
                String[] v = m.get(y);
                sb.append(',').append(v == null ? "NA" : v[0]).append(',').append(v == null ? "NA" : v[1]);
            }
            sb.append('\n');
        });
        Files.writeString(wide, sb);
    }

    private static double correlation(List<double[]> pairs) {
        double ma = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double mb = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] p : pairs) {
            sab += (p[0] - ma) * (p[1] - mb);
            saa += (p[0] - ma) * (p[0] - ma);
            sbb += (p[1] - mb) * (p[1] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
