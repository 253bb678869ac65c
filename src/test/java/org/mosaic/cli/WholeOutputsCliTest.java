package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.Manifest;

/**
 * Whole outputs or none, from the command line: a child process running {@code mosaic generate} over a complete
 * earlier output is killed at random points; the folder is always one run's complete output, and the next run leaves
 * no staging behind.
 */
class WholeOutputsCliTest {
    @TempDir
    Path tmp;

    private Process start(Path out, long seed) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                MosaicCli.class.getName(), "generate", "--seed", Long.toString(seed), "--students", "1000", "--quiet",
                "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("child.log")).sorted().toList();
        }
    }

    @Test
    void killedAtRandomPointsTheOutputIsAlwaysOneWholeRun() throws Exception {
        Path out = tmp.resolve("district");
        CliRun first = CliRun.of("generate", "--seed", "2", "--students", "1000", "--quiet", "--out", out.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();

        long t0 = System.nanoTime();
        Process whole = start(tmp.resolve("timing"), 9);
        assertThat(whole.waitFor(300, TimeUnit.SECONDS)).isTrue();
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;

        Random random = new Random(20);
        List<Long> seeds = new ArrayList<>();
        for (int trial = 0; trial < 6; trial++) {
            Process p = start(out, 3);
            Thread.sleep((long) (random.nextDouble() * fullMillis * 1.1));
            if (trial % 3 == 2) {
                p.destroy(); // SIGTERM, as from Ctrl-C or a shutdown: the staging folder goes at once
            } else {
                p.destroyForcibly(); // SIGKILL: nothing runs; the next run cleans up
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(Manifest.check(out)).as("trial %d", trial).isEmpty();
            Manifest m = Manifest.read(out).orElseThrow();
            seeds.add(m.run().seed());
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.equals(Manifest.FILE)))
                        .containsExactlyInAnyOrderElementsOf(m.files().keySet());
            }
            CliRun valid = CliRun.of("validate", "--data", out.toString());
            assertThat(valid.exitCode()).as(valid.err()).isZero();
        }
        assertThat(seeds).allMatch(s -> s == 2L || s == 3L);

        CliRun again = CliRun.of("generate", "--seed", "4", "--students", "1000", "--quiet", "--out", out.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(siblings()).containsExactly("district", "timing");
        assertThat(Manifest.read(out).orElseThrow().run().seed()).isEqualTo(4L);
    }

    @Test
    void aFolderMixedFromTwoRunsIsRefused() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(CliRun.of("generate", "--seed", "2", "--students", "600", "--quiet", "--out", a.toString())
                .exitCode()).isZero();
        assertThat(CliRun.of("generate", "--seed", "3", "--students", "600", "--quiet", "--out", b.toString())
                .exitCode()).isZero();
        Files.copy(b.resolve("students.csv"), a.resolve("students.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun run = CliRun.of("validate", "--data", a.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("students.csv is not the file `mosaic generate` wrote");
        Files.delete(b.resolve("scores.csv"));
        CliRun missing = CliRun.of("validate", "--data", b.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("scores.csv is missing");
    }

    @Test
    void aBadOutStopsTheCommandBeforeAnyWork() throws IOException {
        Path file = tmp.resolve("file.csv");
        Files.writeString(file, "mine");
        CliRun run = CliRun.of("enroll", "--data", "examples/does-not-exist", "--out", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        // the --out check comes first: the missing dataset is not what is reported
        assertThat(run.err()).contains("is a file, not a folder").doesNotContain("does-not-exist")
                .doesNotContain("internal error");
        CliRun under = CliRun.of("generate", "--seed", "1", "--out", file.resolve("x").toString());
        assertThat(under.exitCode()).isEqualTo(2);
        assertThat(under.err()).contains("cannot create the folder");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void aFullDiskIsExit2WithTheSpaceNeededAndLeavesThePreviousOutput() throws Exception {
        Path mount = tmp.resolve("small-disk");
        Files.createDirectories(mount);
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        assumeTrue(m.waitFor(30, TimeUnit.SECONDS) && m.exitValue() == 0, "needs a small tmpfs (root)");
        try {
            Path out = mount.resolve("district");
            Files.createDirectories(out);
            Files.writeString(out.resolve("keep.txt"), "");
            Files.delete(out.resolve("keep.txt"));
            CliRun run = CliRun.of("generate", "--seed", "1", "--students", "5000", "--quiet", "--out",
                    out.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).containsPattern("the disk is full: [0-9,]+ MB needed at " + out)
                    .doesNotContain("staging").doesNotContain("Exception");
            try (Stream<Path> left = Files.list(mount)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("district");
            }
            try (Stream<Path> left = Files.list(out)) {
                assertThat(left).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
