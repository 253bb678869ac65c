package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Progress;

class EnrollCliTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void district() {
        SyntheticDistrict.generate(GeneratorOptions.of(3, 3000), tmp.resolve("d"), Progress.NONE);
    }

    @Test
    void publishedExampleThroughTheCommandLine() throws Exception {
        CliRun run = CliRun.of("enroll", "--data", "examples/abdulkadiroglu-sonmez-2003", "--mechanism", "ttc",
                "--out", tmp.resolve("ttc").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(tmp.resolve("ttc/assignment.csv"));
        assertThat(lines).anyMatch(l -> l.startsWith("i1,6,s2,")).anyMatch(l -> l.startsWith("i8,6,s4,"));
    }

    @Test
    void sameSeedGivesByteIdenticalOutputAndTheSeedIsRecorded() throws Exception {
        for (String dir : List.of("a", "b")) {
            CliRun run = CliRun.of("enroll", "--data", tmp.resolve("d").toString(), "--policy",
                    "examples/policies/controlled-choice.yaml", "--seed", "11", "--out", tmp.resolve(dir).toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        CliRun other = CliRun.of("enroll", "--data", tmp.resolve("d").toString(), "--policy",
                "examples/policies/controlled-choice.yaml", "--seed", "12", "--out", tmp.resolve("c").toString());
        assertThat(other.exitCode()).isZero();
        for (String f : List.of("assignment.csv", "cutoffs.csv", "waitlists.csv", "integration.csv", "stats.json")) {
            assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f))).as(f).isEqualTo(-1);
        }
        assertThat(Files.mismatch(tmp.resolve("a/assignment.csv"), tmp.resolve("c/assignment.csv")))
                .isNotEqualTo(-1);
        assertThat(Files.readString(tmp.resolve("a/stats.json"))).contains("\"seed\" : 11");
        String assignment = Files.readString(tmp.resolve("a/assignment.csv"));
        assertThat(assignment).contains("Placed at your 1st choice").contains("was full: the last student admitted")
                .contains("a lower lottery number is admitted first");
    }

    @Test
    void controlledChoiceNarrowsTheGapInFrlSharesAndLowersSegregation() throws Exception {
        CliRun zone = CliRun.of("enroll", "--data", tmp.resolve("d").toString(), "--policy",
                "examples/policies/neighborhood.yaml", "--json", "--out", tmp.resolve("n").toString());
        CliRun cc = CliRun.of("enroll", "--data", tmp.resolve("d").toString(), "--policy",
                "examples/policies/controlled-choice.yaml", "--json", "--out", tmp.resolve("cc").toString());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        double hZone = mapper.readTree(zone.out()).path("segregation_between_schools").path("frl").path("H")
                .asDouble();
        double hCc = mapper.readTree(cc.out()).path("segregation_between_schools").path("frl").path("H").asDouble();
        assertThat(hCc).isLessThan(hZone);
    }

    @Test
    void drawsGiveProbabilitiesThatSumToAtMostOne() throws Exception {
        CliRun run = CliRun.of("enroll", "--data", tmp.resolve("d").toString(), "--grade", "9", "--draws", "20",
                "--quiet", "--out", tmp.resolve("p").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        java.util.Map<String, Double> sum = new java.util.HashMap<>();
        for (String l : Files.readAllLines(tmp.resolve("p/probabilities.csv")).subList(1, 50)) {
            String[] f = l.split(",");
            sum.merge(f[0], Double.parseDouble(f[4]), Double::sum);
        }
        assertThat(sum.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0 + 1e-9));
        assertThat(Files.readAllLines(tmp.resolve("p/cutoff_distribution.csv")).get(0)).contains("cutoff_p50");
    }

    @Test
    void badPolicyIsExplained(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("bad.yaml");
        Files.writeString(policy, "name: bad\nseats:\n  - type: frl\n    share: 1.5\n    eligible: income < 3\n");
        CliRun run = CliRun.of("enroll", "--data", "examples/abdulkadiroglu-sonmez-2003", "--policy",
                policy.toString(), "--out", dir.resolve("o").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml").contains("seats[0].share").contains("a share between 0 and 1")
                .contains("unknown field 'income'");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
        Files.writeString(policy, "name: [unclosed\n");
        CliRun syntax = CliRun.of("enroll", "--data", "examples/abdulkadiroglu-sonmez-2003", "--policy",
                policy.toString(), "--out", dir.resolve("o").toString());
        assertThat(syntax.exitCode()).isEqualTo(2);
        assertThat(syntax.err()).contains("bad.yaml, line");
    }
}
