package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mosaic.io.AtomicFiles;
import org.mosaic.model.Dataset;

import picocli.CommandLine;

/**
 * Demo stage: the what-if behind the sections stage's choice of mixed classes. Elmhurst's grade 6 math classes at the
 * dial's two ends and the middle, side by side, and the frontier between targeted instruction and integrated
 * classrooms through the quarter points.
 */
final class TrackingStage implements DemoStage {
    /** The dials shown side by side; the frontier adds the quarter points between them. */
    static final List<Double> SHOWN = List.of(0.0, 0.5, 1.0);
    static final List<Double> FRONTIER = List.of(1.0, 0.75, 0.5, 0.25, 0.0);
    /** Seconds per solve: the shown dials get more, the frontier's points between them less (a demo, not a plan). */
    static final String SHOWN_LIMIT = "3";
    static final String BETWEEN_LIMIT = "1";

    @Override
    public String title() {
        return "tracking dial: Elmhurst grade 6 math at tracking 0, 0.5 and 1, and the frontier";
    }

    @Override
    public Result run(Context ctx) {
        Dataset data = ctx.dataset(ctx.elmhurst());
        Path config = Examples.path("elmhurst-sections.yaml");
        Path dir = ctx.stageDir("tracking");
        List<double[]> frontier = new ArrayList<>();
        int[] previous = null;
        List<SectionsCommand.Formed> byDial = new ArrayList<>();
        // From tracked down to mixed, each dial starting from its neighbour's classes.
        for (double dial : FRONTIER) {
            SectionsCommand cmd = new SectionsCommand();
            String limit = SHOWN.contains(dial) ? SHOWN_LIMIT : BETWEEN_LIMIT;
            List<String> args = new ArrayList<>(List.of("--data", ctx.elmhurst().toString(), "--school", "elmhurst",
                    "--grade", "6", "--subject", "math", "--sections", "4", "--capacity", "32", "--time-limit", limit,
                    "--seed", Long.toString(ctx.seed()), "--out", dir.toString()));
            if (java.nio.file.Files.exists(config)) {
                args.addAll(List.of("--config", config.toString()));
            }
            new CommandLine(cmd).parseArgs(args.toArray(new String[0]));
            SectionsCommand.Formed f = cmd.form(data, dial, previous);
            previous = f.solution().section();
            double[] t = SectionsCommand.tradeoff(f);
            frontier.add(0, new double[] {dial, t[0], t[1], t[2], f.solution().gap()});
            if (SHOWN.contains(dial)) {
                byDial.add(0, f);
                SectionsCommand.write(f, dir.resolve(String.format(Locale.ROOT, "t%.1f", dial)), dial);
            }
        }
        SectionsCommand.writeFrontier(frontier, dir);
        List<String> summary = new ArrayList<>();
        for (String line : SectionsCommand.table(byDial, SHOWN).split("\\R")) {
            summary.add(line);
        }
        summary.add("frontier: " + dir.resolve("frontier.html"));
        AtomicFiles.writeString(dir.resolve("side-by-side.txt"), SectionsCommand.table(byDial, SHOWN));
        return new Result(summary, List.of(new Page("tracking/frontier.html", "The tracking frontier"),
                new Page("tracking/t0.0/report.html", "Elmhurst classes at tracking 0 (mixed)"),
                new Page("tracking/t0.5/report.html", "Elmhurst classes at tracking 0.5"),
                new Page("tracking/t1.0/report.html", "Elmhurst classes at tracking 1 (tracked)")));
    }
}
