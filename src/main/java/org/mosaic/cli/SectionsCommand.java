package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mosaic.config.SectionsConfigText;
import org.mosaic.io.OutputFolder;
import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.CsvTable;
import org.mosaic.io.DatasetCopy;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.MosaicCsvWriter;
import org.mosaic.io.MosaicFiles;
import org.mosaic.io.Problems;
import org.mosaic.io.StrictConfig;
import org.mosaic.io.oneroster.OneRosterExport;
import org.mosaic.io.oneroster.OneRosterVersion;
import org.mosaic.io.report.Html;
import org.mosaic.io.report.SvgChart;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Section;
import org.mosaic.model.Student;
import org.mosaic.sections.ClassFigures;
import org.mosaic.sections.GradeProblem;
import org.mosaic.sections.SectionConfig;
import org.mosaic.sections.SectionProblem;
import org.mosaic.sections.SectionSolver;
import org.mosaic.sections.rules.RuleFlag;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sections", mixinStandardHelpOptions = true, subcommands = SectionsEvaluateCommand.class,
        description = {"Form the classes of one school, grade and subject with a tracking dial: --tracking 0 makes "
                + "mixed-ability sections that are statistically alike, 1 makes contiguous score bands, values in "
                + "between trade the two (docs/sections.md). Hard rules: capacity, keep-apart/together, IEP students "
                + "in co-taught sections (<= 40%% and <= 12), English learners with an EL-certified teacher, gifted "
                + "cluster grouping, locks, acceleration. Solved with CP-SAT; reports status, objective, bound, gap.",
                "Writes placements.csv, sections.csv and rosters.csv (the classes, in dataset format), "
                        + "section_stats.csv, summary.json, report.html, oneroster/ (and frontier.csv, frontier.html "
                        + "with --frontier). --apply DIR writes a copy of the dataset with these classes in place, "
                        + "ready for groups, measure or the next sections run."},
        footer = {"", "Examples:",
                "  mosaic sections --data work/elmhurst --school elmhurst --grade 6 --subject math --sections 4 "
                        + "--capacity 32 --tracking 0.5 --out work/sections",
                "  mosaic sections --data work/elmhurst --school elmhurst --grade 6 --subject math --sections 4 "
                        + "--capacity 32 --frontier --time-limit 2 --out work/frontier"})
public final class SectionsCommand implements Callable<Integer> {
    @Option(names = "--data", description = "Required. Mosaic dataset directory.")
    Path data;

    @Option(names = "--school", description = "Required. School id.")
    String school;

    @Option(names = "--grade", description = "Required. Grade (K, 1 ... 12).")
    String grade;

    @Option(names = "--subject", description = "Required. Subject of the classes and scores; 'all' forms "
            + "homerooms from the mean of every subject's standardized score.")
    String subject;

    @Option(names = "--sections", description = "Number of sections (default: those in sections.csv).")
    Integer sectionCount;

    @Option(names = "--capacity", description = "Seats per section (default: those in sections.csv).")
    Integer capacity;

    @Option(names = "--tracking", defaultValue = "0", description = "The dial t in [0, 1] (default: "
            + "${DEFAULT-VALUE}).")
    double tracking;

    @Option(names = "--levels", defaultValue = "0", description = "Levels mode: K levels of contiguous score bands "
            + "(e.g. 2: standard and advanced sections), mixed within each level.")
    int levels;

    @Option(names = "--time-limit", defaultValue = "20", description = "Work the solver may do, in seconds of a "
            + "quiet two-core machine (default: ${DEFAULT-VALUE}): counted in steps, not timed, so the same seed gives "
            + "the same classes on any machine; a busy one takes longer (docs/sections.md).")
    double timeLimit;

    @Option(names = "--workers", defaultValue = "1", description = "CP-SAT threads (at least 2 are used); results "
            + "depend on the seed only, not on this.")
    int workers;

    @Option(names = "--frontier", description = "Sweep the dial 0, 0.1, ... 1 and write the tradeoff.")
    boolean frontier;

    @Option(names = "--config", description = "YAML or JSON with weights and rules (docs/sections.md).")
    Path config;

    @Option(names = "--locks", description = "CSV student_id,subject,section_id of pinned placements.")
    Path locks;

    @Option(names = "--accelerate-cut", description = "Students of the grade below scoring at least this join this "
            + "grade's sections (flagged).")
    Double accelerateCut;

    @Option(names = "--seed", defaultValue = "1", description = "Solver seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Required. Output directory.")
    Path out;

    @Option(names = "--json", description = "Print summary.json.")
    boolean json;

    @Option(names = "--apply", paramLabel = "DIR", description = "Also write a copy of the --data dataset to DIR "
            + "with the formed classes replacing this school, grade and subject's sections and rosters.")
    Path apply;

    @Spec
    CommandSpec spec;

    /** A solved problem with its students and sections, for output and the demo. */
    record Formed(SectionProblem problem, SectionSolver.Solution solution, List<Student> students,
                  List<Section> sections, String subject) {
    }

    @Override
    public Integer call() {
        // Checked here rather than by picocli, which would ask for them before 'sections evaluate' too.
        List<String> missing = new ArrayList<>();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("--data", data);
        given.put("--school", school);
        given.put("--grade", grade);
        given.put("--subject", subject);
        given.put("--out", out);
        given.forEach((option, value) -> {
            if (value == null) {
                missing.add(option);
            }
        });
        if (!missing.isEmpty()) {
            throw new BadInputException("missing required option" + (missing.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", missing) + " (mosaic sections --help; to score a class list: mosaic sections "
                    + "evaluate --help)");
        }
        Ranges.positive("--time-limit", timeLimit, 86_400);
        Ranges.atLeast("--workers", workers, 1);
        Ranges.atLeast("--sections", sectionCount, 1);
        Ranges.atLeast("--capacity", capacity, 1);
        Ranges.atLeast("--levels", levels, 0);
        if (apply != null) {
            DatasetCopy.requireNewFolder(data, apply, "--apply");
        }
        try (OutputFolder folder = Outputs.open(spec, out);
             OutputFolder applyFolder = apply == null ? null : Outputs.open(spec, apply)) {
            return call(folder, applyFolder);
        }
    }

    private int call(OutputFolder folder, OutputFolder applyFolder) {
        Dataset d = MosaicCsvReader.read(data);
        PrintWriter o = spec.commandLine().getOut();
        if (frontier) {
            List<double[]> rows = frontier(d, o);
            writeFrontier(rows, folder.dir());
            folder.commit();
            o.println("Frontier: " + out.resolve("frontier.csv") + " and " + out.resolve("frontier.html"));
            o.flush();
            return 0;
        }
        Formed f;
        // The solver's time limit is the bar's length: CP-SAT runs in native code and cannot report its steps.
        long seconds = Math.round(Math.ceil(timeLimit));
        try (Terminal.Bar bar = Terminal.bar("solving (s)", seconds, json);
             Terminal.Clock clock = Terminal.clock(bar, seconds)) {
            f = form(d, tracking);
        }
        write(f, folder.dir(), tracking);
        if (applyFolder != null) {
            apply(d, f, data, applyFolder.dir());
        }
        folder.commit();
        if (applyFolder != null) {
            applyFolder.commit();
        }
        if (json) {
            o.println(Json.write(summary(f, tracking)));
        } else {
            o.print(table(List.of(f), List.of(tracking)));
            o.println("Wrote " + out.resolve("placements.csv") + ", sections.csv, rosters.csv, section_stats.csv, "
                    + "summary.json, report.html, oneroster/");
            if (apply != null) {
                o.println("Applied: " + apply + " is the dataset with these classes (try: mosaic groups --data "
                        + apply + " --section " + f.sections().get(0).id() + " --subject " + f.subject() + ")");
            }
        }
        o.flush();
        return 0;
    }

    Formed form(Dataset d, double dial) {
        return form(d, dial, null);
    }

    /** Forms the classes, starting the solver from {@code warmStart} (a previous placement) when given. */
    Formed form(Dataset d, double dial, int[] warmStart) {
        Integer g = Grades.parse(grade);
        if (g == null) {
            throw new BadInputException("--grade '" + grade + "': use K or 1 to 12");
        }
        GradeProblem built = GradeProblem.builder(d, school, g, subject).sections(sectionCount, capacity)
                .tracking(dial).levels(levels).accelerateCut(accelerateCut).config(readConfig(config))
                .locks((index, ids) -> locks == null ? Map.of() : readLocks(locks, index, ids))
                .timeLimit(timeLimit).workers(workers).seed(seed).build();
        SectionSolver.Solution solution = SectionSolver.solve(built.problem(), warmStart);
        return new Formed(built.problem(), solution, built.students(), built.sections(), built.subject());
    }

    /** Mean of each subject's z-score, for homerooms shared by all subjects. */
    static Map<String, Double> homeroomScores(Dataset d) {
        return GradeProblem.homeroomScores(d);
    }

    private static Map<Integer, Integer> readLocks(Path file, Map<String, Integer> index, List<String> ids) {
        Problems problems = new Problems();
        Map<Integer, Integer> out = new HashMap<>();
        CsvTable.read(file, List.of("student_id", "section_id"), problems, row -> {
            String id = row.required("student_id");
            String sec = row.required("section_id");
            if (!id.isEmpty() && !index.containsKey(id)) {
                row.problem("student_id", id, "a student of this school and grade");
                return;
            }
            if (!sec.isEmpty() && !ids.contains(sec)) {
                row.problem("section_id", sec, "one of the sections being formed: " + String.join(", ", ids));
                return;
            }
            out.put(index.get(id), ids.indexOf(sec));
        });
        problems.throwIfAny();
        return out;
    }

    /** The sections config of a file (docs/sections.md); every key optional, read strictly. */
    static SectionConfig readConfig(Path file) {
        return file == null ? SectionConfig.defaults() : SectionsConfigText.read(StrictConfig.read(file));
    }

    /** The formed classes' figures: per class, and the tracking trade-off of the grade. */
    static ClassFigures figures(Formed f) {
        return ClassFigures.of(f.problem(), f.sections(), f.solution().section());
    }

    /** Per-section statistics as the table shows them, in {@link #STAT_COLUMNS} order. */
    static List<List<Object>> sectionStats(Formed f) {
        List<List<Object>> rows = new ArrayList<>();
        for (ClassFigures.ClassRow r : figures(f).classes()) {
            rows.add(List.of(r.id(), r.size(), r1(r.mean()), r1(r.sd()), r1(r.min()), r1(r.max()), r3(r.frlShare()),
                    r.flagged().of(RuleFlag.IEP), r.flagged().of(RuleFlag.ELL), r.flagged().of(RuleFlag.GIFTED),
                    r.female(), r.male(), r.attributes()));
        }
        return rows;
    }

    static final List<String> STAT_COLUMNS = List.of("section_id", "size", "mean", "sd", "min", "max", "frl_share",
            "iep", "ell", "gifted", "female", "male", "attributes");

    private static double r1(double v) {
        return ClassFigures.tenth(v);
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Mean within-section SD and classroom segregation H by FRL and by race. */
    static double[] tradeoff(Formed f) {
        ClassFigures c = figures(f);
        return new double[] {c.meanWithinSd(), c.hFrl(), c.hRace()};
    }

    static Map<String, Object> summary(Formed f, double dial) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", f.solution().status());
        m.put("objective", f.solution().objective());
        m.put("objective_terms", SectionSolver.objectiveTerms(f.problem(), f.solution().section()));
        m.put("unavoidable_terms", f.solution().unavoidable());
        m.put("bound", f.solution().bound());
        m.put("gap", f.solution().gap());
        m.put("dial", dial);
        m.put("seconds", Math.round(f.solution().seconds() * 1000) / 1000.0);
        m.put("stopped_by", f.solution().stoppedBy());
        m.put("skipped", f.solution().skipped());
        m.put("seed", f.problem().seed());
        double[] t = tradeoff(f);
        m.put("mean_within_section_sd", t[0]);
        m.put("classroom_H_frl", t[1]);
        m.put("classroom_H_race", t[2]);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (List<Object> row : sectionStats(f)) {
            Map<String, Object> s = new LinkedHashMap<>();
            for (int k = 0; k < STAT_COLUMNS.size(); k++) {
                s.put(STAT_COLUMNS.get(k), row.get(k));
            }
            sections.add(s);
        }
        m.put("sections", sections);
        return m;
    }

    static void write(Formed f, Path out, double dial) {
        Csv.write(out.resolve("placements.csv"), List.of("student_id", "subject", "section_id", "reason"), p -> {
            for (int i = 0; i < f.problem().pupils().size(); i++) {
                SectionProblem.Pupil pu = f.problem().pupils().get(i);
                Section s = f.sections().get(f.solution().section()[i]);
                List<String> why = new ArrayList<>(f.solution().rulesApplied().get(i));
                why.add(String.format(Locale.ROOT, "score %s; dial %s (%s)", Csv.num(pu.score()), Csv.num(dial),
                        dial == 0 ? "mixed-ability" : dial == 1 ? "tracked by score" : "partly tracked"));
                p.printRecord(pu.id(), f.subject(), s.id(), String.join("; ", why));
            }
        });
        Csv.write(out.resolve(STATS_FILE), STAT_COLUMNS, p -> {
            for (List<Object> row : sectionStats(f)) {
                p.printRecord(row);
            }
        });
        MosaicCsvWriter.writeSections(f.sections(), out.resolve(MosaicFiles.SECTIONS));
        MosaicCsvWriter.writeRosters(rosters(f), out.resolve(MosaicFiles.ROSTERS));
        AtomicFiles.writeString(out.resolve("summary.json"), Json.write(summary(f, dial)) + "\n");
        AtomicFiles.writeString(out.resolve("report.html"), report(f, dial));
        OneRosterExport.writeClasses(out.resolve("oneroster"), f.sections(), rosters(f), OneRosterVersion.V1_2);
    }

    /** The principal's page: the headline figures, one row per class, and each class list. */
    static String report(Formed f, double dial) {
        Section first = f.sections().get(0);
        Html h = Html.page("Classes: school " + first.schoolId() + ", grade " + Grades.label(first.grade()) + ", "
                + f.subject());
        double[] t = tradeoff(f);
        SectionSolver.Solution s = f.solution();
        h.p(String.format(Locale.ROOT, "%d students in %d classes, tracking dial %s (%s). Mean spread of scores "
                        + "inside a class (within-section SD): %.1f points. Income segregation between the classes "
                        + "(Theil's H by FRL): %.3f; by race: %.3f (0 = every class mirrors the grade, 1 = no class "
                        + "shares a group).", f.problem().pupils().size(), f.sections().size(), Csv.num(dial),
                dial == 0 ? "mixed-ability" : dial == 1 ? "tracked by score" : "partly tracked", t[0], t[1], t[2]));
        h.note(String.format(Locale.ROOT, "Solver: %s, objective %d, bound %d, gap %.2f%% (%s), %.1f s, seed %d.",
                s.status(), s.objective(), s.bound(), 100 * s.gap(), s.gap() == 0 ? "proven best under the rules"
                        : "good classes, not proven best within the time limit", s.seconds(), f.problem().seed()));
        h.h2("The classes");
        h.note("size: students; mean, sd, min, max: " + f.subject() + " scale scores; frl_share: share eligible for "
                + "free or reduced-price lunch; iep, ell, gifted: students with an IEP, English learners, gifted "
                + "students; attributes: co-taught (special and general educator), EL-certified teacher, level.");
        h.table(STAT_COLUMNS, new ArrayList<>(sectionStats(f)));
        Map<String, Student> byId = new HashMap<>();
        f.students().forEach(st -> byId.put(st.id(), st));
        for (int k = 0; k < f.sections().size(); k++) {
            Section sec = f.sections().get(k);
            h.h2("Class list: " + sec.id());
            List<List<?>> rows = new ArrayList<>();
            for (int i = 0; i < f.problem().pupils().size(); i++) {
                if (f.solution().section()[i] != k) {
                    continue;
                }
                SectionProblem.Pupil p = f.problem().pupils().get(i);
                Student st = byId.get(p.id());
                String name = st == null ? "" : (st.givenName() + " " + st.familyName()).trim();
                List<String> needs = new ArrayList<>();
                if (p.iep()) {
                    needs.add("IEP");
                }
                if (p.ell()) {
                    needs.add("English learner");
                }
                if (p.gifted()) {
                    needs.add("gifted");
                }
                if (p.accelerated()) {
                    needs.add("accelerated from the grade below");
                }
                rows.add(List.of(p.id(), name, Csv.num(p.score()), String.join(", ", needs),
                        String.join("; ", f.solution().rulesApplied().get(i))));
            }
            rows.sort(java.util.Comparator.comparing(r -> r.get(0).toString()));
            h.table(List.of("student", "name", "score", "needs", "placed by a rule"), rows);
        }
        return h.render();
    }

    /** The statistics of each formed section; sections.csv itself is the classes in dataset format. */
    static final String STATS_FILE = "section_stats.csv";

    /** The formed classes as dataset roster rows, section by section in the order of the sections. */
    static List<RosterEntry> rosters(Formed f) {
        List<RosterEntry> rosters = new ArrayList<>();
        for (int s = 0; s < f.sections().size(); s++) {
            for (int i = 0; i < f.problem().pupils().size(); i++) {
                if (f.solution().section()[i] == s) {
                    rosters.add(new RosterEntry(f.sections().get(s).id(), f.problem().pupils().get(i).id()));
                }
            }
        }
        return rosters;
    }

    /**
     * The dataset with the formed classes in place: this school, grade and subject's old sections (and any with a
     * formed section's id) go with their rosters, and each placed student leaves any other class of the subject (an
     * accelerated student's class in the grade below), so that every student sits in one class per subject.
     */
    static Dataset applied(Dataset d, Formed f) {
        java.util.Set<String> formedIds = new java.util.HashSet<>();
        f.sections().forEach(s -> formedIds.add(s.id()));
        Section first = f.sections().get(0);
        java.util.Set<String> dropped = new java.util.HashSet<>(formedIds);
        Map<String, Section> byId = new HashMap<>();
        List<Section> sections = new ArrayList<>();
        for (Section s : d.sections()) {
            byId.put(s.id(), s);
            boolean replaced = s.schoolId().equals(first.schoolId()) && s.grade() == first.grade()
                    && s.subject().equalsIgnoreCase(first.subject());
            if (replaced || formedIds.contains(s.id())) {
                dropped.add(s.id());
            } else {
                sections.add(s);
            }
        }
        sections.addAll(f.sections());
        java.util.Set<String> placed = new java.util.HashSet<>();
        f.problem().pupils().forEach(p -> placed.add(p.id()));
        List<RosterEntry> rosters = new ArrayList<>();
        for (RosterEntry r : d.rosters()) {
            Section s = byId.get(r.sectionId());
            boolean sameSubject = s != null && s.subject().equalsIgnoreCase(first.subject());
            if (!dropped.contains(r.sectionId()) && !(placed.contains(r.studentId()) && sameSubject)) {
                rosters.add(r);
            }
        }
        rosters.addAll(rosters(f));
        return new Dataset(d.district(), d.scores(), d.choices(), d.priorities(), d.requests(), sections, rosters);
    }

    static void apply(Dataset d, Formed f, Path source, Path target) {
        DatasetCopy.write(source, target, applied(d, f), java.util.Set.of(MosaicFiles.SECTIONS, MosaicFiles.ROSTERS),
                "--apply");
    }

    static String table(List<Formed> runs, List<Double> dials) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < runs.size(); k++) {
            Formed f = runs.get(k);
            double[] t = tradeoff(f);
            sb.append(String.format(Locale.ROOT, "dial %.1f: %s, objective %d, bound %d, gap %.2f%%, %.1f s; mean "
                            + "within-section SD %.1f, classroom H by FRL %.3f, by race %.3f%n", dials.get(k),
                    f.solution().status(), f.solution().objective(), f.solution().bound(), 100 * f.solution().gap(),
                    f.solution().seconds(), t[0], t[1], t[2]));
            sb.append(forced(f.solution()));
            if (!f.solution().skipped().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  the bound is without the %s: --time-limit %s did not pay for "
                        + "them, so the gap may be wider than the classes' true distance from the best%n",
                        String.join(", ", f.solution().skipped()), Csv.num(f.problem().timeLimit())));
            }
            if (!f.solution().reproducible()) {
                sb.append(String.format(Locale.ROOT, "  stopped by the wall clock after %.1f s, before the work of "
                        + "--time-limit %s was done (the machine is too busy or too slow): these classes may not "
                        + "reproduce from the seed%n", f.solution().seconds(), Csv.num(f.problem().timeLimit())));
            }
            List<List<?>> rows = new ArrayList<>(sectionStats(f));
            sb.append(Tables.render(STAT_COLUMNS, rows));
        }
        return sb.toString();
    }

    /**
     * A line on what no classes can avoid under these rules (empty when nothing): principals ask why mixed classes
     * are not perfectly alike, and when the answer is "the rules, with these students", the proof says so.
     */
    static String forced(SectionSolver.Solution s) {
        Map<String, Long> u = s.unavoidable();
        long total = u.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "  unavoidable under these rules: %d of the objective (score bands %d, "
                        + "balance %d, sizes %d)%s%n", total, u.get("score_bands"), u.get("balance"), u.get("sizes"),
                total >= s.objective() ? ": the classes are as balanced as these rules allow" : "");
    }

    private List<double[]> frontier(Dataset d, PrintWriter o) {
        List<double[]> rows = new ArrayList<>();
        // From tracked down to mixed, each dial starting from its neighbour's classes, so the curve is traced
        // continuously rather than from scratch at every point.
        try (Terminal.Bar bar = Terminal.bar("frontier", 11, false)) {
            int[] previous = null;
            for (int k = 10; k >= 0; k--) {
                double dial = k / 10.0;
                Formed f = form(d, dial, previous);
                previous = f.solution().section();
                double[] t = tradeoff(f);
                rows.add(0, new double[] {dial, t[0], t[1], t[2], f.solution().gap()});
                bar.step();
            }
        }
        List<List<?>> table = new ArrayList<>();
        for (double[] r : rows) {
            table.add(List.of(Csv.num(r[0]), String.format(Locale.ROOT, "%.2f", r[1]),
                    String.format(Locale.ROOT, "%.4f", r[2]), String.format(Locale.ROOT, "%.4f", r[3]),
                    String.format(Locale.ROOT, "%.2f%%", 100 * r[4])));
        }
        o.print(Tables.render(List.of("dial", "mean within-section SD", "H by FRL", "H by race", "gap"), table));
        return rows;
    }

    static void writeFrontier(List<double[]> rows, Path out) {
        Csv.write(out.resolve("frontier.csv"), List.of("dial", "mean_within_section_sd", "classroom_H_frl",
                "classroom_H_race", "gap"), p -> {
            for (double[] r : rows) {
                p.printRecord(Csv.num(r[0]), Csv.num(r[1]), Csv.num(r[2]), Csv.num(r[3]), Csv.num(r[4]));
            }
        });
        AtomicFiles.writeString(out.resolve("frontier.html"), frontierPage(rows));
    }

    static String frontierPage(List<double[]> rows) {
        Html h = Html.page("Tracking dial: targeted instruction vs integrated classrooms");
        h.note("Each point is the best class assignment the solver found at one setting of the dial, t = 0 (mixed "
                + "classes that are alike) to t = 1 (classes by score band); the gap column says how far each is from "
                + "proven best. Left is narrower classes for the teacher, up is more income segregation between "
                + "the classrooms of one building.");
        List<SvgChart.Point> points = new ArrayList<>();
        for (double[] r : rows) {
            points.add(new SvgChart.Point(r[1], r[2], "t=" + Csv.num(r[0])));
        }
        double[] mixed = rows.get(0);
        double[] tracked = rows.get(rows.size() - 1);
        h.figure(SvgChart.tradeoff("The tracking frontier: spread inside classes against segregation between them",
                        "mean within-class SD of scores (scale-score points)",
                        "classroom segregation by FRL (Theil's H, 0 to 1)", points),
                String.format(Locale.ROOT, "Reading: from t=%s to t=%s the spread a teacher faces goes from %.1f to "
                                + "%.1f points, and income segregation between classrooms from H = %.3f to %.3f.",
                        Csv.num(mixed[0]), Csv.num(tracked[0]), mixed[1], tracked[1], mixed[2], tracked[2]));
        List<List<?>> table = new ArrayList<>();
        for (double[] r : rows) {
            table.add(List.of(Csv.num(r[0]), String.format(Locale.ROOT, "%.2f", r[1]),
                    String.format(Locale.ROOT, "%.4f", r[2]), String.format(Locale.ROOT, "%.4f", r[3]),
                    String.format(Locale.ROOT, "%.1f%%", 100 * r[4])));
        }
        h.table(List.of("dial t", "mean within-class SD (points)", "H by FRL", "H by race", "gap"), table);
        return h.render();
    }
}
