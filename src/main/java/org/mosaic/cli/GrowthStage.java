package org.mosaic.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo stage: growth and clusters of the sample district — SGP and value-added by cluster with intervals, the
 * clusters inferred from the enrollment history, and whether the charters and the magnet cream. It runs
 * {@code mosaic clusters} on the sample district and keeps its headline lines. Add {@code new GrowthStage()} to
 * {@link DemoCommand#stages()} after the measure stage.
 */
final class GrowthStage implements DemoStage {
    @Override
    public String title() {
        return "growth: SGP, value-added, feeder clusters and creaming";
    }

    @Override
    public Result run(Context ctx) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MosaicCli.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("clusters", "--data", ctx.district().toString(), "--seed", Long.toString(ctx.seed()),
                        "--out", ctx.stageDir("clusters").toString());
        if (code != 0) {
            throw new IllegalStateException("mosaic clusters failed on the sample district: " + err);
        }
        List<String> summary = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("Inferred clusters") || line.startsWith("Signs that") || line.startsWith("No sign")
                    || line.matches("^C\\d+ .*")) {
                summary.add(line.strip());
            }
        }
        return new Result(summary, List.of(new Page("clusters/index.html",
                "Clusters: feeder flows, growth by cluster, creaming")));
    }
}
