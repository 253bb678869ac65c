package org.mosaic.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Grades;
import org.mosaic.model.InputProblem;

/**
 * Reads the wide layout of the R package SGP's example data ({@code sgpData}): one row per student, {@code ID}, and
 * for each year {@code GRADE_<year>} and {@code SS_<year>} (scale score). Empty cells and {@code NA} are missing.
 * All-or-nothing, with file, line and column for every problem.
 */
public final class SgpWideCsv {
    private static final Pattern YEAR_COLUMN = Pattern.compile("(grade|ss)_(\\d{4})(?:_\\d{4})?");

    private SgpWideCsv() {
    }

    /** Each student's scores and grades by year. */
    public record WideScores(Map<String, Map<Integer, Double>> scores, Map<String, Map<Integer, Integer>> grades,
                             List<Integer> years) {
    }

    public static WideScores read(Path file) {
        String name = file.getFileName().toString();
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.parse(in)) {
            var it = parser.iterator();
            header = new ArrayList<>();
            if (it.hasNext()) {
                for (String h : it.next()) {
                    header.add(h.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(List.of(new InputProblem(name, 0, "", "", "the file " + file
                    + " to exist (a wide SGP file: ID, GRADE_<year>, SS_<year>)")));
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(List.of(new InputProblem(name, 0, "", "", "a readable UTF-8 CSV file")));
        }
        Map<Integer, String[]> columnsByYear = new LinkedHashMap<>();
        for (String h : header) {
            Matcher m = YEAR_COLUMN.matcher(h);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(2));
                String[] pair = columnsByYear.computeIfAbsent(year, k -> new String[2]);
                pair[m.group(1).equals("grade") ? 0 : 1] = h;
            }
        }
        Problems problems = new Problems();
        List<String> required = new ArrayList<>(List.of("id"));
        TreeSet<Integer> years = new TreeSet<>();
        columnsByYear.forEach((year, pair) -> {
            if (pair[0] == null || pair[1] == null) {
                problems.add(name, 1, "", "", "both GRADE_" + year + " and SS_" + year + " (one is missing)");
            } else {
                years.add(year);
            }
        });
        if (years.isEmpty()) {
            problems.add(name, 1, "", "", "columns GRADE_<year> and SS_<year> for at least one year (the SGPdata "
                    + "wide layout); the header has " + String.join(", ", header));
        }
        problems.throwIfAny();
        Map<String, Map<Integer, Double>> scores = new HashMap<>();
        Map<String, Map<Integer, Integer>> grades = new HashMap<>();
        Set<String> seen = new HashSet<>();
        CsvTable.read(file, required, problems, row -> {
            String id = row.required("id");
            if (!id.isEmpty() && !seen.add(id)) {
                row.problem("id", id, "each ID once (it also appears on an earlier line)");
            }
            for (int year : years) {
                String[] pair = columnsByYear.get(year);
                String gradeText = row.text(pair[0]);
                String scoreText = row.text(pair[1]);
                boolean noGrade = missing(gradeText);
                boolean noScore = missing(scoreText);
                if (noGrade && noScore) {
                    continue;
                }
                Integer grade = noGrade ? null : Grades.parse(gradeText);
                if (!noGrade && grade == null) {
                    row.problem(pair[0], gradeText, "a grade: K or 1 to 12, or NA");
                    continue;
                }
                if (noGrade) {
                    row.problem(pair[0], gradeText, "the grade of the student's score in " + year);
                    continue;
                }
                if (noScore) {
                    continue;
                }
                try {
                    double s = Double.parseDouble(scoreText);
                    if (!Double.isFinite(s)) {
                        throw new NumberFormatException();
                    }
                    scores.computeIfAbsent(id, k -> new HashMap<>()).put(year, s);
                    grades.computeIfAbsent(id, k -> new HashMap<>()).put(year, grade);
                } catch (NumberFormatException e) {
                    row.problem(pair[1], scoreText, "a scale score (a number, dot for decimals) or NA");
                }
            }
        });
        problems.throwIfAny();
        return new WideScores(scores, grades, List.copyOf(years));
    }

    private static boolean missing(String v) {
        return v.isEmpty() || v.equalsIgnoreCase("NA");
    }
}
