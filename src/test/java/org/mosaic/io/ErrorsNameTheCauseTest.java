package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;

/** One mistake, one message: the cause is reported and nothing that only follows from it. */
class ErrorsNameTheCauseTest {
    @TempDir
    Path tmp;

    private Path tiny() {
        Path data = tmp.resolve("data");
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        return data;
    }

    private static List<String> problems(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        return run.err().lines().filter(l -> l.startsWith("  ")).toList();
    }

    private static void replaceFirst(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void aMisspelledKeyColumnIsTheOnlyMessageNotEveryReferenceToIt() throws IOException {
        Path data = tiny();
        replaceFirst(data.resolve("students.csv"), "student_id", "studentid");
        List<String> problems = problems(CliRun.of("validate", "--data", data.toString()));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("students.csv, line 1").contains("student_id")
                .contains("is 'studentid' meant to be student_id?");
    }

    @Test
    void aFileThatIsNotUtf8IsTheOnlyMessage() throws IOException {
        Path data = tiny();
        String text = Files.readString(data.resolve("students.csv"));
        Files.write(data.resolve("students.csv"), text.replaceFirst("hispanic,female,1,0,0,1,0,,",
                "hispanic,female,1,0,0,1,0,José,").getBytes(StandardCharsets.ISO_8859_1));
        List<String> problems = problems(CliRun.of("validate", "--data", data.toString()));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("students.csv, line 2: the file is not UTF-8 text");
    }

    @Test
    void aSemicolonSeparatedFileIsNamedAsSuch() throws IOException {
        Path data = tiny();
        Files.writeString(data.resolve("scores.csv"), Files.readString(data.resolve("scores.csv")).replace(',', ';'));
        List<String> problems = problems(CliRun.of("validate", "--data", data.toString()));
        assertThat(problems).containsExactly("  scores.csv, line 1: this file uses ';' between values; save it as "
                + "CSV with commas (in Excel: Save As → \"CSV UTF-8 (Comma delimited)\")");
    }

    @Test
    void eachCellGetsOneMessage() throws IOException {
        Path data = tiny();
        replaceFirst(data.resolve("students.csv"), "s3,6,M1", "s3,6th,M1");
        List<String> problems = problems(CliRun.of("validate", "--data", data.toString()));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("students.csv, line 4, column 2 (grade): found '6th'");
    }

    @Test
    void contradictoryRequestsNameTheStudents() throws IOException {
        Path data = tiny();
        Files.writeString(data.resolve("requests.csv"), "student_a,student_b,kind\ns3,s4,together\ns4,s3,apart\n");
        List<String> problems = problems(CliRun.of("validate", "--data", data.toString()));
        assertThat(problems).containsExactly("  requests.csv, line 3: students s4 and s3 are to be kept apart, but "
                + "keep-together requests join them (s4 → s3); remove one of these requests");
    }
}
