package org.mosaic.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.mosaic.io.Csv;
import org.mosaic.io.MosaicFiles;
import org.mosaic.model.Dataset;
import org.mosaic.model.Section;

import picocli.CommandLine;

/**
 * Demo stage: the first class the sections stage formed (read from work/classes) — skill groups, a 75-minute station
 * rotation with the teacher first for the students furthest behind, then a regrouping after a winter assessment
 * (seeded growth, written to work/groups-winter/winter.csv and read back as {@code --new-scores}).
 */
final class GroupsStage implements DemoStage {
    @Override
    public String title() {
        return "groups: skill groups and station rotation in one of the new classes, regrouped after an assessment";
    }

    @Override
    public Result run(Context ctx) throws java.io.IOException {
        Dataset data = ctx.dataset(ctx.classes());
        Section section = firstFormed(ctx, data);
        GroupsCommand cmd = new GroupsCommand();
        new CommandLine(cmd).parseArgs("--data", ctx.classes().toString(), "--section", section.id(), "--subject",
                "math", "--out", ctx.stageDir("groups").toString());
        GroupsCommand.Result fall = cmd.plan(data, section, List.of());
        GroupsCommand.write(fall, ctx.stageDir("groups"));
        Path winter = ctx.stageDir("groups-winter").resolve("winter.csv");
        writeWinter(fall, ctx.seed(), winter);
        GroupsCommand again = new GroupsCommand();
        new CommandLine(again).parseArgs("--data", ctx.classes().toString(), "--section", section.id(), "--subject",
                "math", "--previous", ctx.stageDir("groups").resolve("groups.csv").toString(), "--new-scores",
                winter.toString(), "--out", ctx.stageDir("groups-winter").toString());
        GroupsCommand.Result regrouped = again.plan(data, section, GroupsCommand.readScores(winter, data));
        GroupsCommand.write(regrouped, ctx.stageDir("groups-winter"));
        List<String> summary = new ArrayList<>();
        for (String line : GroupsCommand.text(fall).split("\\R")) {
            summary.add(line);
        }
        summary.add(String.format(Locale.ROOT, "after the winter assessment: %d of %d students moved (the fewest "
                + "that keeps every group within %.1f points); sheets: groups/sheet.html, groups-winter/sheet.html",
                regrouped.plan().moved().size(), regrouped.roster().size(), regrouped.plan().maxRange()));
        return new Result(summary, List.of(new Page("groups/sheet.html", "Teacher's sheet: groups and rotation"),
                new Page("groups-winter/sheet.html", "Teacher's sheet after the winter assessment")));
    }

    /** The first class the sections stage wrote (its sections.csv, dataset format), as it stands in work/classes. */
    private static Section firstFormed(Context ctx, Dataset data) throws java.io.IOException {
        // Generated section ids hold no commas or quotes, so the first field of the first row is the id.
        String id = Files.readAllLines(ctx.stageDir("sections").resolve(MosaicFiles.SECTIONS)).get(1).split(",")[0];
        return data.section(id).orElseThrow();
    }

    /** Winter scores: everyone grows about a third of a year, with individual differences (seeded). */
    static void writeWinter(GroupsCommand.Result fall, long seed, Path file) {
        SplittableRandom r = new SplittableRandom(seed);
        Csv.write(file, MosaicFiles.SCORE_COLUMNS, p -> {
            for (var m : fall.roster()) {
                double growth = 3 + 4 * (r.nextDouble() - 0.3) + (r.nextDouble() < 0.15 ? 8 : 0);
                p.printRecord(m.id(), "math", 2027, Csv.num(Math.round((m.score() + growth) * 10) / 10.0), "winter",
                        "", Double.isNaN(m.gradeEquivalent()) ? ""
                                : Csv.num(Math.round((m.gradeEquivalent() + growth / 10) * 10) / 10.0));
            }
        });
    }
}
