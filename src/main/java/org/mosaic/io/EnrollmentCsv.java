package org.mosaic.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mosaic.model.Enrollment;
import org.mosaic.model.Grades;
import org.mosaic.model.School;

/**
 * Reads and writes {@code enrollments.csv}, a dataset's enrollment history (student_id, year, school_id, grade).
 * The file is optional in a dataset; when present it is checked whole: every school must be in schools.csv and
 * serve the grade, each student has at most one row per year, and a student's grade rises by at most one a year.
 */
public final class EnrollmentCsv {
    public static final String FILE = "enrollments.csv";
    public static final List<String> COLUMNS = List.of("student_id", "year", "school_id", "grade");

    private EnrollmentCsv() {
    }

    public static boolean present(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    /** Reads the history of a dataset directory whose schools are {@code schools}; all-or-nothing. */
    public static List<Enrollment> read(Path dir, List<School> schools) {
        Problems problems = new Problems();
        List<Enrollment> rows = read(dir.resolve(FILE), schools, problems);
        problems.throwIfAny();
        return rows;
    }

    static List<Enrollment> read(Path file, List<School> schools, Problems problems) {
        Map<String, School> byId = new HashMap<>();
        schools.forEach(s -> byId.put(s.id(), s));
        List<Enrollment> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, int[]> lastYearAndGrade = new HashMap<>();
        CsvTable.read(file, COLUMNS, problems, row -> {
            String id = row.required("student_id");
            int year = row.integer("year", 1900, 2200, 0, true);
            String schoolId = row.required("school_id");
            int grade = row.grade("grade");
            School school = byId.get(schoolId);
            if (!schoolId.isEmpty() && school == null) {
                row.problem("school_id", schoolId, "a school_id listed in schools.csv");
            } else if (school != null && Grades.parse(row.text("grade")) != null && !school.serves(grade)) {
                row.problem("grade", row.text("grade"), "a grade that school " + schoolId + " serves ("
                        + Grades.label(school.lowGrade()) + " to " + Grades.label(school.highGrade()) + ")");
            }
            if (!id.isEmpty() && year > 0 && !seen.add(id + "\u0000" + year)) {
                row.problem("year", Integer.toString(year), "one row per student and year (student " + id
                        + " already has a row for " + year + "; keep the school where the student was tested)");
            }
            int[] before = lastYearAndGrade.get(id);
            if (before != null && year > before[0] && grade > before[1] + (year - before[0])) {
                row.problem("grade", row.text("grade"), "at most one grade more per year (student " + id
                        + " was in grade " + Grades.label(before[1]) + " in " + before[0] + ")");
            }
            if (!id.isEmpty() && year > 0 && (before == null || year > before[0])) {
                lastYearAndGrade.put(id, new int[] {year, grade});
            }
            rows.add(new Enrollment(id, year, schoolId, grade));
        });
        return rows;
    }

    public static void write(Path dir, List<Enrollment> rows) {
        Csv.write(dir.resolve(FILE), COLUMNS, p -> {
            for (Enrollment e : rows) {
                p.printRecord(row(e));
            }
        });
    }

    /** The columns of one row, for streaming writers. */
    public static Object[] row(Enrollment e) {
        return new Object[] {e.studentId(), e.year(), e.schoolId(), Grades.label(e.grade())};
    }
}
