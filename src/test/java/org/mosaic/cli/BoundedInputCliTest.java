package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;

/** Bounded input and checked options: each case is exit 2 with a short message, never a hang or a stack trace. */
class BoundedInputCliTest {
    @TempDir
    Path tmp;

    private Path tiny() {
        Path data = tmp.resolve("data");
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        return data;
    }

    private static void assertRefused(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aLinkToADeviceIsNotRead() throws IOException {
        Path data = tiny();
        Files.delete(data.resolve("students.csv"));
        Files.createSymbolicLink(data.resolve("students.csv"), Path.of("/dev/zero"));
        assertRefused(CliRun.of("validate", "--data", data.toString()),
                "students.csv: is not a regular file (it links to /dev/zero)");
    }

    @Test
    void aHugeHeaderIsRefusedInAFewWords() throws IOException {
        Path data = tiny();
        StringBuilder header = new StringBuilder("student_id,grade,school_id,frl");
        for (int i = 0; i < 1_000_000; i++) {
            header.append(",c").append(i);
        }
        Files.writeString(data.resolve("students.csv"), header + "\n");
        CliRun run = CliRun.of("validate", "--data", data.toString());
        assertRefused(run, "students.csv, line 1: a line is longer than 1,000,000 characters");
        assertThat(run.err().length()).isLessThan(2_000);
        Files.writeString(data.resolve("students.csv"), header.substring(0, header.indexOf(",c2000,")) + "\n");
        CliRun wide = CliRun.of("validate", "--data", data.toString());
        assertRefused(wide, "students.csv, line 1: 2,004 columns, above the limit of 1,000");
        assertThat(wide.err().length()).isLessThan(2_000);
    }

    @Test
    void aHeaderMissingAColumnListsAtMostTwentyNames() throws IOException {
        Path data = tiny();
        StringBuilder header = new StringBuilder("student_id,grade,school_id,frl");
        for (String c : java.util.List.of("name", "type", "cluster_id", "low_grade", "high_grade", "capacity",
                "capacity_by_grade", "subject", "year", "score", "term", "strand", "rank", "priority", "kind", "level",
                "co_taught", "ell_certified", "period", "teacher", "course_id", "term_id", "section_id")) {
            header.append(",").append(c);
        }
        for (int i = 0; i < 500; i++) {
            header.append(",extra").append(i);
        }
        Files.writeString(data.resolve("students.csv"), header + "\n");
        CliRun run = CliRun.of("validate", "--data", data.toString());
        assertRefused(run, "lacks the required column(s) race");
        String line = run.err().lines().filter(l -> l.contains("lacks")).findFirst().orElseThrow();
        assertThat(line.split(", ").length).isLessThanOrEqualTo(24);
        assertThat(line).contains("... ").contains("more").contains("other columns");
    }

    @Test
    void aLineWithoutEndIsRefused() throws IOException {
        Path data = tiny();
        Files.writeString(data.resolve("requests.csv"), "student_a,student_b,kind\n" + "s".repeat(1_200_000));
        assertRefused(CliRun.of("validate", "--data", data.toString()),
                "requests.csv, line 2: a line is longer than 1,000,000 characters");
    }

    @Test
    void aValueLongerThanTheLimitIsRefused() throws IOException {
        Path data = tiny();
        Files.writeString(data.resolve("requests.csv"), "student_a,student_b,kind\ns3," + "x".repeat(20_000)
                + ",apart\n", StandardCharsets.UTF_8);
        assertRefused(CliRun.of("validate", "--data", data.toString()),
                "requests.csv, line 2: column 2 holds 20,000 characters, above the limit of 10,000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "enroll --draws -5|--draws -5 is out of range: use a whole number of at least 1",
            "enroll --draws 0|--draws 0 is out of range: use a whole number of at least 1",
            "enroll --threads 0|--threads 0 is out of range: use a whole number of at least 1",
            "sections --school M1 --grade 6 --subject math --time-limit 0|--time-limit 0.0 is out of range",
            "sections --school M1 --grade 6 --subject math --time-limit -1|--time-limit -1.0 is out of range",
            "groups --section M1-6-math-1 --subject math --max-range -1|--max-range -1.0 is out of range",
            "groups --section M1-6-math-1 --subject math --min 0|--min 0 is out of range"})
    void numericOptionsAreRangeChecked(String command, String message) {
        Path data = tiny();
        String[] words = command.split(" ");
        String[] args = new String[words.length + 4];
        args[0] = words[0];
        System.arraycopy(new String[] {"--data", data.toString(), "--out", tmp.resolve("out").toString()}, 0, args,
                1, 4);
        System.arraycopy(words, 1, args, 5, words.length - 1);
        CliRun run = CliRun.of(args);
        assertRefused(run, message);
        assertThat(Files.exists(tmp.resolve("out"))).isFalse();
    }

    @Test
    void runningOutOfMemoryIsOneLineWithAHint() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx40m", "-cp", System.getProperty("java.class.path"),
                MosaicCli.class.getName(), "generate", "--seed", "1", "--students", "5000000", "--quiet", "--out",
                tmp.resolve("big").toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output.strip().lines()).hasSize(1);
        assertThat(output).contains("out of memory").contains("-Xmx").doesNotContain("\tat ");
        assertThat(Files.exists(tmp.resolve("big"))).isFalse();
    }
}
