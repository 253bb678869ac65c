package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.enroll.Mechanism;
import org.mosaic.enroll.Policy;
import org.mosaic.enroll.TieBreak;
import org.mosaic.io.AtomicFiles;
import org.mosaic.io.report.Html;
import org.mosaic.io.report.SvgChart;
import org.mosaic.model.Dataset;

/**
 * Demo stage: the transition grades (K, 6, 9) assigned twice — neighborhood assignment (walk-zone priority) and
 * controlled choice (FRL share within ±10 points of the district's) — with each school's FRL share and the
 * between-school segregation of both results side by side. The controlled-choice result becomes next year's
 * dataset (the {@code enroll --apply} copy) that the sections stage forms classes from.
 */
final class EnrollStage implements DemoStage {
    static final Path NEIGHBORHOOD = Examples.path("policies/neighborhood.yaml");
    static final Path CONTROLLED = Examples.path("policies/controlled-choice.yaml");

    @Override
    public String title() {
        return "enroll: transition grades K, 6, 9 — neighborhood assignment vs controlled choice";
    }

    @Override
    public Result run(Context ctx) {
        Dataset data = ctx.dataset(ctx.district());
        List<Integer> grades = EnrollCommand.grades(data, null);
        Map<String, EnrollCommand.Run> runs = new LinkedHashMap<>();
        runs.put("neighborhood", EnrollCommand.run(data, policy(NEIGHBORHOOD, "neighborhood"), grades, Mechanism.DA,
                TieBreak.SINGLE, ctx.seed()));
        runs.put("controlled-choice", EnrollCommand.run(data, policy(CONTROLLED, "controlled"), grades, Mechanism.DA,
                TieBreak.SINGLE, ctx.seed()));
        List<String> summary = new ArrayList<>();
        Html html = Html.page("School choice: neighborhood assignment vs controlled choice");
        html.note("Deferred acceptance with a single lottery (seed " + ctx.seed() + ") for the entry grades K, 6 and 9. "
                + "Neighborhood: walk-zone priority. Controlled choice: each school's FRL share held within ±10 "
                + "points of the applicants' share (Ehlers et al. 2014).");
        Map<String, double[]> spread = new LinkedHashMap<>();
        for (Map.Entry<String, EnrollCommand.Run> e : runs.entrySet()) {
            EnrollCommand.write(e.getValue(), ctx.stageDir("enroll-" + e.getKey()), ctx.seed(), Mechanism.DA,
                    TieBreak.SINGLE);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Double>> seg = (Map<String, Map<String, Double>>) e.getValue().stats()
                    .get("segregation_between_schools");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> by = (Map<String, Map<String, Object>>) e.getValue().stats()
                    .get("by_group");
            double min = 1;
            double max = 0;
            for (List<Object> row : e.getValue().integration()) {
                double share = Double.parseDouble(row.get(3).toString());
                if (((Number) row.get(2)).intValue() >= 20) {
                    min = Math.min(min, share);
                    max = Math.max(max, share);
                }
            }
            spread.put(e.getKey(), new double[] {min, max, seg.get("frl").get("H"), seg.get("race").get("H")});
            summary.add(String.format(Locale.ROOT, "%-17s FRL share per school %.0f%%-%.0f%%; between-school H by FRL "
                    + "%.3f, by race %.3f; first choice %.1f%%", e.getKey(), 100 * min, 100 * max,
                    seg.get("frl").get("H"), seg.get("race").get("H"),
                    100 * ((Number) by.get("all").get("first_choice")).doubleValue()));
            html.h2(e.getKey());
            EnrollCommand.section(html, e.getValue(), Mechanism.DA, ctx.seed());
        }
        EnrollCommand.Applied applied = EnrollCommand.apply(runs.get("controlled-choice"), ctx.district(),
                ctx.nextYear());
        summary.add(String.format(Locale.ROOT, "applied controlled choice: %s is next year's district (%,d applicants "
                + "at their assigned school, %,d without one)", ctx.nextYear(), applied.assigned(),
                applied.unassigned()));
        AtomicFiles.writeString(ctx.stageDir("enroll-report").resolve("index.html"), html.render());
        return new Result(summary, List.of(
                new Page("enroll-report/index.html", "School choice: neighborhood assignment vs controlled choice"),
                new Page("enroll-controlled-choice/report.html", "Controlled choice: every school and grade")));
    }

    private static Policy policy(Path file, String fallback) {
        return java.nio.file.Files.exists(file) ? PolicyFile.read(file) : Policy.plain();
    }
}
