package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Gender;
import org.mosaic.model.Race;
import org.mosaic.model.RequestKind;
import org.mosaic.model.Student;

class MosaicCsvReaderTest {
    @Test
    void readsEveryFileOfTheTinyDataset() {
        Dataset d = MosaicCsvReader.read(TestDirs.resource("datasets/tiny"));

        assertThat(d.schools()).extracting(s -> s.id()).containsExactly("E1", "M1", "H1", "CH");
        assertThat(d.schools().get(1).capacity(6)).isEqualTo(45);
        assertThat(d.schools().get(1).capacity(7)).isEqualTo(40);
        assertThat(d.schools().get(1).capacity(9)).isZero();
        assertThat(d.district().clusters()).singleElement()
                .satisfies(c -> assertThat(c.highSchoolId()).isEqualTo("H1"));
        Student s3 = d.district().studentsById().get("s3");
        assertThat(s3.grade()).isEqualTo(6);
        assertThat(s3.race()).isEqualTo(Race.BLACK);
        assertThat(s3.frl()).isTrue();
        assertThat(s3.gifted()).isTrue();
        assertThat(s3.behavior()).isTrue();
        assertThat(d.district().studentsById().get("s2").schoolId()).isEmpty();
        assertThat(d.district().studentsById().get("s6").gender()).isEqualTo(Gender.UNSPECIFIED);
        assertThat(d.scores()).hasSize(5);
        assertThat(d.latestScores("math")).containsEntry("s3", 214.0).containsEntry("s5", 190.0);
        assertThat(d.latestGradeEquivalent("s3", "math")).hasValue(6.4);
        assertThat(d.choices()).hasSize(4);
        assertThat(d.priorities()).hasSize(2);
        assertThat(d.requests()).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(RequestKind.APART));
        assertThat(d.sections()).singleElement().satisfies(s -> {
            assertThat(s.coTaught()).isTrue();
            assertThat(s.course()).isEqualTo("math6");
            assertThat(s.term()).isEqualTo("2026-27");
        });
        assertThat(d.roster("M1-6-math-1")).containsExactly("s3", "s4");
    }

    @Test
    void extraStudentColumnsBecomeAttributes(@TempDir Path tmp) throws IOException {
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("students.csv"));
        StringBuilder text = new StringBuilder(lines.get(0) + ",Leader,support\n");
        for (int k = 1; k < lines.size(); k++) {
            text.append(lines.get(k)).append(k == 1 ? ",1,\n" : ",0,1\n");
        }
        Files.writeString(tmp.resolve("students.csv"), text.toString());
        Dataset d = MosaicCsvReader.read(tmp);
        assertThat(d.students().get(0).attributes()).containsEntry("leader", "1").containsEntry("support", "");
        assertThat(d.students().get(1).attributes()).isEqualTo(java.util.Map.of("leader", "0", "support", "1"));
        // Written back (as --apply copies a dataset), the columns and their values survive.
        Path copy = Files.createDirectories(tmp.resolve("copy"));
        MosaicCsvWriter.write(d, copy);
        assertThat(MosaicCsvReader.read(copy).students()).isEqualTo(d.students());
        // Without extra columns, students carry none.
        assertThat(MosaicCsvReader.read(TestDirs.resource("datasets/tiny")).students().get(0).attributes()).isEmpty();
    }

    @Test
    void writeThenReadGivesTheSameDataset(@TempDir Path tmp) {
        Dataset d = MosaicCsvReader.read(TestDirs.resource("datasets/tiny"));
        MosaicCsvWriter.write(d, tmp);
        Dataset again = MosaicCsvReader.read(tmp);

        assertThat(again.schools()).isEqualTo(d.schools());
        assertThat(again.students()).isEqualTo(d.students());
        assertThat(again.scores()).isEqualTo(d.scores());
        assertThat(again.choices()).isEqualTo(d.choices());
        assertThat(again.priorities()).isEqualTo(d.priorities());
        assertThat(again.requests()).isEqualTo(d.requests());
        assertThat(again.sections()).isEqualTo(d.sections());
        assertThat(again.rosters()).isEqualTo(d.rosters());
    }

    @Test
    void acceptsByteOrderMarkCrlfAndQuotedFields(@TempDir Path tmp) throws IOException {
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), tmp);
        for (String f : List.of("schools.csv", "students.csv", "scores.csv")) {
            String text = Files.readString(tmp.resolve(f)).replace("\n", "\r\n");
            Files.writeString(tmp.resolve(f), "\uFEFF" + text, StandardCharsets.UTF_8);
        }
        String students = Files.readString(tmp.resolve("students.csv"))
                .replace("s6,9,H1,2.4,2.1,Z2,T3,0,white,unspecified,0,0,1,4,0,,",
                        "\"s6\",\"9\",H1,2.4,2.1,Z2,T3,0,white,unspecified,0,0,1,4,0,\"Mary, Jo\",\"O'Neil\r\nJr\"");
        Files.writeString(tmp.resolve("students.csv"), students);

        Dataset d = MosaicCsvReader.read(tmp);

        Student s6 = d.district().studentsById().get("s6");
        assertThat(s6.givenName()).isEqualTo("Mary, Jo");
        assertThat(s6.familyName()).isEqualTo("O'Neil\r\nJr");
        assertThat(d.schools()).hasSize(4);
        assertThat(d.schools().get(0).id()).isEqualTo("E1");
    }

    @Test
    void reportsLineNumbersAfterAQuotedLineBreak(@TempDir Path tmp) throws IOException {
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), tmp);
        Files.writeString(tmp.resolve("requests.csv"), "student_a,student_b,kind\n\"s3\",\"s4\",\"apart\"\n"
                + "s3,s5,\"to\ngether\"\ns4,s5,sideways\n");

        assertThatThrownBy(() -> MosaicCsvReader.read(tmp))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("requests.csv, line 3, column 3 (kind): found 'to\\ngether'")
                .hasMessageContaining("requests.csv, line 5, column 3 (kind): found 'sideways'");
    }

    @Test
    void missingDirectoryIsBadInput() {
        CliRun run = CliRun.of("validate", "--data", "/nonexistent/district");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/nonexistent/district").contains("mosaic generate");
    }

    @Test
    void validateSummarizesTheDataset() {
        CliRun run = CliRun.of("validate", "--data", TestDirs.resource("datasets/tiny").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("6 students, 4 schools, 1 feeder clusters")
                .contains("free/reduced lunch").contains("math");
        CliRun json = CliRun.of("validate", "--json", "--data", TestDirs.resource("datasets/tiny").toString());
        assertThat(json.out()).contains("\"students\" : 6").contains("\"frlShare\" : 0.5");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        CliRun run = CliRun.of("validate", "--dta", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option").contains("Usage: mosaic validate");
    }
}
