package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;
import org.mosaic.model.DatasetSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a Mosaic CSV dataset and summarize it: students by school and grade, demographics, "
                + "score coverage. Exit 0 when valid, 2 with every problem listed when not.",
        footer = {"", "Example:", "  mosaic validate --data work/district"})
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Dataset directory (schools.csv, students.csv, ...).")
    Path data;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Dataset dataset = MosaicCsvReader.read(data);
        // enrollments.csv is optional; when present it is checked too (all-or-nothing, exit 2)
        List<org.mosaic.model.Enrollment> history = org.mosaic.io.EnrollmentCsv.present(data)
                ? org.mosaic.io.EnrollmentCsv.read(data, dataset.schools()) : List.of();
        DatasetSummary s = DatasetSummary.of(dataset);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(s));
            out.flush();
            return 0;
        }
        out.printf(Locale.ROOT, "%s is valid: %,d students, %d schools, %d feeder clusters%n", data, s.students(),
                s.schools(), s.clusters());
        out.printf(Locale.ROOT, "%,d scores, %,d choices from %,d students, %,d priorities, %,d placement requests,"
                + " %d sections%n%n", s.scores(), s.choices(), s.studentsWithChoices(), s.priorities(), s.requests(),
                s.sections());
        if (!history.isEmpty()) {
            out.printf(Locale.ROOT, "%,d enrollment rows, %d to %d%n%n", history.size(),
                    history.stream().mapToInt(org.mosaic.model.Enrollment::year).min().orElse(0),
                    history.stream().mapToInt(org.mosaic.model.Enrollment::year).max().orElse(0));
        }
        TreeSet<String> grades = new TreeSet<>((a, b) -> Integer.compare(org.mosaic.model.Grades.parse(a),
                org.mosaic.model.Grades.parse(b)));
        s.bySchoolGrade().values().forEach(m -> grades.addAll(m.keySet()));
        List<String> header = new ArrayList<>();
        header.add("school");
        header.addAll(grades);
        header.add("total");
        List<List<?>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : s.bySchoolGrade().entrySet()) {
            List<Object> row = new ArrayList<>();
            row.add(e.getKey());
            int total = 0;
            for (String g : grades) {
                int n = e.getValue().getOrDefault(g, 0);
                row.add(n == 0 ? "" : n);
                total += n;
            }
            row.add(total);
            rows.add(row);
        }
        out.println("Students by school and grade");
        out.println(Tables.render(header, rows));
        List<List<?>> demo = new ArrayList<>();
        s.byRace().forEach((k, v) -> demo.add(List.of("race: " + k, v, pct(v / (double) Math.max(1, s.students())))));
        s.byGender().forEach((k, v) -> demo.add(List.of("gender: " + k, v,
                pct(v / (double) Math.max(1, s.students())))));
        demo.add(List.of("free/reduced lunch", Math.round(s.frlShare() * s.students()), pct(s.frlShare())));
        demo.add(List.of("English learners", Math.round(s.ellShare() * s.students()), pct(s.ellShare())));
        demo.add(List.of("IEP", Math.round(s.iepShare() * s.students()), pct(s.iepShare())));
        demo.add(List.of("gifted", Math.round(s.giftedShare() * s.students()), pct(s.giftedShare())));
        out.println("Demographics");
        out.println(Tables.render(List.of("group", "students", "share"), demo));
        List<List<?>> cov = new ArrayList<>();
        s.scoreCoverage().forEach((k, v) -> cov.add(List.of(k, pct(v))));
        out.println("Score coverage (students with at least one score)");
        out.println(Tables.render(List.of("subject", "students"), cov));
        out.flush();
        return 0;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
