package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.GrowthCsv;
import org.mosaic.measure.growth.ValueAdded;
import org.mosaic.model.BadInputException;

/** `mosaic growth vam`: assembles the tested students with a prior, fits the model, writes vam.csv and components. */
final class VamRun {
    private VamRun() {
    }

    static int run(Path data, String subject, Integer year, String level, Path out, PrintWriter o) throws Exception {
        Instant t0 = Instant.now();
        checkLevel(level);
        return write(VamRows.of(data, GrowthCsv.read(data, subject), year, level, subject), subject, level, out, o,
                t0);
    }

    private static void checkLevel(String level) {
        if (!level.equals("school") && !level.equals("section")) {
            throw new BadInputException("--level '" + level + "' is unknown; use school or section");
        }
    }

    /** The fit and the files from an input already read (by either reader: the outputs must not differ). */
    static int run(GrowthInput input, String subject, Integer year, String level, Path out, PrintWriter o,
                   Instant t0) throws Exception {
        checkLevel(level);
        return write(VamRows.of(input, year, level, subject), subject, level, out, o, t0);
    }

    private static int write(VamRows assembled, String subject, String level, Path out, PrintWriter o, Instant t0)
            throws Exception {
        int y = assembled.year();
        List<ValueAdded.Observation> rows = assembled.rows();
        int noPrior = assembled.noPrior();
        int noUnit = assembled.noUnit();
        if (rows.size() < 30) {
            throw new BadInputException("value-added needs at least 30 students with a current and a prior " + subject
                    + " score in " + y + "; found " + rows.size());
        }
        ValueAdded.Fit fit = ValueAdded.fit(rows);
        Files.createDirectories(out);
        Csv.write(out.resolve("vam.csv"), List.of("unit_id", "n", "estimate", "se", "reliability", "ci_low",
                "ci_high"), p -> {
                    for (ValueAdded.UnitEffect u : fit.units()) {
                        p.printRecord(u.unit(), u.n(), Csv.num(round(u.estimate())), Csv.num(round(u.se())),
                                Csv.num(round(u.reliability())), Csv.num(round(u.low())), Csv.num(round(u.high())));
                    }
                });
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("model", "current ~ grade x prior + frl + ell + iep + (1 | " + level + "), REML");
        components.put("subject", subject);
        components.put("year", y);
        components.put("level", level);
        components.put("students", fit.observations());
        components.put("units", fit.units().size());
        components.put("unit_variance", fit.unitVariance());
        components.put("residual_variance", fit.residualVariance());
        components.put("reml_criterion", fit.remlCriterion());
        Map<String, Double> fixed = new LinkedHashMap<>();
        for (int i = 0; i < fit.fixed().length; i++) {
            fixed.put(fit.fixedNames().get(i), fit.fixed()[i]);
        }
        components.put("fixed_effects", fixed);
        components.put("students_without_prior", noPrior);
        components.put("students_without_unit_or_grade", noUnit);
        AtomicFiles.write(out.resolve("components.json"), w -> w.write(Json.write(components) + "\n"));
        o.printf(Locale.ROOT, "Value-added for %s %d by %s: %,d students in %,d units, in %s%n", subject, y, level,
                fit.observations(), fit.units().size(), Terminal.elapsed(Duration.between(t0, Instant.now())));
        o.printf(Locale.ROOT, "Variance components (REML): %s SD %.2f points, residual SD %.2f points%n", level,
                Math.sqrt(fit.unitVariance()), Math.sqrt(fit.residualVariance()));
        List<ValueAdded.UnitEffect> sorted = new ArrayList<>(fit.units());
        sorted.sort((a, b) -> Double.compare(b.estimate(), a.estimate()));
        List<List<?>> table = new ArrayList<>();
        for (ValueAdded.UnitEffect u : sorted.size() > 12 ? concat(sorted.subList(0, 6),
                sorted.subList(sorted.size() - 6, sorted.size())) : sorted) {
            table.add(List.of(u.unit(), u.n(), String.format(Locale.ROOT, "%+.2f", u.estimate()),
                    String.format(Locale.ROOT, "%.2f", u.se()), String.format(Locale.ROOT, "%.2f", u.reliability()),
                    String.format(Locale.ROOT, "[%+.2f, %+.2f]", u.low(), u.high())));
        }
        o.print(Tables.render(List.of(level, "n", "effect", "se", "reliability", "95% interval"), table));
        if (sorted.size() > 12) {
            o.println("(the six highest and six lowest; all in vam.csv)");
        }
        o.printf(Locale.ROOT, "Not in the model: %,d without a prior-year score, %,d without a %s or grade that "
                + "year%n", noPrior, noUnit, level);
        o.println("Wrote " + out.resolve("vam.csv") + " and " + out.resolve("components.json"));
        o.flush();
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
