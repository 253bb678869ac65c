package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.groups.GroupPlanner;
import org.mosaic.groups.SectionGrouping;
import org.mosaic.groups.StationRotation;
import org.mosaic.groups.TeacherFirst;
import org.mosaic.io.OutputFolder;
import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.CsvTable;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.Problems;
import org.mosaic.io.report.Html;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "groups", mixinStandardHelpOptions = true,
        description = {"Skill groups inside one class (provably optimal: the widest group as narrow as possible, then "
                + "the narrowest groups in total), a station-rotation timetable with teacher-led time first for the "
                + "students furthest below grade level, and regrouping after a new assessment that moves as few "
                + "students as possible.",
                "Writes groups.csv, schedule.csv, student_schedule.csv, moves.csv (regrouping) and sheet.html for "
                        + "the teacher."},
        footer = {"", "Examples:",
                "  mosaic groups --data work/elmhurst --section elmhurst-g6-math-1 --subject math --out work/groups",
                "  mosaic groups --data work/elmhurst --section elmhurst-g6-math-1 --subject math "
                        + "--previous work/groups/groups.csv --new-scores winter.csv --out work/regroup",
                "  mosaic groups --data work/district --all-sections --subject math --out work/all-groups"})
public final class GroupsCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Mosaic dataset directory (sections.csv, rosters.csv).")
    Path data;

    @Option(names = "--section", description = "Section id (a class).")
    String section;

    @Option(names = "--all-sections", description = "Group every section of the subject (no timetable).")
    boolean allSections;

    @Option(names = "--subject", required = true, description = "Subject of the scores, e.g. math.")
    String subject;

    @Option(names = "--strand", description = "A skill strand (scores.csv strand column) instead of the overall "
            + "score.")
    String strand;

    @Option(names = "--min", defaultValue = "4", description = "Smallest group (default: ${DEFAULT-VALUE}).")
    int min;

    @Option(names = "--max", defaultValue = "8", description = "Largest group (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--groups", defaultValue = "0", description = "Number of groups (default: as the sizes allow).")
    int groups;

    @Option(names = "--block", defaultValue = "75", description = "Block length in minutes (default: "
            + "${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--rotation", defaultValue = "25", description = "Minutes per station (default: "
            + "${DEFAULT-VALUE}).")
    int rotation;

    @Option(names = "--stations", defaultValue = "teacher:12,online:12,collaborative:12",
            description = "Stations name:seats, the teacher station named teacher (default: ${DEFAULT-VALUE}).")
    String stations;

    @Option(names = "--start", defaultValue = "09:00", description = "Start time of the block (default: "
            + "${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--mode", defaultValue = "station", description = "station (groups rotate together) or "
            + "individual (a playlist per student) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--teacher-first", defaultValue = "lowest", description = "Who meets the teacher first: lowest | "
            + "highest | none (default: ${DEFAULT-VALUE}).")
    String teacherFirst;

    @Option(names = "--accelerate", description = "Route students a year or more above grade level to above-grade "
            + "work (their own group) instead of a skill group.")
    boolean accelerate;

    @Option(names = "--mixed", description = "Also form this many mixed-ability groups for the collaborative station "
            + "(serpentine by score; written to mixed_groups.csv).")
    int mixed;

    @Option(names = "--previous", description = "groups.csv of the last grouping, to regroup moving as few students "
            + "as possible.")
    Path previous;

    @Option(names = "--new-scores", description = "A scores.csv with the new assessment (default: the dataset's latest "
            + "scores).")
    Path newScores;

    @Option(names = "--max-range", description = "Spread bound for regrouping: no group wider than this many points "
            + "(default: the narrowest possible with the new scores).")
    Double maxRange;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Ranges.atLeast("--min", min, 1);
        Ranges.atLeast("--max", max, 1);
        Ranges.atLeast("--groups", groups, 0);
        Ranges.atLeast("--block", block, 1);
        Ranges.atLeast("--rotation", rotation, 1);
        Ranges.atLeast("--mixed", mixed, 0);
        Ranges.atLeast("--max-range", maxRange, 0.0);
        try (OutputFolder folder = Outputs.open(spec, out)) {
            return call(folder);
        }
    }

    private int call(OutputFolder folder) {
        Dataset dataset = MosaicCsvReader.read(data);
        if (allSections) {
            return allSections(dataset, folder);
        }
        if (section == null) {
            throw new BadInputException("give --section ID (or --all-sections)");
        }
        Section sec = dataset.section(section).orElseThrow(() -> new BadInputException("--section '" + section
                + "' is not in sections.csv" + hint(dataset)));
        List<Score> extra = newScores == null ? List.of() : readScores(newScores, dataset);
        Result result = plan(dataset, sec, extra);
        write(result, folder.dir());
        if (mixed > 0) {
            writeMixed(result, folder.dir());
        }
        folder.commit();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("groups", result.plan().groups());
            j.put("group_of", result.plan().groupOf());
            j.put("moved", result.plan().moved());
            j.put("proven_optimal", result.plan().provenOptimal());
            j.put("max_range", result.plan().maxRange());
            j.put("total_range", result.plan().totalRange());
            j.put("stopped_by", result.stoppedByWallClock() ? "wall_clock" : "work_limit_or_proof");
            o.println(Json.write(j));
        } else {
            o.print(text(result));
            if (result.stoppedByWallClock()) {
                o.println("Note: a search stopped on the wall-clock safety net, not its work limit: on another "
                        + "computer, or a less busy one, the groups may differ.");
            }
            o.println("Teacher's sheet: " + out.resolve("sheet.html"));
        }
        o.flush();
        return 0;
    }

    private static String hint(Dataset d) {
        return d.sections().isEmpty() ? " (the dataset has no sections.csv)" : "; e.g. " + d.sections().get(0).id();
    }

    /** Everything a run produces: the planned class, its students (for their names) and the block's clock. */
    record Result(SectionGrouping.Result grouping, List<Student> students, LocalTime start, int rotation) {
        Section section() {
            return grouping.section();
        }

        List<GroupPlanner.Member> roster() {
            return grouping.roster();
        }

        GroupPlanner.Plan plan() {
            return grouping.plan();
        }

        List<StationRotation.Station> stations() {
            return grouping.rotation().stations();
        }

        StationRotation.Timetable timetable() {
            return grouping.timetable();
        }

        List<String> units() {
            return grouping.units();
        }

        boolean individual() {
            return grouping.rotation().individual();
        }

        String teacherOrderNote() {
            return grouping.teacherNote();
        }

        /** A search ended on the wall-clock safety net instead of its work limit: the result may not reproduce. */
        boolean stoppedByWallClock() {
            return grouping.stoppedByWallClock();
        }
    }

    Result plan(Dataset dataset, Section sec, List<Score> newAssessment) {
        List<StationRotation.Station> st = parseStations(stations);
        if (rotation <= 0 || block < rotation) {
            throw new BadInputException("--rotation must be between 1 and --block minutes");
        }
        boolean individual = mode.equalsIgnoreCase("individual");
        if (!individual && !mode.equalsIgnoreCase("station")) {
            throw new BadInputException("--mode '" + mode + "': use station or individual");
        }
        TeacherFirst.Order order = TeacherFirst.Order.parse(teacherFirst);
        LocalTime startTime;
        try {
            startTime = LocalTime.parse(start);
        } catch (DateTimeParseException e) {
            throw new BadInputException("--start '" + start + "': use a 24-hour time like 09:00");
        }
        Map<String, String> prevGroup = new LinkedHashMap<>();
        Map<String, Double> prevScore = new HashMap<>();
        if (previous != null) {
            readPrevious(previous, prevGroup, prevScore);
        }
        SectionGrouping.Previous prev = new SectionGrouping.Previous(prevGroup, prevScore,
                maxRange == null ? Double.NaN : maxRange);
        SectionGrouping.Result grouping;
        try {
            grouping = SectionGrouping.plan(dataset, sec, new SectionGrouping.Scores(subject, strand, newAssessment),
                    new SectionGrouping.Sizes(min, max, groups, accelerate), prev,
                    new SectionGrouping.Rotation(st, block / rotation, individual, order, mixed));
        } catch (SectionGrouping.MissingScores e) {
            // The terminal names the first few, so the user knows whose scores to add.
            List<String> missing = e.students();
            throw new BadInputException(missing.size() + " student(s) of " + sec.id() + " have no " + subject
                    + (strand == null ? "" : " " + strand) + " score: " + String.join(", ", missing.subList(0,
                    Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : "") + "; add their scores");
        }
        Map<String, Student> byId = dataset.district().studentsById();
        List<Student> students = grouping.roster().stream().map(m -> byId.get(m.id())).toList();
        return new Result(grouping, students, startTime, rotation);
    }

    static List<StationRotation.Station> parseStations(String spec) {
        List<StationRotation.Station> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            int seats;
            try {
                seats = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
            } catch (NumberFormatException e) {
                seats = -1;
            }
            if (seats < 1 || kv[0].isBlank()) {
                throw new BadInputException("--stations '" + spec + "': write name:seats pairs separated by commas, "
                        + "e.g. teacher:8,online:16,collaborative:16");
            }
            out.add(new StationRotation.Station(kv[0].trim(), seats, kv[0].trim().equalsIgnoreCase("teacher")));
        }
        return out;
    }

    static List<Score> readScores(Path file, Dataset dataset) {
        return org.mosaic.io.NewScoresCsv.read(file, dataset.district().studentsById());
    }

    private static void readPrevious(Path file, Map<String, String> group, Map<String, Double> score) {
        Problems problems = new Problems();
        CsvTable.read(file, List.of("group_id", "student_id"), problems, row -> {
            String g = row.required("group_id");
            String id = row.required("student_id");
            group.put(id, g);
            if (!row.text("score").isEmpty()) {
                score.put(id, row.decimal("score", -1e9, 1e9, 0, false));
            }
        });
        problems.throwIfAny();
    }

    private static void writeMixed(Result r, Path dir) {
        List<List<GroupPlanner.Member>> groupsOut = r.grouping().mixed();
        Csv.write(dir.resolve("mixed_groups.csv"), List.of("mixed_group", "student_id", "score"), p -> {
            for (int g = 0; g < groupsOut.size(); g++) {
                for (GroupPlanner.Member m : groupsOut.get(g)) {
                    p.printRecord("M" + (g + 1), m.id(), Csv.num(m.score()));
                }
            }
        });
    }

    static String clock(LocalTime start, int minutes) {
        return start.plusMinutes(minutes).toString();
    }

    static void write(Result r, Path out) {
        GroupPlanner.Plan plan = r.plan();
        Map<String, GroupPlanner.Member> members = new HashMap<>();
        r.roster().forEach(m -> members.put(m.id(), m));
        Csv.write(out.resolve("groups.csv"), List.of("group_id", "student_id", "score", "grade_equivalent", "flag",
                "reason"), p -> {
            for (GroupPlanner.PlannedGroup g : plan.groups()) {
                for (String id : g.members()) {
                    GroupPlanner.Member m = members.get(id);
                    boolean above = !Double.isNaN(m.levelGap()) && m.levelGap() >= 1.0;
                    p.printRecord(g.id(), id, Csv.num(m.score()), Csv.num(m.gradeEquivalent()),
                            above ? "above_grade" : "", plan.reason().get(id));
                }
            }
        });
        Csv.write(out.resolve("schedule.csv"), List.of("slot", "start", "end", "station", r.individual()
                ? "student_id" : "group_id"), p -> {
            for (int t = 0; t < r.timetable().slots(); t++) {
                for (int u = 0; u < r.units().size(); u++) {
                    int s = r.timetable().station()[u][t];
                    if (s >= 0) {
                        p.printRecord(t + 1, clock(r.start(), t * r.rotation()), clock(r.start(),
                                (t + 1) * r.rotation()), r.stations().get(s).name(), r.units().get(u));
                    }
                }
            }
        });
        Csv.write(out.resolve("student_schedule.csv"), List.of("student_id", "group_id", "slot", "start", "end",
                "station"), p -> {
            for (GroupPlanner.Member m : r.roster()) {
                int u = r.units().indexOf(r.individual() ? m.id() : plan.groupOf().get(m.id()));
                for (int t = 0; t < r.timetable().slots(); t++) {
                    int s = r.timetable().station()[u][t];
                    p.printRecord(m.id(), plan.groupOf().get(m.id()), t + 1, clock(r.start(), t * r.rotation()),
                            clock(r.start(), (t + 1) * r.rotation()), s < 0 ? "" : r.stations().get(s).name());
                }
            }
        });
        if (plan.regrouped()) {
            Csv.write(out.resolve("moves.csv"), List.of("student_id", "to_group", "reason"), p -> {
                for (String id : plan.moved()) {
                    p.printRecord(id, plan.groupOf().get(id), plan.reason().get(id));
                }
            });
        }
        AtomicFiles.writeString(out.resolve("sheet.html"), sheet(r));
    }

    static String sheet(Result r) {
        GroupPlanner.Plan plan = r.plan();
        Map<String, Student> students = new HashMap<>();
        r.students().forEach(s -> students.put(s.id(), s));
        Html h = Html.page("Small groups: " + r.section().id() + " (" + r.section().subject() + ", grade "
                + r.section().grade() + ")");
        h.note(String.format(Locale.ROOT, "%d students in %d groups; widest group spans %s points, total of ranges %s%s."
                        + " Teacher-led time goes first to the groups furthest below grade level.",
                r.roster().size(), plan.groups().size(), Csv.num(Math.round(plan.maxRange() * 10) / 10.0),
                Csv.num(Math.round(plan.totalRange() * 10) / 10.0), plan.provenOptimal() ? " (proven optimal)" : ""));
        if (plan.regrouped() && plan.rangesOverlap()) {
            h.note("Groups are listed in score order. Their ranges overlap because regrouping keeps every student "
                    + "in her group unless the range limit" + (Double.isNaN(plan.rangeLimit()) ? "" : " of "
                    + Csv.num(Math.round(plan.rangeLimit() * 10) / 10.0) + " points") + " or the group sizes force a "
                    + "move.");
        }
        if (!r.teacherOrderNote().isEmpty()) {
            h.note(r.teacherOrderNote());
        }
        if (r.stoppedByWallClock()) {
            h.note("A search stopped on the wall-clock safety net, not its work limit: re-running may give other "
                    + "groups.");
        }
        h.h2("Groups");
        List<List<?>> rows = new ArrayList<>();
        for (GroupPlanner.PlannedGroup g : plan.groups()) {
            List<String> names = new ArrayList<>();
            for (String id : g.members()) {
                Student s = students.get(id);
                String name = s == null || (s.givenName().isEmpty() && s.familyName().isEmpty()) ? id
                        : (s.givenName() + " " + s.familyName()).trim();
                names.add(name);
            }
            rows.add(List.of(g.id(), g.members().size(), Csv.num(g.low()) + "-" + Csv.num(g.high()),
                    Double.isNaN(g.meanLevelGap()) ? "" : String.format(Locale.ROOT, "%+.1f", g.meanLevelGap()),
                    String.join(", ", names)));
        }
        h.table(List.of("group", "size", "scores", "years vs grade level", "students"), rows);
        h.h2("Rotation");
        List<String> header = new ArrayList<>();
        header.add(r.individual() ? "student" : "group");
        for (int t = 0; t < r.timetable().slots(); t++) {
            header.add(clock(r.start(), t * r.rotation()) + "-" + clock(r.start(), (t + 1) * r.rotation()));
        }
        List<List<?>> grid = new ArrayList<>();
        for (int u = 0; u < r.units().size(); u++) {
            List<Object> row = new ArrayList<>();
            row.add(r.units().get(u));
            for (int t = 0; t < r.timetable().slots(); t++) {
                int s = r.timetable().station()[u][t];
                row.add(s < 0 ? "" : r.stations().get(s).name());
            }
            grid.add(row);
        }
        h.table(header, grid);
        if (plan.regrouped()) {
            h.h2("Who moved and why");
            List<List<?>> moves = new ArrayList<>();
            for (String id : plan.moved()) {
                moves.add(List.of(id, plan.groupOf().get(id), plan.reason().get(id)));
            }
            h.table(List.of("student", "new group", "why"), moves);
        }
        return h.render();
    }

    static String text(Result r) {
        GroupPlanner.Plan plan = r.plan();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d students, %d groups; widest range %s, total %s%s%n",
                r.section().id(), r.roster().size(), plan.groups().size(), Csv.num(Math.round(plan.maxRange() * 10)
                        / 10.0), Csv.num(Math.round(plan.totalRange() * 10) / 10.0), plan.provenOptimal()
                        ? " (proven optimal)" : ""));
        List<List<?>> rows = new ArrayList<>();
        for (GroupPlanner.PlannedGroup g : plan.groups()) {
            int u = r.units().indexOf(g.id());
            List<String> path = new ArrayList<>();
            if (u >= 0) {
                for (int t = 0; t < r.timetable().slots(); t++) {
                    int s = r.timetable().station()[u][t];
                    path.add(s < 0 ? "-" : r.stations().get(s).name());
                }
            }
            rows.add(List.of(g.id(), g.members().size(), Csv.num(g.low()) + "-" + Csv.num(g.high()),
                    Double.isNaN(g.meanLevelGap()) ? "" : String.format(Locale.ROOT, "%+.1f", g.meanLevelGap()),
                    String.join(" > ", path)));
        }
        sb.append(Tables.render(List.of("group", "size", "scores", "vs grade", "rotation"), rows));
        if (plan.regrouped()) {
            sb.append(String.format(Locale.ROOT, "Regrouped: %d of %d students moved%n", plan.moved().size(),
                    r.roster().size()));
        }
        if (!r.teacherOrderNote().isEmpty()) {
            sb.append(r.teacherOrderNote()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private int allSections(Dataset dataset, OutputFolder folder) {
        long t0 = System.nanoTime();
        int sections = 0;
        int studentsGrouped = 0;
        List<List<Object>> rows = new ArrayList<>();
        for (SectionGrouping.SectionPlan sp : SectionGrouping.everySection(dataset,
                new SectionGrouping.Scores(subject, strand, List.of()), min, max)) {
            Map<String, Double> score = new HashMap<>();
            sp.roster().forEach(m -> score.put(m.id(), m.score()));
            for (GroupPlanner.PlannedGroup g : sp.plan().groups()) {
                for (String id : g.members()) {
                    rows.add(List.of(sp.section().id(), g.id(), id, Csv.num(score.get(id))));
                }
            }
            sections++;
            studentsGrouped += sp.roster().size();
        }
        Csv.write(folder.dir().resolve("all_groups.csv"), List.of("section_id", "group_id", "student_id", "score"),
                p -> {
                    for (List<Object> row : rows) {
                        p.printRecord(row);
                    }
                });
        folder.commit();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "Grouped %,d students in %,d %s sections in %.2f s; wrote %s%n", studentsGrouped,
                sections, subject, (System.nanoTime() - t0) / 1e9, out.resolve("all_groups.csv"));
        o.flush();
        return 0;
    }
}
