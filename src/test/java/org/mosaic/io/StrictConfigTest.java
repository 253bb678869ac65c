package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;
import org.mosaic.model.BadInputException;

/** Config files are read strictly: unknown keys and wrong types are errors naming file, key and expected form. */
class StrictConfigTest {
    @TempDir
    Path tmp;

    @Test
    void unknownKeysAndWrongTypesAreAllReported() throws IOException {
        Path f = tmp.resolve("rules.yaml");
        Files.writeString(f, "min_size: abc\nrules:\n  cluster_iep: maybe\n  iep_shar: 0.3\nweights:\n  frl: 2\n");
        StrictConfig c = StrictConfig.read(f);
        int min = c.root().whole("min_size", -1, 1, 100);
        StrictConfig.Node rules = c.root().mapping("rules");
        boolean cluster = rules.flag("cluster_iep", true);
        rules.decimal("iep_share", 0.25, 0, 1);
        double frl = c.root().mapping("weights").decimal("frl", 1, 0, 10);
        assertThat(min).isEqualTo(-1);
        assertThat(cluster).isTrue();
        assertThat(frl).isEqualTo(2.0);
        assertThatThrownBy(c::finish).isInstanceOf(BadInputException.class)
                .hasMessageContaining("rules.yaml, key min_size: found 'abc'; expected a whole number from 1 to 100")
                .hasMessageContaining("rules.yaml, key rules.cluster_iep: found 'maybe'; expected true or false")
                .hasMessageContaining("rules.yaml: the key 'rules.iep_shar' is not known; the keys under rules are "
                        + "cluster_iep, iep_share");
    }

    @Test
    void theSectionsConfigRejectsAMisspelledRule() throws IOException {
        Path data = tmp.resolve("data");
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        Path config = tmp.resolve("sections.yaml");
        Files.writeString(config, "min_sise: 20\nrules:\n  cluster_iep: false\n");
        CliRun run = CliRun.of("sections", "--data", data.toString(), "--school", "M1", "--grade", "6", "--subject",
                "math", "--config", config.toString(), "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("sections.yaml: the key 'min_sise' is not known");
        Files.writeString(config, "min_size: abc\n");
        CliRun wrongType = CliRun.of("sections", "--data", data.toString(), "--school", "M1", "--grade", "6",
                "--subject", "math", "--config", config.toString(), "--out", tmp.resolve("out").toString());
        assertThat(wrongType.exitCode()).isEqualTo(2);
        assertThat(wrongType.err()).contains("sections.yaml, key min_size: found 'abc'; expected a whole number");
    }

    @Test
    void thePolicyFileRejectsAMisspelledNestedKey() throws IOException {
        Path data = tmp.resolve("data");
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, "name: p\nseats:\n  - type: open\n    shar: 0.5\n");
        CliRun run = CliRun.of("enroll", "--data", data.toString(), "--policy", policy.toString(), "--out",
                tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("policy.yaml: the key 'seats[0].shar' is not known");
    }
}
