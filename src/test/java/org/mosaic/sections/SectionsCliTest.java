package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.synthetic.ElmhurstPreset;

class SectionsCliTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void elmhurst() {
        ElmhurstPreset.write(2, tmp.resolve("elm"));
    }

    static CliRun run(String out, String... extra) {
        return runOn("elm", out, extra);
    }

    static CliRun runOn(String data, String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sections", "--data", tmp.resolve(data).toString(),
                "--school", "elmhurst", "--grade", "7", "--subject", "reading", "--sections", "4",
                "--out", tmp.resolve(out).toString()));
        if (!List.of(extra).contains("--time-limit")) {
            args.addAll(List.of("--time-limit", "2"));
        }
        args.addAll(List.of(extra));
        if (!List.of(extra).contains("--capacity")) {
            args.addAll(List.of("--capacity", "32"));
        }
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void writesPlacementsStatisticsSummaryAndOneRosterReproducibly() throws Exception {
        CliRun a = run("a", "--tracking", "1", "--json");
        CliRun b = run("b", "--tracking", "1");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(Files.mismatch(tmp.resolve("a/placements.csv"), tmp.resolve("b/placements.csv"))).isEqualTo(-1);
        assertThat(Files.readAllLines(tmp.resolve("a/placements.csv"))).hasSize(126);
        assertThat(Files.readAllLines(tmp.resolve("a/section_stats.csv")).get(0)).startsWith("section_id,size,mean,sd");
        assertThat(Files.readAllLines(tmp.resolve("a/sections.csv")).get(0)).isEqualTo(String.join(",",
                org.mosaic.io.MosaicFiles.SECTION_COLUMNS));
        assertThat(a.out()).contains("\"status\"").contains("\"bound\"").contains("\"gap\"").contains("\"dial\" : 1.0")
                .containsPattern("\"stopped_by\" : \"(proven|work_limit)\"");
        assertThat(b.out()).doesNotContain("may not reproduce");
        // The objective's terms add up to it; tracked, only ranges and sizes cost anything.
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("a/summary.json").toFile());
        com.fasterxml.jackson.databind.JsonNode terms = summary.get("objective_terms");
        assertThat(terms.get("spread").asLong() + terms.get("score_bands").asLong() + terms.get("means").asLong()
                + terms.get("balance").asLong() + terms.get("sizes").asLong())
                .isEqualTo(summary.get("objective").asLong());
        assertThat(terms.get("spread").asLong()).isPositive();
        assertThat(terms.get("score_bands").asLong() + terms.get("means").asLong() + terms.get("balance").asLong())
                .isZero();
        assertThat(Files.readString(tmp.resolve("a/oneroster/manifest.csv"))).contains("file.classes,bulk");
        assertThat(Files.readAllLines(tmp.resolve("a/oneroster/enrollments.csv"))).hasSize(126);
    }

    @Test
    void aKeepApartRequestInRequestsCsvPartsTwoClassmates() throws Exception {
        // Tracked classes put score neighbours together; one request in requests.csv must part two of them.
        CliRun before = run("ka0", "--tracking", "1", "--time-limit", "0.5");
        assertThat(before.exitCode()).as(before.err()).isZero();
        String requests = Files.readString(tmp.resolve("elm/requests.csv"));
        java.util.Map<String, List<String>> bySection = new java.util.TreeMap<>();
        List<String> rows = Files.readAllLines(tmp.resolve("ka0/placements.csv"));
        for (String line : rows.subList(1, rows.size())) {
            String[] cell = line.split(",");
            if (!requests.contains(cell[0])) {
                bySection.computeIfAbsent(cell[2], k -> new java.util.ArrayList<>()).add(cell[0]);
            }
        }
        List<String> classmates = bySection.values().iterator().next();
        String a = classmates.get(0);
        String b = classmates.get(1);
        Path copy = tmp.resolve("elm-apart");
        try (java.util.stream.Stream<Path> files = Files.list(tmp.resolve("elm"))) {
            Files.createDirectories(copy);
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve("requests.csv"), requests.stripTrailing() + "\n" + a + "," + b + ",apart\n");
        CliRun after = runOn("elm-apart", "ka1", "--tracking", "1", "--time-limit", "0.5");
        assertThat(after.exitCode()).as(after.err()).isZero();
        java.util.Map<String, String> section = new java.util.HashMap<>();
        String reasonOfA = "";
        for (String line : Files.readAllLines(tmp.resolve("ka1/placements.csv"))) {
            String[] cell = line.split(",", 4);
            section.put(cell[0], cell[2]);
            reasonOfA = cell[0].equals(a) ? cell[3] : reasonOfA;
        }
        assertThat(section.get(a)).as(a + " and " + b).isNotEqualTo(section.get(b));
        assertThat(reasonOfA).contains("kept apart from " + b);
    }

    @Test
    void mixedClassesSayWhatTheRulesForce() throws Exception {
        CliRun r = run("u", "--tracking", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("u/summary.json").toFile());
        com.fasterxml.jackson.databind.JsonNode forced = summary.get("unavoidable_terms");
        long total = forced.get("score_bands").asLong() + forced.get("balance").asLong()
                + forced.get("sizes").asLong();
        // Grade 7 reading: all 11 IEP students must share the one co-taught section, the English learners three
        // certified ones; counting alone proves two score-band counts and one demographic count off their fair
        // shares, and the classes are exactly that far off.
        assertThat(total).isPositive().isEqualTo(summary.get("objective").asLong());
        assertThat(forced.get("spread").asLong() + forced.get("means").asLong()).isZero();
        assertThat(r.out()).contains("unavoidable under these rules: " + total + " of the objective")
                .contains("as balanced as these rules allow");
    }

    @Test
    void accelerationPlacesStrongStudentsOfTheGradeBelowAndFlagsThem() throws Exception {
        // Grade 6 students at grade level score up to ~217; those at 216.5 or more join grade 7's classes.
        CliRun r = run("acc", "--accelerate-cut", "216.5", "--capacity", "34");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String placements = Files.readString(tmp.resolve("acc/placements.csv"));
        assertThat(placements).contains("accelerated from the grade below");
        assertThat(Files.readAllLines(tmp.resolve("acc/placements.csv")).size()).isGreaterThan(126);
    }

    @Test
    void frontierWritesTheTradeoffAndAChart() throws Exception {
        CliRun r = run("f", "--frontier", "--time-limit", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(tmp.resolve("f/frontier.csv"));
        assertThat(rows).hasSize(12);
        assertThat(Files.readString(tmp.resolve("f/frontier.html"))).contains("<svg").contains("H by FRL");
        double sdMixed = Double.parseDouble(rows.get(1).split(",")[1]);
        double sdTracked = Double.parseDouble(rows.get(11).split(",")[1]);
        assertThat(sdTracked).isLessThan(sdMixed);
    }

    @Test
    void levelsModeLabelsSectionsAndBadDialExitsTwo() throws Exception {
        // With IEP clustering on, an IEP student in the upper band would need a co-taught advanced section: the
        // conflict is named. Without it, two levels of contiguous bands.
        CliRun conflict = run("lv0", "--levels", "2");
        assertThat(conflict.exitCode()).isEqualTo(2);
        assertThat(conflict.err()).contains("IEP students in co-taught sections (cap) + levels");
        Files.writeString(tmp.resolve("nolimits.yaml"), "rules:\n  cluster_iep: false\n  cluster_ell: false\n");
        CliRun levels = run("lv", "--levels", "2", "--config", tmp.resolve("nolimits.yaml").toString());
        assertThat(levels.exitCode()).as(levels.err()).isZero();
        assertThat(Files.readString(tmp.resolve("lv/sections.csv"))).contains("standard").contains("advanced");
        CliRun bad = run("bad", "--tracking", "1.5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--tracking 1.5");
        assertThat(Files.exists(tmp.resolve("bad"))).isFalse();
    }
}
