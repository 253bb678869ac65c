package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.TestDirs;

/** Every output keeps the rank numbers the family wrote, even when a ranked school has no seats in the grade. */
class WrittenRanksTest {

    /** The tiny dataset with Harbor Charter closed to grade 6 this year and two grade-6 families' lists. */
    static Path dataset(Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        TestDirs.copyTree(TestDirs.resource("datasets/tiny"), data);
        List<String> schools = Files.readAllLines(data.resolve("schools.csv"));
        Files.write(data.resolve("schools.csv"), schools.stream()
                .map(l -> l.startsWith("CH,") ? l.substring(0, l.lastIndexOf(',')) + ",6=0" : l).toList());
        // s3 wrote Harbor Charter (no grade-6 seats) first and Baker Middle second; s4 left a gap: ranks 2 and 5.
        Files.writeString(data.resolve("choices.csv"), """
                student_id,rank,school_id
                s3,1,CH
                s3,2,M1
                s4,2,M1
                s4,5,CH
                """);
        Files.deleteIfExists(data.resolve("priorities.csv"));
        return data;
    }

    @Test
    void assignmentWaitlistsAndStatisticsCountRanksAsWritten(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        CliRun validate = CliRun.of("validate", "--data", data.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();

        CliRun run = CliRun.of("enroll", "--data", data.toString(), "--grade", "6", "--json", "--out",
                tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(tmp.resolve("out/assignment.csv"));
        String s3 = rows.stream().filter(l -> l.startsWith("s3,")).findFirst().orElseThrow();
        String s4 = rows.stream().filter(l -> l.startsWith("s4,")).findFirst().orElseThrow();
        assertThat(s3).startsWith("s3,6,M1,2,").contains("Placed at your 2nd choice, M1")
                .contains("Your 1st choice, CH, has no seats in this grade");
        assertThat(s4).startsWith("s4,6,M1,2,").contains("Placed at your 2nd choice, M1").doesNotContain("1st choice");
        String stats = Files.readString(tmp.resolve("out/stats.json"));
        // Neither family got the school it wrote first.
        assertThat(stats).containsPattern("\"all\" : \\{[^}]*\"first_choice\" : 0");
        assertThat(stats).containsPattern("\"all\" : \\{[^}]*\"top3\" : 1");
    }

    @Test
    void aChoiceOfASchoolOutsideTheStudentsGradeIsAnInputError(@TempDir Path tmp) throws Exception {
        Path data = dataset(tmp);
        Files.writeString(data.resolve("choices.csv"), "student_id,rank,school_id\ns3,1,H1\ns3,2,M1\n");
        CliRun validate = CliRun.of("validate", "--data", data.toString());
        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err()).contains("choices.csv, line 2, column 3 (school_id): found 'H1'; expected a "
                + "school that serves the student's grade 6 (H1 serves 9-12)");
        CliRun enroll = CliRun.of("enroll", "--data", data.toString(), "--out", tmp.resolve("out").toString());
        assertThat(enroll.exitCode()).isEqualTo(2);
    }
}
