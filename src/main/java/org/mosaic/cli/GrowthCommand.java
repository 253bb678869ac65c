package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.io.Csv;
import org.mosaic.io.SgpWideCsv;
import org.mosaic.measure.growth.GrowthPercentiles;
import org.mosaic.measure.growth.GrowthPercentiles.OrderFit;
import org.mosaic.measure.growth.SgpCohorts;
import org.mosaic.model.BadInputException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "growth", mixinStandardHelpOptions = true,
        description = "Growth: student growth percentiles (Betebenner's method, as the R package SGP) and "
                + "value-added with empirical-Bayes shrinkage. Method and outputs: docs/growth.md.",
        subcommands = {GrowthCommand.SgpCommand.class, GrowthCommand.VamCommand.class})
public final class GrowthCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: sgp or vam");
    }

    /** Where the scores come from: a Mosaic dataset or an SGPdata-style wide file. */
    static final class Source {
        @Option(names = "--data", description = "Mosaic dataset directory (scores.csv; enrollments.csv for grades "
                + "and schools by year).")
        Path data;

        @Option(names = "--wide", description = "A wide file as the R package SGP's sgpData: ID, GRADE_<year>, "
                + "SS_<year> ...")
        Path wide;
    }

    @Command(name = "sgp", mixinStandardHelpOptions = true,
            description = "Student growth percentiles of one subject and year for every grade cohort, at orders 1 "
                    + "to --max-order; each student's SGP is that of the highest order available to them. Writes "
                    + "sgp.csv and sgp_summary.csv (median SGP with a bootstrap 95 %% interval by district, grade, "
                    + "school, cluster, section and subgroup).",
            footer = {"", "Examples:", "  mosaic growth sgp --data work/district --subject math --year 2026 "
                    + "--out work/sgp",
                    "  mosaic growth sgp --wide sgpData.csv --subject reading --year 2017 --out work/sgp-wide"})
    static final class SgpCommand implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--subject", defaultValue = "math", description = "Subject (default: ${DEFAULT-VALUE}).")
        String subject;

        @Option(names = "--year", description = "School year of the current scores (default: the latest).")
        Integer year;

        @Option(names = "--max-order", defaultValue = "0", description = "Highest order (number of priors), 1 to "
                + "3 (default: as many consecutive prior years as the data hold, up to 3).")
        int maxOrder;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        @Option(names = "--quiet", description = "No progress bar.")
        boolean quiet;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (maxOrder < 0 || maxOrder > 3) {
                throw new BadInputException("--max-order " + maxOrder + " is out of range; use 1, 2 or 3");
            }
            Instant t0 = Instant.now();
            PrintWriter o = spec.commandLine().getOut();
            GrowthInput input = source.wide != null ? GrowthInput.wide(SgpWideCsv.read(source.wide))
                    : GrowthInput.dataset(source.data, subject);
            int y = year != null ? year : input.latestYear();
            if (!input.hasYear(y)) {
                throw new BadInputException("--year " + y + " has no " + subject + " scores; the data hold "
                        + input.years());
            }
            SgpCohorts.Result result;
            try (Terminal.Bar bar = Terminal.bar("sgp", 1, quiet)) {
                result = SgpCohorts.compute(input.scores(), input.grades(), y, maxOrder, bar.progress());
            }
            Files.createDirectories(out);
            Csv.write(out.resolve("sgp.csv"), List.of("student_id", "grade", "year", "subject", "sgp", "order"),
                    p -> {
                        for (SgpCohorts.StudentSgp s : result.students()) {
                            p.printRecord(s.studentId(), s.grade(), y, subject, s.sgp(), s.order());
                        }
                    });
            Csv.write(out.resolve("sgp_excluded.csv"), List.of("student_id", "grade", "reason"), p -> {
                for (SgpCohorts.Excluded s : result.excluded()) {
                    p.printRecord(s.studentId(), s.grade() == null ? "" : s.grade(), s.reason());
                }
            });
            Map<String, List<Integer>> gaps = input.enrollmentGaps();
            if (!gaps.isEmpty()) {
                Csv.write(out.resolve("enrollment_gaps.csv"), List.of("student_id", "missing_years"), p -> {
                    for (Map.Entry<String, List<Integer>> g : gaps.entrySet()) {
                        p.printRecord(g.getKey(), g.getValue().stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(" ")));
                    }
                });
            }
            List<GrowthInput.Summary> summary = input.summarise(result, y, subject);
            Csv.write(out.resolve("sgp_summary.csv"), List.of("level", "unit", "n", "median_sgp", "ci_low",
                    "ci_high"), p -> {
                        for (GrowthInput.Summary s : summary) {
                            p.printRecord(s.level(), s.unit(), s.interval().n(), Csv.num(s.interval().median()),
                                    Csv.num(s.interval().low()), Csv.num(s.interval().high()));
                        }
                    });
            o.printf(Locale.ROOT, "SGP for %s %d: %,d students in %d grade cohorts, orders 1-%d, in %s%n", subject, y,
                    result.students().size(), result.cohorts().size(), result.maxOrder(),
                    Terminal.elapsed(Duration.between(t0, Instant.now())));
            List<List<?>> rows = new ArrayList<>();
            for (SgpCohorts.CohortReport c : result.cohorts()) {
                List<Object> row = new ArrayList<>(List.of(c.grade(), c.students(), c.withoutPrior()));
                for (OrderFit f : c.fits()) {
                    row.add(f.fitted() ? String.format(Locale.ROOT, "%,d", f.students())
                            : String.format(Locale.ROOT, "%,d < %d, not fitted", f.students(), f.minimum()));
                }
                rows.add(row);
            }
            List<String> header = new ArrayList<>(List.of("grade", "students", "no prior"));
            for (int k = 1; k <= result.maxOrder(); k++) {
                header.add("order " + k);
            }
            o.print(Tables.render(header, rows));
            o.printf(Locale.ROOT, "Not given an SGP: %,d without a prior score, %,d whose cohort was smaller than the "
                    + "minimum (%d students per coefficient: %d at order 1, %d at order 2, %d at order 3), %,d "
                    + "without a grade that year%n", result.withoutPrior(), result.inTooSmallFits(),
                    GrowthPercentiles.STUDENTS_PER_COEFFICIENT, GrowthPercentiles.minimumStudents(1),
                    GrowthPercentiles.minimumStudents(2), GrowthPercentiles.minimumStudents(3),
                    result.withoutGrade());
            for (String w : input.warnings(y)) {
                o.println("Warning: " + w);
            }
            o.println("Intervals: the exact percentile bootstrap of the median (95 %)");
            o.println("Wrote " + out.resolve("sgp.csv") + ", sgp_summary.csv and sgp_excluded.csv (the students "
                    + "without an SGP, and why)" + (gaps.isEmpty() ? "" : "; enrollment_gaps.csv lists the gaps"));
            o.flush();
            return 0;
        }
    }

    @Command(name = "vam", mixinStandardHelpOptions = true,
            description = "Value-added: the linear mixed model current ~ grade × prior + frl + ell + iep + (1 | unit) "
                    + "fitted by REML; each unit's empirical-Bayes effect with its conditional SE, reliability and "
                    + "95 %% interval. Writes vam.csv and components.json.",
            footer = {"", "Example:", "  mosaic growth vam --data work/district --subject math --year 2026 "
                    + "--out work/vam"})
    static final class VamCommand implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Mosaic dataset directory.")
        Path data;

        @Option(names = "--subject", defaultValue = "math", description = "Subject (default: ${DEFAULT-VALUE}).")
        String subject;

        @Option(names = "--year", description = "School year of the current scores (default: the latest).")
        Integer year;

        @Option(names = "--level", defaultValue = "school", description = "Unit of the random intercept: school "
                + "or section (default: ${DEFAULT-VALUE}).")
        String level;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return VamRun.run(data, subject, year, level, out, spec.commandLine().getOut());
        }
    }
}
