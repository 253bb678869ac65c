package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.synthetic.ElmhurstPreset;

class GroupsCliTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void elmhurst() {
        ElmhurstPreset.write(5, tmp.resolve("elm"));
    }

    @Test
    void groupsScheduleAndSheetForAnElmhurstClass() throws Exception {
        CliRun run = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", "elmhurst-g6-math-1",
                "--subject", "math", "--out", tmp.resolve("g").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> groups = Files.readAllLines(tmp.resolve("g/groups.csv"));
        assertThat(groups).hasSize(33);
        assertThat(Files.readString(tmp.resolve("g/sheet.html"))).contains("Rotation").contains("teacher");
        assertThat(Files.readAllLines(tmp.resolve("g/student_schedule.csv"))).hasSize(1 + 32 * 3);
        assertThat(run.out()).contains("(proven optimal)");
    }

    @Test
    void regroupingAfterANewAssessmentReportsWhoMoved() throws Exception {
        CliRun first = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", "elmhurst-g6-math-2",
                "--subject", "math", "--out", tmp.resolve("r1").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        StringBuilder sb = new StringBuilder("student_id,subject,year,term,score\n");
        List<String> rows = Files.readAllLines(tmp.resolve("r1/groups.csv"));
        for (int k = 1; k < rows.size(); k++) {
            String[] f = rows.get(k).split(",");
            double score = Double.parseDouble(f[2]) + (k == 1 ? 30 : 2);
            sb.append(f[1]).append(",math,2027,winter,").append(score).append('\n');
        }
        Files.writeString(tmp.resolve("winter.csv"), sb.toString());
        CliRun again = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", "elmhurst-g6-math-2",
                "--subject", "math", "--previous", tmp.resolve("r1/groups.csv").toString(), "--new-scores",
                tmp.resolve("winter.csv").toString(), "--out", tmp.resolve("r2").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        List<String> moves = Files.readAllLines(tmp.resolve("r2/moves.csv"));
        assertThat(moves.size()).isGreaterThan(1);
        assertThat(String.join("\n", moves)).contains("score rose from");
    }

    @Test
    void badInputExitsTwo() {
        CliRun unknown = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", "nope",
                "--subject", "math", "--out", tmp.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--section 'nope' is not in sections.csv");
        CliRun sizes = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", "elmhurst-g6-math-1",
                "--subject", "math", "--min", "5", "--max", "5", "--out", tmp.resolve("y").toString());
        assertThat(sizes.exitCode()).isEqualTo(2);
        assertThat(sizes.err()).contains("cannot be split into groups of 5 to 5");
        assertThat(Files.exists(tmp.resolve("y"))).isFalse();
    }

    @Test
    void accelerationRoutesStudentsAboveGradeLevel() throws Exception {
        StringBuilder sb = new StringBuilder("student_id,subject,year,term,score,grade_equivalent\n");
        for (String id : List.of("EL0001", "EL0005", "EL0009", "EL0013")) {
            sb.append(id).append(",math,2027,winter,240,8.5\n");
        }
        Files.writeString(tmp.resolve("fast.csv"), sb.toString());
        String section = "elmhurst-g6-math-1";
        List<String> roster = org.mosaic.io.MosaicCsvReader.read(tmp.resolve("elm")).roster(section);
        StringBuilder rows = new StringBuilder("student_id,subject,year,term,score,grade_equivalent\n");
        for (int k = 0; k < 4; k++) {
            rows.append(roster.get(k)).append(",math,2027,winter,240,8.5\n");
        }
        Files.writeString(tmp.resolve("fast.csv"), rows.toString());
        CliRun run = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", section, "--subject",
                "math", "--accelerate", "--new-scores", tmp.resolve("fast.csv").toString(), "--out",
                tmp.resolve("acc").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String groups = Files.readString(tmp.resolve("acc/groups.csv"));
        assertThat(groups).contains("above-grade," + roster.get(0)).contains("above_grade");
    }
}
