package org.mosaic.cli;

import java.util.List;
import java.util.Locale;

import org.mosaic.measure.Decomposition;
import org.mosaic.measure.DistrictSegregation;
import org.mosaic.model.Dataset;

/**
 * Demo stage: next year's district with the new classes (work/classes) — how much income and racial segregation lies
 * between clusters, between schools and between the classes inside them.
 */
final class MeasureStage implements DemoStage {
    @Override
    public String title() {
        return "measure: next year's segregation by FRL and race, district → cluster → school → class";
    }

    @Override
    public Result run(Context ctx) {
        Dataset data = ctx.dataset(ctx.classes());
        List<String> summary = new java.util.ArrayList<>();
        List<Page> pages = new java.util.ArrayList<>();
        for (DistrictSegregation.By by : DistrictSegregation.By.values()) {
            String name = by.name().toLowerCase(Locale.ROOT);
            MeasureCommand.DistrictReport report = MeasureCommand.DistrictReport.build(data, by,
                    List.of("cluster", "school", "section"), "math");
            report.write(ctx.stageDir("measure-" + name));
            Decomposition d = report.seg().decomposition();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "by %-4s H = %.3f:", name, d.totalH()));
            for (int k = 0; k < d.levels().size(); k++) {
                sb.append(String.format(Locale.ROOT, " %s %.3f;", MeasureCommand.DistrictReport.componentName(d, k),
                        d.partH(k)));
            }
            summary.add(sb.toString());
            pages.add(new Page("measure-" + name + "/index.html", "Segregation by " + (name.equals("frl")
                    ? "income (FRL)" : "race") + ", gaps and poverty"));
        }
        summary.add("reports: " + ctx.stageDir("measure-frl").resolve("index.html") + " and measure-race/index.html");
        return new Result(summary, pages);
    }
}
