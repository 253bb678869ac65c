package org.mosaic.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.mosaic.model.Score;
import org.mosaic.model.Student;

/**
 * A new assessment to regroup by (student_id, subject, score, and optionally strand, year, term,
 * grade_equivalent), as {@code mosaic groups --new-scores} and the web's regroup page read it: every student must be
 * one of the dataset's; problems name the file, line and column.
 */
public final class NewScoresCsv {
    private NewScoresCsv() {
    }

    public static List<Score> read(Path file, Map<String, Student> students) {
        Problems problems = new Problems();
        List<Score> scores = new ArrayList<>();
        CsvTable.read(file, List.of("student_id", "subject", "score"), problems, row -> {
            String id = row.required("student_id");
            if (!id.isEmpty() && !students.containsKey(id)) {
                row.problem("student_id", id, "a student_id listed in students.csv");
            }
            double score = row.decimal("score", -1e9, 1e9, Double.NaN, true);
            OptionalDouble ge = row.text("grade_equivalent").isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(row.decimal("grade_equivalent", -2, 20, 0, false));
            scores.add(new Score(id, row.required("subject").toLowerCase(Locale.ROOT), row.text("strand"),
                    row.integer("year", 1900, 2200, 9999, false), row.text("term"), score, ge));
        });
        problems.throwIfAny();
        return scores;
    }
}
