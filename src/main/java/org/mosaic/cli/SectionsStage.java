package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mosaic.io.AtomicFiles;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;

import picocli.CommandLine;

/**
 * Demo stage: Elmhurst's grade 6 math classes at the dial's two ends and the middle, side by side, and the frontier
 * between targeted instruction and integrated classrooms.
 */
final class SectionsStage implements DemoStage {
    @Override
    public String title() {
        return "sections: Elmhurst grade 6 math at tracking 0, 0.5 and 1, and the frontier";
    }

    @Override
    public Result run(Context ctx) {
        Dataset data = MosaicCsvReader.read(ctx.elmhurst());
        Path config = Examples.path("elmhurst-sections.yaml");
        List<SectionsCommand.Formed> runs = new ArrayList<>();
        List<Double> dials = List.of(0.0, 0.5, 1.0);
        List<double[]> frontier = new ArrayList<>();
        int[] previous = null;
        List<SectionsCommand.Formed> byDial = new ArrayList<>();
        for (int k = 10; k >= 0; k--) {
            double dial = k / 10.0;
            SectionsCommand cmd = new SectionsCommand();
            // The three dials shown get the 5 s of the Elmhurst benchmark; the frontier's points in between 3 s.
            String limit = dials.contains(dial) ? "5" : "3";
            List<String> args = new ArrayList<>(List.of("--data", ctx.elmhurst().toString(), "--school", "elmhurst",
                    "--grade", "6", "--subject", "math", "--sections", "4", "--capacity", "32", "--time-limit", limit,
                    "--seed", Long.toString(ctx.seed()), "--out", ctx.stageDir("sections").toString()));
            if (java.nio.file.Files.exists(config)) {
                args.addAll(List.of("--config", config.toString()));
            }
            new CommandLine(cmd).parseArgs(args.toArray(new String[0]));
            SectionsCommand.Formed f = cmd.form(data, dial, previous);
            previous = f.solution().section();
            double[] t = SectionsCommand.tradeoff(f);
            frontier.add(0, new double[] {dial, t[0], t[1], t[2], f.solution().gap()});
            if (dials.contains(dial)) {
                byDial.add(0, f);
                SectionsCommand.write(f, ctx.stageDir("sections-t" + String.format(Locale.ROOT, "%.1f", dial)),
                        dial);
            }
        }
        runs.addAll(byDial);
        SectionsCommand.writeFrontier(frontier, ctx.stageDir("sections"));
        List<String> summary = new ArrayList<>();
        for (String line : SectionsCommand.table(runs, dials).split("\\R")) {
            summary.add(line);
        }
        summary.add("frontier: " + ctx.stageDir("sections").resolve("frontier.html"));
        AtomicFiles.writeString(ctx.stageDir("sections").resolve("side-by-side.txt"),
                SectionsCommand.table(runs, dials));
        return new Result(summary, "sections/frontier.html");
    }
}
