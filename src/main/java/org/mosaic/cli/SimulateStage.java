package org.mosaic.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Demo stage: the short version of examples/scenarios/district.yaml on the sample district — neighborhood assignment
 * and controlled choice, mixed or tracked classes, one year, a few draws — with the model's projection of growth,
 * gaps and classroom segregation.
 */
final class SimulateStage implements DemoStage {
    static final int DRAWS = 4;

    @Override
    public String title() {
        return "simulate: learning under neighborhood or controlled choice x mixed or tracked classes (model "
                + "projection, not a forecast)";
    }

    @Override
    public Result run(Context ctx) {
        ScenarioFile.Read read = ScenarioFile.read(Examples.path("scenarios/district-short.yaml"));
        DistrictReport report = SimulateCommand.runScenarios(read, ctx.district(), DRAWS, ctx.seed(),
                Runtime.getRuntime().availableProcessors(), ctx.quiet());
        report.write(ctx.stageDir("simulate"));
        List<String> summary = new ArrayList<>(List.of(report.table().split("\\R")));
        summary.add("report: " + ctx.stageDir("simulate").resolve("report.html"));
        return new Result(summary, "simulate/report.html", "Simulated learning by scenario (model projection)");
    }
}
