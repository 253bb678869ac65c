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
import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Race;

/** The growth commands' lean reader: what it keeps, and the input it refuses with file, line and column. */
class GrowthCsvTest {
    @TempDir
    Path dir;

    private static final String SCHOOLS = """
            school_id,name,type,low_grade,high_grade,capacity
            E1,East,neighborhood,K,5,500
            M1,Middle,neighborhood,6,8,500
            """;
    private static final String STUDENTS = """
            student_id,grade,school_id,frl,race,ell,iep
            S1,5,E1,1,white,0,1
            S2,6,M1,0,hispanic,yes,no
            "S3",6,,0,asian,,
            """;
    private static final String SCORES = """
            student_id,subject,year,score,term,strand,grade_equivalent
            S1,math,2025,200.5,,,
            S1,Math,2026,-3.25,,,
            S1,math,2026,1e2,fall,,
            S1,math,2026,7,,algebra,
            S2,reading,2026,180,,,
            
            S3,math,2026,12,,,4.1
            """;
    private static final String ENROLLMENTS = """
            student_id,year,school_id,grade
            S1,2025,E1,4
            S1,2026,E1,5
            S9,2026,M1,7
            """;

    private void write(String schools, String students, String scores, String enrollments) throws IOException {
        Files.writeString(dir.resolve("schools.csv"), schools);
        Files.writeString(dir.resolve("students.csv"), students);
        Files.writeString(dir.resolve("scores.csv"), scores);
        if (enrollments != null) {
            Files.writeString(dir.resolve("enrollments.csv"), enrollments);
        }
    }

    private List<InputProblem> refused(String subject) {
        try {
            GrowthCsv.read(dir, subject);
        } catch (BadInputException e) {
            return e.problems();
        }
        throw new AssertionError("the dataset was read; it should have been refused");
    }

    @Test
    void keepsTheSubjectsOverallScoresTheStudentsTraitsAndTheHistory() throws IOException {
        write(SCHOOLS, STUDENTS, SCORES, ENROLLMENTS);
        GrowthCsv.Data d = GrowthCsv.read(dir, "math");
        // students.csv's ids first, in file order; then the one only enrollments.csv names
        assertThat(d.students().ids()).containsExactly("S1", "S2", "S3", "S9");
        assertThat(d.students().count()).isEqualTo(3);
        assertThat(d.students().grade()).containsExactly(5, 6, 6);
        assertThat(d.students().school()).containsExactly(0, 1, -1);
        assertThat(d.students().traits()).containsExactly(GrowthCsv.FRL | GrowthCsv.IEP, GrowthCsv.ELL, 0);
        assertThat(d.students().race()).containsExactly((byte) Race.WHITE.ordinal(), (byte) Race.HISPANIC.ordinal(),
                (byte) Race.ASIAN.ordinal());
        // the overall math scores only: not the term or strand rows, not reading; the subject in any case
        assertThat(d.scores().size()).isEqualTo(3);
        assertThat(d.scores().student()).containsExactly(0, 0, 2);
        assertThat(d.scores().year()).containsExactly(2025, 2026, 2026);
        assertThat(d.scores().score()).containsExactly(200.5, -3.25, 12.0);
        assertThat(d.history().present()).isTrue();
        assertThat(d.history().student()).containsExactly(0, 0, 3);
        assertThat(d.history().year()).containsExactly(2025, 2026, 2026);
        assertThat(d.history().school()).containsExactly(0, 0, 1);
        assertThat(d.history().grade()).containsExactly(4, 5, 7);
    }

    @Test
    void aHeaderWithoutARequiredColumnIsNamedAndNoRowIsRead() throws IOException {
        write(SCHOOLS, STUDENTS, SCORES.replace("score,term", "scor,term"), ENROLLMENTS);
        List<InputProblem> p = refused("math");
        assertThat(p).hasSize(1);
        assertThat(p.get(0).file()).isEqualTo("scores.csv");
        assertThat(p.get(0).line()).isEqualTo(1);
        assertThat(p.get(0).expected()).contains("lacks the required column(s) score").contains("scor");
    }

    @Test
    void badCellsAreReportedWithLineColumnAndWhatWasExpected() throws IOException {
        write(SCHOOLS, STUDENTS.replace("S2,6,M1,0,hispanic,yes,no", "S2,6,M1,0,martian,maybe,no"),
                SCORES.replace("S1,math,2025,200.5", "S1,math,2025,20O.5").replace("S3,math,2026,12",
                        "S4,math,1850,12"), ENROLLMENTS.replace("S1,2026,E1,5", "S1,2026,M1,5"));
        List<InputProblem> p = refused("math");
        assertThat(p).extracting(InputProblem::file, InputProblem::line, InputProblem::column,
                InputProblem::columnNumber, InputProblem::value).containsExactly(
                        // personal columns: the value is never shown in a message
                        org.assertj.core.groups.Tuple.tuple("students.csv", 3L, "ell", 6, InputProblem.NOT_SHOWN),
                        org.assertj.core.groups.Tuple.tuple("students.csv", 3L, "race", 5, InputProblem.NOT_SHOWN));
        // students.csv's problems stop the read before the files that refer to it
        write(SCHOOLS, STUDENTS, SCORES.replace("S1,math,2025,200.5", "S1,math,2025,20O.5").replace(
                "S3,math,2026,12", "S4,math,1850,12"), ENROLLMENTS.replace("S1,2026,E1,5", "S1,2026,M1,5"));
        p = refused("math");
        assertThat(p).extracting(InputProblem::file, InputProblem::line, InputProblem::column,
                InputProblem::columnNumber).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("scores.csv", 2L, "score", 4),
                        org.assertj.core.groups.Tuple.tuple("scores.csv", 8L, "student_id", 1),
                        org.assertj.core.groups.Tuple.tuple("scores.csv", 8L, "year", 3),
                        org.assertj.core.groups.Tuple.tuple("enrollments.csv", 3L, "grade", 4));
        assertThat(p.get(0).expected()).contains("a number from -1000000000 to 1000000000");
        assertThat(p.get(1).expected()).contains("listed in students.csv");
        assertThat(p.get(3).expected()).contains("a grade that school M1 serves (6 to 8)");
    }

    @Test
    void everyRowOfAFormulaLikeSubjectIsReportedWhicheverSubjectCameFirst() throws IOException {
        // each subject's verdict is kept from its first row: rows of an earlier subject are reported as well as the
        // latest one's (MosaicCsvReader reports every such cell too)
        write(SCHOOLS, STUDENTS, SCORES + "S1,=A,2026,1,,,\nS1,=B,2026,1,,,\nS2,=A,2025,1,,,\nS2,=B,2025,1,,,\n",
                null);
        List<InputProblem> p = refused("math");
        assertThat(p).extracting(InputProblem::line, InputProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(9L, "subject"), org.assertj.core.groups.Tuple.tuple(10L, "subject"),
                org.assertj.core.groups.Tuple.tuple(11L, "subject"), org.assertj.core.groups.Tuple.tuple(12L, "subject"));
        assertThat(p.get(0).expected()).contains("formula");
    }

    @Test
    void theEnrollmentHistoryKeepsItsRulesAcrossRows() throws IOException {
        write(SCHOOLS, STUDENTS, SCORES, ENROLLMENTS + "S1,2025,E1,4\nS2,2024,E1,3\nS2,2026,M1,6\n");
        List<InputProblem> p = refused("math");
        assertThat(p).extracting(InputProblem::line, InputProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5L, "year"), org.assertj.core.groups.Tuple.tuple(7L, "grade"));
        assertThat(p.get(0).expected()).contains("one row per student and year");
        assertThat(p.get(1).expected()).contains("at most one grade more per year");
    }

    @Test
    void refusesFilesItCannotReadWhole() throws IOException {
        write(SCHOOLS, STUDENTS, SCORES + "S2,math,2026,\"190\n", ENROLLMENTS);
        assertThat(refused("math")).singleElement().satisfies(q -> {
            assertThat(q.file()).isEqualTo("scores.csv");
            assertThat(q.expected()).contains("a quoted field is not closed");
        });
        write(SCHOOLS, STUDENTS.replace("S2,6", "=cmd(),6"), SCORES, ENROLLMENTS);
        assertThat(refused("math")).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(3);
            assertThat(q.expected()).contains("formula");
        });
        byte[] latin1 = STUDENTS.replace("S2,6", "Sé,6").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("students.csv"), latin1);
        assertThat(refused("math")).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(3);
            assertThat(q.expected()).contains("UTF-8");
        });
        write(SCHOOLS, STUDENTS, "", ENROLLMENTS);
        assertThat(refused("math")).singleElement().satisfies(q -> assertThat(q.expected())
                .contains("an empty file"));
        Files.delete(dir.resolve("scores.csv"));
        Files.createDirectory(dir.resolve("scores.csv"));
        assertThat(refused("math")).singleElement().satisfies(q -> assertThat(q.expected())
                .contains("not a regular file"));
    }

    @Test
    void theRostersOfTheSubjectsSectionsInFileOrder() throws IOException {
        write(SCHOOLS, STUDENTS, SCORES, ENROLLMENTS);
        Files.writeString(dir.resolve("sections.csv"), """
                section_id,school_id,grade,subject,capacity
                M1-math,M1,6,Math,25
                M1-read,M1,6,reading,25
                """);
        Files.writeString(dir.resolve("rosters.csv"), """
                section_id,student_id
                M1-read,S2
                M1-math,S3
                M1-math,S2
                """);
        GrowthCsv.Data d = GrowthCsv.read(dir, "math");
        GrowthCsv.Rosters r = GrowthCsv.rosters(dir, "math", d);
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.student()).containsExactly(2, 1);
        assertThat(java.util.Arrays.stream(r.section()).mapToObj(i -> r.sectionIds().get(i)))
                .containsExactly("M1-math", "M1-math");
        Files.writeString(dir.resolve("rosters.csv"), "section_id,student_id\nM1-math,S2\nM1-gym,S2\nM1-math,S2\n");
        assertThatThrownBy(() -> GrowthCsv.rosters(dir, "math", d)).isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).problems()).extracting(InputProblem::line,
                        InputProblem::column).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "section_id"),
                                org.assertj.core.groups.Tuple.tuple(4L, "student_id")));
    }
}
