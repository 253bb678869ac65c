package org.mosaic.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.mosaic.enroll.AdmissionProbabilities;
import org.mosaic.enroll.Assigner;
import org.mosaic.enroll.Market;
import org.mosaic.enroll.Mechanism;
import org.mosaic.enroll.Outcome;
import org.mosaic.enroll.Policy;
import org.mosaic.enroll.TieBreak;
import org.mosaic.io.OutputFolder;
import org.mosaic.io.AtomicFiles;
import org.mosaic.io.Csv;
import org.mosaic.io.DatasetCopy;
import org.mosaic.io.MosaicFiles;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.io.report.Html;
import org.mosaic.io.report.SvgChart;
import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.Segregation;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.School;
import org.mosaic.model.Student;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Assign applicants to schools: deferred acceptance (default), immediate acceptance (Boston) or "
                + "top trading cycles, with priorities, a seeded lottery, and an integration policy (reserves with a "
                + "precedence order, Chicago-style tiers, controlled choice). Every student gets a reason.",
                "Writes assignment.csv, cutoffs.csv, waitlists.csv, integration.csv, stats.json, report.html (and "
                        + "probabilities.csv, cutoff_distribution.csv with --draws). --apply DIR writes a copy of the "
                        + "dataset with each applicant at the assigned school, ready for sections."},
        footer = {"", "Examples:",
                "  mosaic enroll --data examples/abdulkadiroglu-sonmez-2003 --mechanism ttc --out /tmp/as",
                "  mosaic enroll --data work/district --policy examples/policies/controlled-choice.yaml --seed 7 "
                        + "--out work/enroll",
                "  mosaic enroll --data work/district --grade 9 --draws 1000 --out work/enroll-odds"})
public final class EnrollCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Mosaic dataset directory (choices.csv required).")
    Path data;

    @Option(names = "--policy", description = "Integration policy, YAML or JSON (docs/enroll.md).")
    Path policyFile;

    @Option(names = "--mechanism", defaultValue = "da", description = "da | boston | ttc (default: ${DEFAULT-VALUE}).")
    Mechanism mechanism;

    @Option(names = "--tie-break", defaultValue = "single", description = "single | multiple (default: "
            + "${DEFAULT-VALUE}).")
    TieBreak tieBreak;

    @Option(names = "--seed", defaultValue = "1", description = "Lottery seed, written to every output (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--grade", description = "Only this entry grade (default: every grade with choices).")
    String grade;

    @Option(names = "--draws", defaultValue = "0", description = "Lottery draws for admission probabilities.")
    int draws;

    @Option(names = "--threads", description = "Threads for --draws (default: all cores).")
    Integer threads;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--json", description = "Print the statistics as JSON.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--apply", paramLabel = "DIR", description = "Also write a copy of the --data dataset to DIR "
            + "with the assignment as next year's school and grade of each applicant (unassigned: no school).")
    Path apply;

    @Spec
    CommandSpec spec;

    /** Everything one run produced, for the CLI and the demo. */
    record Run(Dataset data, Policy policy, List<Outcome> outcomes, Map<String, Object> stats,
               List<List<Object>> integration) {
    }

    @Override
    public Integer call() {
        Ranges.atLeast("--draws", draws, spec.commandLine().getParseResult().hasMatchedOption("--draws") ? 1 : 0);
        Ranges.atLeast("--threads", threads, 1);
        if (apply != null) {
            DatasetCopy.requireNewFolder(data, apply, "--apply");
        }
        Run run;
        try (OutputFolder folder = Outputs.open(spec, out)) {
            Dataset dataset = MosaicCsvReader.read(data);
            Policy policy = policyFile == null ? Policy.plain() : PolicyFile.read(policyFile);
            List<Integer> grades = grades(dataset, grade);
            run = run(dataset, policy, grades, mechanism, tieBreak, seed);
            write(run, folder.dir(), seed, mechanism, tieBreak);
            if (draws > 0) {
                writeProbabilities(run, folder.dir());
            }
            folder.commit();
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.write(run.stats()));
        } else {
            o.print(summary(run, mechanism, seed));
            o.println("Wrote " + out.resolve("assignment.csv") + " and cutoffs, waitlists, integration, stats, "
                    + "report.html");
        }
        if (apply != null) {
            Applied a = apply(run, data, apply);
            if (!json) {
                o.printf(Locale.ROOT, "Applied: %s is next year's dataset: %,d applicants at their assigned school, "
                        + "%,d without one; %,d class places at a school the student leaves were dropped%n", apply,
                        a.assigned(), a.unassigned(), a.rostersDropped());
            }
        }
        o.flush();
        return 0;
    }

    /** What --apply changed: applicants placed, applicants left without a school, roster rows dropped. */
    record Applied(Dataset dataset, int assigned, int unassigned, int rostersDropped) {
    }

    /**
     * Next year's dataset: every applicant in the grade they applied for at the school they were assigned (no school
     * when unassigned); a class place at another school than the student's new one is dropped, since the student
     * will not sit in that class. Everyone else is unchanged.
     */
    static Applied applied(Run run) {
        Map<String, String[]> next = new java.util.HashMap<>();
        for (Outcome o : run.outcomes()) {
            Market m = o.market();
            for (int i = 0; i < m.applicants(); i++) {
                int s = o.schoolOf(i);
                next.put(m.students().get(i).id(), new String[] {s < 0 ? "" : m.schools().get(s).id(),
                        Integer.toString(m.grade())});
            }
        }
        Dataset d = run.data();
        List<Student> students = new ArrayList<>(d.students().size());
        int assigned = 0;
        for (Student s : d.students()) {
            String[] n = next.get(s.id());
            if (n == null) {
                students.add(s);
                continue;
            }
            assigned += n[0].isEmpty() ? 0 : 1;
            students.add(new Student(s.id(), Integer.parseInt(n[1]), n[0], s.home(), s.zone(), s.tract(), s.frl(),
                    s.race(), s.gender(), s.ell(), s.iep(), s.gifted(), s.sesTier(), s.behavior(), s.givenName(),
                    s.familyName()));
        }
        Map<String, String> sectionSchool = new java.util.HashMap<>();
        d.sections().forEach(s -> sectionSchool.put(s.id(), s.schoolId()));
        List<org.mosaic.model.RosterEntry> rosters = new ArrayList<>();
        int dropped = 0;
        for (org.mosaic.model.RosterEntry r : d.rosters()) {
            String[] n = next.get(r.studentId());
            if (n != null && !n[0].equals(sectionSchool.get(r.sectionId()))) {
                dropped++;
            } else {
                rosters.add(r);
            }
        }
        org.mosaic.model.District district = d.district();
        Dataset changed = new Dataset(new org.mosaic.model.District(district.id(), district.name(),
                district.schools(), district.clusters(), students), d.scores(), d.choices(), d.priorities(),
                d.requests(), d.sections(), rosters);
        return new Applied(changed, assigned, next.size() - assigned, dropped);
    }

    static Applied apply(Run run, Path source, Path target) {
        Applied a = applied(run);
        DatasetCopy.write(source, target, a.dataset(), run.data().sections().isEmpty()
                ? java.util.Set.of(MosaicFiles.STUDENTS) : java.util.Set.of(MosaicFiles.STUDENTS, MosaicFiles.ROSTERS),
                "--apply");
        return a;
    }

    static List<Integer> grades(Dataset dataset, String grade) {
        Map<String, Student> byId = dataset.district().studentsById();
        TreeSet<Integer> grades = new TreeSet<>();
        for (Choice c : dataset.choices()) {
            Student s = byId.get(c.studentId());
            if (s != null) {
                grades.add(s.grade());
            }
        }
        if (grades.isEmpty()) {
            throw new BadInputException("choices.csv is missing or empty: enroll needs ranked choices");
        }
        if (grade != null) {
            Integer g = Grades.parse(grade);
            if (g == null || !grades.contains(g)) {
                throw new BadInputException("--grade " + grade + ": no applicants in that grade; grades with choices: "
                        + grades.stream().map(Grades::label).toList());
            }
            return List.of(g);
        }
        return new ArrayList<>(grades);
    }

    static Run run(Dataset dataset, Policy policy, List<Integer> grades, Mechanism mechanism, TieBreak tieBreak,
                   long seed) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int g : grades) {
            outcomes.add(Assigner.run(Market.of(dataset, g, policy, tieBreak, seed), mechanism));
        }
        return new Run(dataset, policy, outcomes, stats(outcomes), integration(outcomes));
    }

    private static Map<String, Object> stats(List<Outcome> outcomes) {
        Map<String, int[]> by = new LinkedHashMap<>();
        int n = 0;
        for (Outcome o : outcomes) {
            for (int i = 0; i < o.market().applicants(); i++) {
                Student s = o.market().students().get(i);
                // The family's own rank numbers: a first choice without seats is not a first choice granted.
                int r = o.writtenRankOf(i);
                for (String key : List.of("all", s.frl() ? "frl" : "not_frl", "race:" + s.race().code())) {
                    int[] c = by.computeIfAbsent(key, k -> new int[4]);
                    c[0]++;
                    c[1] += r == 1 ? 1 : 0;
                    c[2] += r >= 1 && r <= 3 ? 1 : 0;
                    c[3] += r < 0 ? 1 : 0;
                }
                n++;
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("applicants", n);
        Map<String, Object> groups = new LinkedHashMap<>();
        by.forEach((k, c) -> groups.put(k, Map.of("applicants", c[0], "first_choice", share(c[1], c[0]),
                "top3", share(c[2], c[0]), "unassigned", share(c[3], c[0]))));
        stats.put("by_group", groups);
        Map<String, Object> seg = new LinkedHashMap<>();
        for (String byWhat : List.of("frl", "race")) {
            GroupUnitTable.Builder b = GroupUnitTable.builder();
            for (Outcome o : outcomes) {
                for (int i = 0; i < o.market().applicants(); i++) {
                    if (o.schoolOf(i) >= 0) {
                        Student s = o.market().students().get(i);
                        b.add(o.market().schools().get(o.schoolOf(i)).id() + "/" + Grades.label(o.market().grade()),
                                byWhat.equals("frl") ? (s.frl() ? "frl" : "not_frl") : s.race().code(), 1);
                    }
                }
            }
            GroupUnitTable t = b.build();
            seg.put(byWhat, Map.of("M", Segregation.mutualInformation(t), "H", Segregation.theilH(t)));
        }
        stats.put("segregation_between_schools", seg);
        return stats;
    }

    private static double share(int a, int b) {
        return b == 0 ? 0 : Math.round(10000.0 * a / b) / 10000.0;
    }

    /** Per school and grade: assigned, FRL share, and its distance from the district's share of applicants. */
    private static List<List<Object>> integration(List<Outcome> outcomes) {
        List<List<Object>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            int frlAll = 0;
            int n = 0;
            for (int i = 0; i < o.market().applicants(); i++) {
                if (o.schoolOf(i) >= 0) {
                    n++;
                    frlAll += o.market().students().get(i).frl() ? 1 : 0;
                }
            }
            double district = n == 0 ? 0 : frlAll / (double) n;
            for (int s = 0; s < o.market().schools().size(); s++) {
                int assigned = 0;
                int frl = 0;
                for (int i = 0; i < o.market().applicants(); i++) {
                    if (o.schoolOf(i) == s) {
                        assigned++;
                        frl += o.market().students().get(i).frl() ? 1 : 0;
                    }
                }
                if (assigned == 0) {
                    continue;
                }
                double share = frl / (double) assigned;
                rows.add(List.of(o.market().schools().get(s).id(), Grades.label(o.market().grade()), assigned,
                        Csv.num(Math.round(share * 1000) / 1000.0), Csv.num(Math.round(district * 1000) / 1000.0),
                        Csv.num(Math.round((share - district) * 1000) / 1000.0)));
            }
        }
        return rows;
    }

    static void write(Run run, Path out, long seed, Mechanism mechanism, TieBreak tieBreak) {
        String runLine = "# mechanism=" + mechanism.name().toLowerCase(Locale.ROOT) + " tie_break="
                + tieBreak.name().toLowerCase(Locale.ROOT) + " seed=" + seed + " policy=" + run.policy().name();
        Csv.write(out.resolve("assignment.csv"), List.of("student_id", "grade", "school_id", "choice_rank",
                "slot_type", "priority", "lottery", "reason"), p -> {
            for (Outcome o : run.outcomes()) {
                Market m = o.market();
                for (int i = 0; i < m.applicants(); i++) {
                    int s = o.schoolOf(i);
                    int r = o.rankOf(i);
                    p.printRecord(m.students().get(i).id(), Grades.label(m.grade()),
                            s < 0 ? "" : m.schools().get(s).id(), r < 0 ? "" : o.writtenRankOf(i), o.slotOf(i),
                            r < 0 ? "" : priorityText(m, o, i, r), String.format(Locale.ROOT, "%.6f",
                                    r >= 0 ? m.lotteryAt(i, r) : m.choices(i) > 0 ? m.lotteryAt(i, 0)
                                            : Market.lotteryNumber(seed, m.students().get(i).id(), "")),
                            o.reason(i));
                }
            }
        });
        Csv.write(out.resolve("cutoffs.csv"), List.of("school_id", "grade", "slot_type", "capacity", "assigned",
                "filled", "cutoff_priority", "cutoff_lottery", "cutoff_score"), p -> {
            for (Outcome o : run.outcomes()) {
                Market m = o.market();
                for (int s = 0; s < m.schools().size(); s++) {
                    School school = m.schools().get(s);
                    int assigned = o.assignedTo(s);
                    int cap = school.capacity(m.grade());
                    for (Outcome.Cutoff c : o.cutoffs(s).values()) {
                        p.printRecord(school.id(), Grades.label(m.grade()), c.slot(), cap, c.admitted(),
                                assigned >= cap ? 1 : 0, c.priority() >= Policy.NO_PRIORITY ? "none" : c.priority(),
                                String.format(Locale.ROOT, "%.6f", c.lottery()), Double.isNaN(c.score()) ? ""
                                        : Csv.num(c.score()));
                    }
                    if (o.cutoffs(s).isEmpty()) {
                        p.printRecord(school.id(), Grades.label(m.grade()), "", cap, 0, 0, "", "", "");
                    }
                }
            }
        });
        Csv.write(out.resolve("waitlists.csv"), List.of("school_id", "grade", "position", "student_id", "choice_rank",
                "priority", "lottery"), p -> {
            for (Outcome o : run.outcomes()) {
                Market m = o.market();
                for (int s = 0; s < m.schools().size(); s++) {
                    List<int[]> wait = new ArrayList<>();
                    for (int i = 0; i < m.applicants(); i++) {
                        int k = rankIn(m, i, s);
                        if (k >= 0 && o.schoolOf(i) != s && (o.rankOf(i) < 0 || o.rankOf(i) > k)) {
                            wait.add(new int[] {i, k});
                        }
                    }
                    wait.sort((a, b) -> compareAt(m, a, b));
                    int pos = 1;
                    for (int[] w : wait) {
                        p.printRecord(m.schools().get(s).id(), Grades.label(m.grade()), pos++,
                                m.students().get(w[0]).id(), m.writtenRank(w[0], w[1]),
                                priorityText(m, o, w[0], w[1]),
                                String.format(Locale.ROOT, "%.6f", lotteryAt(m, w[0], w[1])));
                    }
                }
            }
        });
        Csv.write(out.resolve("integration.csv"), List.of("school_id", "grade", "assigned", "frl_share",
                "district_frl_share", "difference"), p -> {
            for (List<Object> row : run.integration()) {
                p.printRecord(row);
            }
        });
        Map<String, Object> stats = new LinkedHashMap<>(run.stats());
        stats.put("mechanism", mechanism.name().toLowerCase(Locale.ROOT));
        stats.put("tie_break", tieBreak.name().toLowerCase(Locale.ROOT));
        stats.put("seed", seed);
        stats.put("policy", run.policy().name());
        stats.put("run", runLine.substring(2));
        stats.put("lottery", "lottery numbers are recomputable from the seed: SplitMix64 of (seed, student_id, "
                + (tieBreak == TieBreak.SINGLE ? "\"\"" : "school_id") + "); smaller wins");
        AtomicFiles.writeString(out.resolve("stats.json"), Json.write(stats) + "\n");
        Html page = Html.page("School assignment: " + run.policy().name());
        section(page, run, mechanism, seed);
        AtomicFiles.writeString(out.resolve("report.html"), page.render());
    }

    /** Rows of the summary table: each group of applicants and how many got their first choice, top 3, nothing. */
    static List<List<?>> summaryRows(Run run) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> by = (Map<String, Map<String, Object>>) run.stats().get("by_group");
        List<List<?>> rows = new ArrayList<>();
        by.forEach((k, v) -> rows.add(List.of(groupName(k), v.get("applicants"), pct(v.get("first_choice")),
                pct(v.get("top3")), pct(v.get("unassigned")))));
        return rows;
    }

    static final List<String> SUMMARY_COLUMNS = List.of("group", "applicants", "1st choice", "top 3", "unassigned");

    /** Group keys in words for the report: frl and not_frl are codes a parent's advocate cannot read. */
    private static String groupName(String key) {
        return switch (key) {
            case "all" -> "all applicants";
            case "frl" -> "low income (FRL)";
            case "not_frl" -> "not low income (not FRL)";
            default -> key.startsWith("race:") ? key.substring(5) : key;
        };
    }

    /** One result as a report section: headline, summary table, integration chart with its reading, table. */
    static void section(Html html, Run run, Mechanism mechanism, long seed) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> seg = (Map<String, Map<String, Double>>) run.stats().get(
                "segregation_between_schools");
        html.p(String.format(Locale.ROOT, "%s with policy '%s', lottery seed %d: %,d applicants. Segregation between "
                        + "schools of the result (Theil's H, 0 = every school mirrors the applicants): by income "
                        + "(FRL) %.3f, by race %.3f.", mechanismName(mechanism), run.policy().name(), seed,
                (int) run.stats().get("applicants"), seg.get("frl").get("H"), seg.get("race").get("H")));
        html.table(SUMMARY_COLUMNS, summaryRows(run));
        List<String> labels = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        List<List<?>> rows = new ArrayList<>();
        double widest = 0;
        String widestLabel = "";
        for (List<Object> row : run.integration()) {
            rows.add(row);
            String label = row.get(0) + ", grade " + row.get(1);
            double d = 100 * Double.parseDouble(row.get(5).toString());
            labels.add(label);
            diffs.add(d);
            if (Math.abs(d) > Math.abs(widest)) {
                widest = d;
                widestLabel = label;
            }
        }
        html.figure(SvgChart.bars("FRL share of each school's new students minus the district's (percentage points)",
                        labels, diffs, " pts"),
                String.format(Locale.ROOT, "Bars right of the line: more low-income students than the district's "
                        + "share; left: fewer. Farthest from the district: %s, %+.1f points.", widestLabel, widest));
        html.table(List.of("school", "grade", "assigned", "FRL share", "district FRL share", "difference"), rows);
    }

    private static String mechanismName(Mechanism m) {
        return switch (m) {
            case DA -> "Deferred acceptance";
            case BOSTON -> "Immediate acceptance (Boston)";
            case TTC -> "Top trading cycles";
        };
    }

    private static int rankIn(Market m, int i, int s) {
        return m.rankOfSchool(i, s);
    }

    private static int compareAt(Market m, int[] a, int[] b) {
        int pa = m.priorityAt(a[0], a[1]);
        int pb = m.priorityAt(b[0], b[1]);
        if (pa != pb) {
            return Integer.compare(pa, pb);
        }
        return Double.compare(m.lotteryAt(a[0], a[1]), m.lotteryAt(b[0], b[1]));
    }

    private static double lotteryAt(Market m, int i, int k) {
        return m.lotteryAt(i, k);
    }

    private static String priorityText(Market m, Outcome o, int i, int k) {
        int p = m.priorityAt(i, k);
        return p >= Policy.NO_PRIORITY ? "none" : Integer.toString(p);
    }

    static String summary(Run run, Mechanism mechanism, long seed) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s, seed %d: %,d applicants%n", mechanism.name(),
                run.policy().name(), seed, (int) run.stats().get("applicants")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> by = (Map<String, Map<String, Object>>) run.stats().get("by_group");
        List<List<?>> rows = new ArrayList<>();
        by.forEach((k, v) -> rows.add(List.of(k, v.get("applicants"), pct(v.get("first_choice")),
                pct(v.get("top3")), pct(v.get("unassigned")))));
        sb.append(Tables.render(SUMMARY_COLUMNS, rows));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> seg = (Map<String, Map<String, Double>>) run.stats().get(
                "segregation_between_schools");
        sb.append(String.format(Locale.ROOT, "Between-school segregation of the result: by FRL H = %.4f, by race "
                + "H = %.4f%n", seg.get("frl").get("H"), seg.get("race").get("H")));
        return sb.toString();
    }

    private static String pct(Object share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) share).doubleValue());
    }

    private void writeProbabilities(Run run, Path out) {
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        List<AdmissionProbabilities.Result> results = new ArrayList<>();
        long total = (long) draws * run.outcomes().size();
        try (Terminal.Bar bar = Terminal.bar("lottery draws", total, quiet)) {
            long[] offset = {0};
            for (Outcome o : run.outcomes()) {
                long base = offset[0];
                var progress = bar.progress();
                results.add(AdmissionProbabilities.estimate(o.market(), mechanism, draws, seed, threadCount,
                        (done, t) -> progress.update(base + done, total)));
                offset[0] += draws;
            }
        }
        Csv.write(out.resolve("probabilities.csv"), List.of("student_id", "grade", "choice_rank", "school_id",
                "probability"), p -> {
            for (int g = 0; g < results.size(); g++) {
                Market m = run.outcomes().get(g).market();
                AdmissionProbabilities.Result r = results.get(g);
                for (int i = 0; i < m.applicants(); i++) {
                    for (int k = 0; k < r.probability()[i].length; k++) {
                        p.printRecord(m.students().get(i).id(), Grades.label(m.grade()), m.writtenRank(i, k),
                                m.schools().get(m.schoolAt(i, k)).id(), Csv.num(r.probability()[i][k]));
                    }
                }
            }
        });
        Csv.write(out.resolve("cutoff_distribution.csv"), List.of("school_id", "grade", "draws", "filled_share",
                "cutoff_p10", "cutoff_p50", "cutoff_p90"), p -> {
            for (int g = 0; g < results.size(); g++) {
                Market m = run.outcomes().get(g).market();
                AdmissionProbabilities.Result r = results.get(g);
                for (int s = 0; s < m.schools().size(); s++) {
                    p.printRecord(m.schools().get(s).id(), Grades.label(m.grade()), r.draws(),
                            Csv.num(r.filledDraws()[s] / (double) r.draws()), Csv.num(r.cutoffQuantile(s, 0.1)),
                            Csv.num(r.cutoffQuantile(s, 0.5)), Csv.num(r.cutoffQuantile(s, 0.9)));
                }
            }
        });
    }
}
