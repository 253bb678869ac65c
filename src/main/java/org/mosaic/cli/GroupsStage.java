package org.mosaic.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;
import org.mosaic.model.Score;
import org.mosaic.model.Section;

import picocli.CommandLine;

/**
 * Demo stage: one Elmhurst class of 32 — skill groups, a 75-minute station rotation with the teacher first for the
 * students furthest behind, then a regrouping after a simulated winter assessment (seeded growth).
 */
final class GroupsStage implements DemoStage {
    static final String SECTION = "elmhurst-g6-math-1";

    @Override
    public String title() {
        return "groups: skill groups and station rotation for one Elmhurst class, regrouped after an assessment";
    }

    @Override
    public Result run(Context ctx) {
        Dataset data = MosaicCsvReader.read(ctx.elmhurst());
        Section section = data.section(SECTION).orElseThrow();
        GroupsCommand cmd = new GroupsCommand();
        new CommandLine(cmd).parseArgs("--data", ctx.elmhurst().toString(), "--section", SECTION, "--subject", "math",
                "--out", ctx.stageDir("groups").toString());
        GroupsCommand.Result fall = cmd.plan(data, section, List.of());
        GroupsCommand.write(fall, ctx.stageDir("groups"));
        // Winter assessment: everyone grows about a third of a year, with individual differences (seeded).
        SplittableRandom r = new SplittableRandom(ctx.seed());
        List<Score> winter = new ArrayList<>();
        for (var m : fall.roster()) {
            double growth = 3 + 4 * (r.nextDouble() - 0.3) + (r.nextDouble() < 0.15 ? 8 : 0);
            winter.add(new Score(m.id(), "math", "", 2027, "winter", Math.round((m.score() + growth) * 10) / 10.0,
                    OptionalDouble.of(Math.round((m.gradeEquivalent() + growth / 10) * 10) / 10.0)));
        }
        GroupsCommand again = new GroupsCommand();
        new CommandLine(again).parseArgs("--data", ctx.elmhurst().toString(), "--section", SECTION, "--subject",
                "math", "--previous", ctx.stageDir("groups").resolve("groups.csv").toString(), "--out",
                ctx.stageDir("groups-winter").toString());
        GroupsCommand.Result regrouped = again.plan(data, section, winter);
        GroupsCommand.write(regrouped, ctx.stageDir("groups-winter"));
        List<String> summary = new ArrayList<>();
        for (String line : GroupsCommand.text(fall).split("\\R")) {
            summary.add(line);
        }
        summary.add(String.format(Locale.ROOT, "after the winter assessment: %d of %d students moved (the fewest "
                + "that keeps every group within %.1f points); sheets: groups/sheet.html, groups-winter/sheet.html",
                regrouped.plan().moved().size(), regrouped.roster().size(), regrouped.plan().maxRange()));
        return new Result(summary, "groups/sheet.html");
    }
}
