package org.mosaic.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;

class SimulateCliTest {
    @TempDir
    Path tmp;

    @Test
    void thePresetWritesTheDocumentedKeysWithIntervalsAndSaysItIsAProjection() throws Exception {
        CliRun run = CliRun.of("simulate", "--preset", "ddk2011", "--draws", "10", "--quiet", "--out",
                tmp.resolve("ddk").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Model projection, not a forecast").contains("ddk2011");
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("ddk/summary.json").toFile());
        for (String key : new String[] {"tracking_effect_sd", "median_discontinuity_sd", "peer_effect_untracked"}) {
            assertThat(s.path(key).path("low").asDouble()).as(key)
                    .isLessThanOrEqualTo(s.path(key).path("mean").asDouble());
            assertThat(s.path(key).path("high").asDouble()).as(key)
                    .isGreaterThanOrEqualTo(s.path(key).path("mean").asDouble());
        }
        assertThat(s.path("effect_by_quartile_sd")).hasSize(4);
        assertThat(s.path("parameter_set").asText()).isEqualTo("ddk2011");
        assertThat(s.path("draws").asInt()).isEqualTo(10);
        assertThat(Files.readAllLines(tmp.resolve("ddk/draws.csv"))).hasSize(11);
        String html = Files.readString(tmp.resolve("ddk/report.html"));
        assertThat(html).contains("Model projection, not a forecast").contains("ddk2011").contains("<svg");
    }

    @Test
    void theSameSeedWritesTheSameBytesWhateverTheThreads() throws Exception {
        CliRun a = CliRun.of("simulate", "--preset", "ddk2011", "--draws", "6", "--threads", "1", "--quiet",
                "--out", tmp.resolve("a").toString());
        CliRun b = CliRun.of("simulate", "--preset", "ddk2011", "--draws", "6", "--threads", "3", "--quiet",
                "--out", tmp.resolve("b").toString());
        assertThat(a.exitCode()).isZero();
        assertThat(b.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("b/summary.json"))).isEqualTo(
                Files.readString(tmp.resolve("a/summary.json")));
        assertThat(Files.readString(tmp.resolve("b/draws.csv"))).isEqualTo(
                Files.readString(tmp.resolve("a/draws.csv")));
    }

    @Test
    void unknownParametersAndValuesOutOfRangeExitWithTwoNamingTheKey() {
        CliRun unknown = CliRun.of("simulate", "--preset", "ddk2011", "--param", "peer_efect=0.2", "--out",
                tmp.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("peer_efect").contains("peer_effect");
        CliRun range = CliRun.of("simulate", "--preset", "ddk2011", "--param", "noise_sd=-1", "--out",
                tmp.resolve("x").toString());
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).contains("noise_sd").contains("from 0 to 3");
        CliRun set = CliRun.of("simulate", "--preset", "ddk2011", "--parameters", "chetty", "--out",
                tmp.resolve("x").toString());
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).contains("ddk2011, hoxby2000");
        CliRun preset = CliRun.of("simulate", "--preset", "kenya", "--out", tmp.resolve("x").toString());
        assertThat(preset.exitCode()).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
    }
}
