package org.mosaic.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.synthetic.GeneratorOptions;
import org.mosaic.io.synthetic.SyntheticDistrict;
import org.mosaic.model.Progress;

class ScenarioCliTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void district() throws Exception {
        SyntheticDistrict.generate(GeneratorOptions.of(4, 1000), tmp.resolve("d"), Progress.NONE);
        Files.createDirectories(tmp.resolve("policies"));
        Files.copy(Path.of("examples/policies/neighborhood.yaml"), tmp.resolve("policies/neighborhood.yaml"));
    }

    private static Path scenario(String name, String body) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, body);
        return file;
    }

    private static CliRun run(Path file, String out) {
        return CliRun.of("simulate", "--scenario", file.toString(), "--data", tmp.resolve("d").toString(),
                "--draws", "3", "--threads", "2", "--quiet", "--out", tmp.resolve(out).toString());
    }

    @Test
    void scenariosReportEveryOutcomeWithItsIntervalAndTheParameterSet() throws Exception {
        Path file = scenario("two.yaml", """
                years: 1
                parameters: {set: ddk2011, peer_effect: 0.12}
                scenarios:
                  - {name: zones mixed, policy: policies/neighborhood.yaml, dial: 0}
                  - {name: current tracked, policy: none, dial: 1, parameters: {set: hoxby2000}}
                """);
        CliRun r = run(file, "out");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Model projection, not a forecast").contains("ddk2011+overrides")
                .contains("hoxby2000").contains("zones mixed");
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("out/summary.json").toFile());
        assertThat(s.path("scenarios")).hasSize(2);
        JsonNode outcomes = s.path("scenarios").get(0).path("outcomes");
        for (String key : new String[] {"mean_growth", "growth_q1", "growth_q4", "growth_frl", "growth_not_frl",
                "gap_frl_g", "gap_white_black_g", "h_between_schools_frl", "h_between_schools_race",
                "h_classrooms_frl", "h_classrooms_race", "share_high_poverty_schools"}) {
            assertThat(outcomes.path(key).has("low")).as(key).isTrue();
            assertThat(outcomes.path(key).path("low").asDouble()).as(key)
                    .isLessThanOrEqualTo(outcomes.path(key).path("high").asDouble());
        }
        assertThat(s.path("scenarios").get(1).path("parameter_set").asText()).isEqualTo("hoxby2000");
        String html = Files.readString(tmp.resolve("out/report.html"));
        assertThat(html).contains("Model projection, not a forecast").contains("ddk2011").contains("<svg")
                .contains("Achievement against classroom segregation");
        // The same seed, the same bytes.
        CliRun again = run(file, "again");
        assertThat(again.exitCode()).isZero();
        assertThat(Files.readString(tmp.resolve("again/draws.csv")))
                .isEqualTo(Files.readString(tmp.resolve("out/draws.csv")));
    }

    @Test
    void unknownKeysBadDialsAndMissingPoliciesExitTwoNamingFileAndKey() throws Exception {
        Path file = scenario("bad.yaml", """
                years: 2
                trackng: 1
                parameters: {set: ddk2011, peer_efect: 0.2, noise_sd: 9}
                scenarios:
                  - {name: a, policy: policies/nowhere.yaml, dial: 1.5}
                  - {name: b, dial: 0}
                  - {name: c, policy: none, dial: "high", levels: 1}
                """);
        CliRun r = run(file, "bad");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml")
                .contains("trackng")
                .contains("parameters.peer_efect")
                .contains("parameters.noise_sd").contains("from 0 to 3")
                .contains("scenarios[0].policy").contains("nowhere.yaml")
                .contains("scenarios[0].dial").contains("from 0 (mixed) to 1 (tracked)")
                .contains("scenarios[1].policy")
                .contains("scenarios[2].dial")
                .contains("scenarios[2].levels");
        assertThat(Files.exists(tmp.resolve("bad"))).isFalse();
    }

    @Test
    void yearsPastTheCohortsSchoolSpanAreRefused() throws Exception {
        Path file = scenario("long.yaml", """
                years: 5
                scenarios:
                  - {name: a, policy: none}
                """);
        CliRun r = run(file, "long");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("long.yaml").contains("years").contains("1 to 3");
    }
}
