package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.TestDirs;

/**
 * OR-Tools' native libraries cost seconds to extract and load (issue #14 measured 2–3 s even for {@code --version}),
 * so only a command that solves may load them. Each command runs in a fresh JVM that logs every class it loads; no
 * OR-Tools class may appear for the commands that never solve. The same log for a {@code sections} run must show
 * OR-Tools' loader, which proves the log would see it.
 */
class LazyNativesTest {
    private static final String ORTOOLS = "com.google.ortools.";

    @TempDir
    Path tmp;

    /** The classes a fresh JVM loaded while running the command line {@code args}, and its exit code. */
    private record Run(int exitCode, List<String> classes, String log) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile(tmp, "classes", ".log");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                MosaicCli.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the command ends").isTrue();
        List<String> lines = Files.readAllLines(log);
        List<String> classes = lines.stream().filter(l -> l.contains(" source: ") || l.contains("class,load"))
                .map(l -> l.replaceAll("^.*\\]\\s*", "").replaceAll(" source:.*$", "")).toList();
        return new Run(p.exitValue(), classes, Files.readString(tmp.resolve("out.txt")));
    }

    private static List<String> ortools(Run r) {
        return r.classes().stream().filter(c -> c.startsWith(ORTOOLS)).toList();
    }

    @Test
    void commandsThatNeverSolveLoadNoOrToolsClass() throws Exception {
        Path tiny = TestDirs.resource("datasets/tiny");
        Path schools = TestDirs.resource("segregation/schools05.csv");
        List<String[]> commands = List.of(
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"sections", "--help"},
                new String[] {"validate", "--data", tiny.toString()},
                new String[] {"measure", "segregation", "--input", schools.toString(), "--group", "race", "--unit",
                    "school", "--weight", "n"});
        for (String[] args : commands) {
            Run r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.log()).isZero();
            // The log must have worked (it lists picocli), or an empty one would pass for the wrong reason.
            assertThat(r.classes()).as(String.join(" ", args)).anyMatch(c -> c.startsWith("picocli."));
            assertThat(ortools(r)).as(String.join(" ", args) + " loads OR-Tools").isEmpty();
        }
    }

    @Test
    void aSolveLoadsThemWhichTheLogSees() throws Exception {
        Run r = run("sections", "--data", TestDirs.resource("datasets/tiny").toString(), "--school", "M1", "--grade",
                "6", "--subject", "math", "--sections", "2", "--capacity", "30", "--time-limit", "0.01", "--out",
                tmp.resolve("sections").toString());
        assertThat(r.exitCode()).as(r.log()).isZero();
        assertThat(ortools(r)).contains("com.google.ortools.Loader");
    }
}
