package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Enrollment;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Location;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;

class EnrollmentCsvTest {
    @TempDir
    Path dir;

    private static final List<School> SCHOOLS = List.of(
            new School("E1", "E1", SchoolType.NEIGHBORHOOD, "C1", 0, 5, new Location(0, 0), "", Map.of()),
            new School("M1", "M1", SchoolType.NEIGHBORHOOD, "C1", 6, 8, new Location(0, 0), "", Map.of()));

    @Test
    void roundTripsTheRowsItWrites() {
        List<Enrollment> rows = List.of(new Enrollment("S1", 2025, "E1", 5), new Enrollment("S1", 2026, "M1", 6),
                new Enrollment("S2", 2026, "E1", 0));
        EnrollmentCsv.write(dir, rows);
        assertThat(EnrollmentCsv.read(dir, SCHOOLS)).isEqualTo(rows);
    }

    @Test
    void namesFileLineAndColumnOfEveryProblemAndReadsNothing() throws IOException {
        Files.writeString(dir.resolve("enrollments.csv"), String.join("\n",
                "student_id,year,school_id,grade",
                "S1,2025,E1,5",
                "S1,2025,E1,5",      // repeated year
                "S2,2026,X9,3",      // unknown school
                "S3,2026,M1,4",      // grade the school does not serve
                "S4,20x6,E1,2",      // not a year
                "S5,2024,E1,1",
                "S5,2025,E1,4",      // three grades in one year
                ""));
        assertThatThrownBy(() -> EnrollmentCsv.read(dir, SCHOOLS))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    List<InputProblem> p = e.problems();
                    assertThat(p).extracting(InputProblem::line).containsExactly(3L, 4L, 5L, 6L, 8L);
                    assertThat(p).extracting(InputProblem::column)
                            .containsExactly("year", "school_id", "grade", "year", "grade");
                    assertThat(p.get(0).columnNumber()).isEqualTo(2);
                    assertThat(p).allMatch(x -> x.file().equals("enrollments.csv"));
                    assertThat(p.get(2).expected()).contains("6 to 8");
                });
    }

    @Test
    void aMissingColumnIsReportedOnTheHeaderLine() throws IOException {
        Files.writeString(dir.resolve("enrollments.csv"), "student_id,year,school_id\nS1,2025,E1\n");
        assertThatThrownBy(() -> EnrollmentCsv.read(dir, SCHOOLS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("grade");
    }
}
