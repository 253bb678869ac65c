package org.mosaic.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.mosaic.enroll.AdmissionProbabilities;
import org.mosaic.enroll.Assigner;
import org.mosaic.enroll.Market;
import org.mosaic.enroll.Mechanism;
import org.mosaic.enroll.Outcome;
import org.mosaic.enroll.Policy;
import org.mosaic.config.PolicyText;
import org.mosaic.enroll.TieBreak;
import org.mosaic.measure.GroupUnitTable;
import org.mosaic.measure.Segregation;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.Grades;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Student;
import org.mosaic.store.Assignment;
import org.mosaic.store.DbUrl;
import org.mosaic.store.MosaicStore;
import org.mosaic.store.RunRecord;

/**
 * School assignment on the stored dataset, as {@code mosaic enroll} does it: the policy parsed by
 * {@link PolicyText}, markets built by {@link Market#of} and solved by {@link Assigner}, each student's reason from
 * {@link Outcome#reason}. A run is recorded in the store's runs table with its parameters (the policy text included)
 * and every assignment with its reason; since the lottery is seeded, the outcomes are rebuilt from those parameters
 * after a restart.
 */
public final class Enrollment {
    static final String COMMAND = "enroll";

    /** What a run was asked to do. {@code grade} null: every grade with choices. */
    public record Request(String policyName, String policyText, Mechanism mechanism, TieBreak tieBreak, long seed,
                          Integer grade) {
    }

    /** A run: its record id, dataset, request, policy and one outcome per grade. */
    public record Run(long id, long datasetId, Request request, Policy policy, List<Outcome> outcomes) {
        public String title() {
            return "run " + id + ": " + request.mechanism().name() + ", " + policy.name() + ", seed " + request.seed();
        }
    }

    public record GroupRow(String group, int applicants, String firstChoice, String top3, String unassigned) {
    }

    public record SchoolRow(String schoolId, String name, String grade, int capacity, int assigned, String frlShare,
                            String difference, String cutoffs) {
    }

    /** One run's results page. */
    public record Results(Run run, List<GroupRow> groups, List<SchoolRow> schools, String frlH, String raceH,
                          String chart) {
    }

    /** A choice of the looked-up student: school, priority class, lottery number, and whether it was the one. */
    public record ChoiceRow(int writtenRank, String schoolId, String priority, String lottery, boolean placed,
                            String probability) {
    }

    public record Lookup(String studentId, String grade, String school, String reason, List<ChoiceRow> choices) {
    }

    public record Odds(String schoolId, String grade, int draws, String filled, String firstChoiceChance,
                       String cutoffP10, String cutoffP50, String cutoffP90) {
    }

    private final DbUrl db;
    private final Datasets datasets;
    private final Map<Long, Run> runs = new ConcurrentHashMap<>();
    private final Map<Long, List<AdmissionProbabilities.Result>> odds = new ConcurrentHashMap<>();

    Enrollment(DbUrl db, Datasets datasets) {
        this.db = db;
        this.datasets = datasets;
    }

    /** The policy, or the parser's problems (file, line, column, fix) as a {@link BadInputException}. */
    static Policy policy(String name, String text) {
        if (text == null || text.isBlank()) {
            return Policy.plain();
        }
        return PolicyText.parse(name == null || name.isBlank() ? "policy.yaml" : name, text);
    }

    /** Grades that have applicants in choices.csv. */
    static List<Integer> grades(Dataset d) {
        Map<String, Student> byId = d.district().studentsById();
        TreeSet<Integer> grades = new TreeSet<>();
        for (Choice c : d.choices()) {
            Student s = byId.get(c.studentId());
            if (s != null) {
                grades.add(s.grade());
            }
        }
        return new ArrayList<>(grades);
    }

    static Request request(String policyName, String policyText, String mechanism, String tieBreak, String seed,
                           String grade, Dataset d) {
        List<InputProblem> problems = new ArrayList<>();
        Mechanism m = parse(Mechanism.class, mechanism, "mechanism", "da, boston or ttc", problems);
        TieBreak t = parse(TieBreak.class, tieBreak == null || tieBreak.isBlank() ? "single" : tieBreak, "tie_break",
                "single or multiple", problems);
        long s = 1;
        try {
            s = seed == null || seed.isBlank() ? 1 : Long.parseLong(seed.trim());
        } catch (NumberFormatException e) {
            problems.add(new InputProblem("form", 0, "seed", seed, "a whole number"));
        }
        Integer g = null;
        List<Integer> grades = grades(d);
        if (grades.isEmpty()) {
            throw new BadInputException("the current dataset has no choices.csv: enrollment needs ranked choices");
        }
        if (grade != null && !grade.isBlank() && !grade.equals("all")) {
            g = Grades.parse(grade.trim());
            if (g == null || !grades.contains(g)) {
                problems.add(new InputProblem("form", 0, "grade", grade, "a grade with applicants: " + String.join(
                        ", ", grades.stream().map(Grades::label).toList())));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new Request(policyName == null || policyName.isBlank() ? "policy.yaml" : policyName.trim(),
                policyText == null ? "" : policyText, m, t, s, g);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, String expected,
                                               List<InputProblem> problems) {
        try {
            return Enum.valueOf(type, (text == null ? "" : text.trim()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new InputProblem("form", 0, field, text, expected));
            return type.getEnumConstants()[0];
        }
    }

    private static List<Outcome> outcomes(Dataset d, Request r, Policy policy) {
        List<Integer> grades = r.grade() == null ? grades(d) : List.of(r.grade());
        List<Outcome> out = new ArrayList<>();
        for (int g : grades) {
            out.add(Assigner.run(Market.of(d, g, policy, r.tieBreak(), r.seed()), r.mechanism()));
        }
        return out;
    }

    /** Runs the assignment, records it with every student's assignment and reason, and returns it. */
    Run run(long datasetId, Request r, String username) {
        Dataset d = datasets.load(datasetId);
        Policy policy = policy(r.policyName(), r.policyText());
        List<Outcome> outcomes = outcomes(d, r, policy);
        long id;
        try (MosaicStore store = MosaicStore.open(db)) {
            id = store.startRun(datasetId, COMMAND, Format.json(parameters(r, username)), OptionalLong.of(r.seed()));
            List<Assignment> assignments = new ArrayList<>();
            for (Outcome o : outcomes) {
                Market m = o.market();
                for (int i = 0; i < m.applicants(); i++) {
                    int s = o.schoolOf(i);
                    assignments.add(new Assignment(m.students().get(i).id(), s < 0 ? "" : m.schools().get(s).id(),
                            o.reason(i)));
                }
            }
            store.saveAssignments(id, assignments);
            Run run = new Run(id, datasetId, r, policy, outcomes);
            Results res = results(run);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("applicants", res.groups().isEmpty() ? 0 : res.groups().get(0).applicants());
            summary.put("h_between_schools_frl", res.frlH());
            summary.put("h_between_schools_race", res.raceH());
            store.finishRun(id, RunRecord.SUCCEEDED, Format.json(summary));
            runs.put(id, run);
            return run;
        }
    }

    private static Map<String, Object> parameters(Request r, String username) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", "web");
        p.put("by", username);
        p.put("mechanism", r.mechanism().name().toLowerCase(Locale.ROOT));
        p.put("tie_break", r.tieBreak().name().toLowerCase(Locale.ROOT));
        p.put("seed", r.seed());
        p.put("grade", r.grade() == null ? "all" : Grades.label(r.grade()));
        p.put("policy_name", r.policyName());
        p.put("policy", r.policyText());
        return p;
    }

    /** Enrollment runs recorded from the web on a dataset, newest first. */
    List<RunRecord> records(long datasetId) {
        try (MosaicStore store = MosaicStore.open(db)) {
            List<RunRecord> out = new ArrayList<>(store.runs().stream().filter(r -> COMMAND.equals(r.command())
                    && r.datasetId() != null && r.datasetId() == datasetId && RunRecord.SUCCEEDED.equals(r.status())
                    && r.parameters().contains("\"source\":\"web\"")).toList());
            java.util.Collections.reverse(out);
            return out;
        }
    }

    /** A recorded run, rebuilt from its parameters when this server has not run it (the lottery is seeded). */
    Optional<Run> find(long id) {
        Run r = runs.get(id);
        if (r != null) {
            return Optional.of(r);
        }
        RunRecord rec;
        try (MosaicStore store = MosaicStore.open(db)) {
            rec = store.runs().stream().filter(x -> x.id() == id && COMMAND.equals(x.command())
                    && x.datasetId() != null && x.parameters().contains("\"source\":\"web\"")).findFirst()
                    .orElse(null);
        }
        if (rec == null) {
            return Optional.empty();
        }
        try {
            JsonNode p = WebServer.JSON.readTree(rec.parameters());
            Dataset d = datasets.load(rec.datasetId());
            Request req = request(p.path("policy_name").asText(), p.path("policy").asText(),
                    p.path("mechanism").asText(), p.path("tie_break").asText(), p.path("seed").asText(),
                    p.path("grade").asText(), d);
            Policy policy = policy(req.policyName(), req.policyText());
            Run run = new Run(id, rec.datasetId(), req, policy, outcomes(d, req, policy));
            runs.put(id, run);
            return Optional.of(run);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("run " + id + " has unreadable parameters", e);
        }
    }

    /** The policy text of a recorded run, to start a new one from it. */
    Optional<Request> requestOf(long id) {
        return find(id).map(Run::request);
    }

    Results results(Run run) {
        return results(run, null);
    }

    /** The results, every school's or only {@code onlySchool}'s rows (a principal's view). */
    Results results(Run run, String onlySchool) {
        List<GroupRow> groups = new ArrayList<>();
        Map<String, int[]> by = new LinkedHashMap<>();
        GroupUnitTable.Builder frl = GroupUnitTable.builder();
        GroupUnitTable.Builder race = GroupUnitTable.builder();
        for (Outcome o : run.outcomes()) {
            Market m = o.market();
            for (int i = 0; i < m.applicants(); i++) {
                Student s = m.students().get(i);
                int r = o.writtenRankOf(i);
                for (String key : List.of("all applicants", s.frl() ? "low income (FRL)" : "not low income")) {
                    int[] c = by.computeIfAbsent(key, k -> new int[4]);
                    c[0]++;
                    c[1] += r == 1 ? 1 : 0;
                    c[2] += r >= 1 && r <= 3 ? 1 : 0;
                    c[3] += r < 0 ? 1 : 0;
                }
                if (o.schoolOf(i) >= 0) {
                    String unit = m.schools().get(o.schoolOf(i)).id() + "/" + Grades.label(m.grade());
                    frl.add(unit, s.frl() ? "frl" : "not_frl", 1);
                    race.add(unit, s.race().code(), 1);
                }
            }
        }
        by.forEach((k, c) -> groups.add(new GroupRow(k, c[0], pct(c[1], c[0]), pct(c[2], c[0]), pct(c[3], c[0]))));
        List<SchoolRow> schools = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> diffs = new ArrayList<>();
        for (Outcome o : run.outcomes()) {
            Market m = o.market();
            int n = 0;
            int frlAll = 0;
            for (int i = 0; i < m.applicants(); i++) {
                if (o.schoolOf(i) >= 0) {
                    n++;
                    frlAll += m.students().get(i).frl() ? 1 : 0;
                }
            }
            double district = n == 0 ? 0 : frlAll / (double) n;
            for (int s = 0; s < m.schools().size(); s++) {
                var school = m.schools().get(s);
                if (onlySchool != null && !school.id().equals(onlySchool)) {
                    continue;
                }
                int assigned = 0;
                int f = 0;
                for (int i = 0; i < m.applicants(); i++) {
                    if (o.schoolOf(i) == s) {
                        assigned++;
                        f += m.students().get(i).frl() ? 1 : 0;
                    }
                }
                double share = assigned == 0 ? 0 : f / (double) assigned;
                List<String> cut = new ArrayList<>();
                o.cutoffs(s).values().forEach(c -> cut.add(c.slot() + ": " + c.admitted() + " admitted, last "
                        + (c.priority() >= Policy.NO_PRIORITY ? "no priority" : "priority " + c.priority())
                        + ", lottery " + String.format(Locale.ROOT, "%.4f", c.lottery())
                        + (Double.isNaN(c.score()) ? "" : ", score " + Format.one(c.score()))));
                schools.add(new SchoolRow(school.id(), school.name(), Grades.label(m.grade()), school.capacity(
                        m.grade()), assigned, Format.percent(share), String.format(Locale.ROOT, "%+.1f",
                        100 * (share - district)), o.filled(s, assigned) ? String.join("; ", cut)
                        : "not filled: every applicant who ranked it was admitted"));
                labels.add(school.name() + ", grade " + Grades.label(m.grade()));
                diffs.add(Math.round(1000 * (share - district)) / 10.0);
            }
        }
        GroupUnitTable tf = frl.build();
        GroupUnitTable tr = race.build();
        String chart = Format.json(Map.of("kind", "hbar", "labels", labels, "xName", "FRL share of the new "
                + "students minus the district's (points)", "series", List.of(Map.of("name", "FRL share minus the "
                + "district's", "data", diffs))));
        return new Results(run, groups, schools, tf.unitCount() < 2 ? "0.000" : Format.three(Segregation.theilH(
                tf)), tr.unitCount() < 2 ? "0.000" : Format.three(Segregation.theilH(tr)), chart);
    }

    private static String pct(int a, int b) {
        return b == 0 ? "0 %" : Format.percent(a / (double) b);
    }

    /** One applicant's outcome in plain words, with their choices (and chances, once the draws have run). */
    Optional<Lookup> lookup(Run run, String studentId) {
        List<AdmissionProbabilities.Result> p = odds.get(run.id());
        for (int g = 0; g < run.outcomes().size(); g++) {
            Outcome o = run.outcomes().get(g);
            Market m = o.market();
            for (int i = 0; i < m.applicants(); i++) {
                if (!m.students().get(i).id().equals(studentId)) {
                    continue;
                }
                List<ChoiceRow> choices = new ArrayList<>();
                for (int k = 0; k < m.choices(i); k++) {
                    int pr = m.priorityAt(i, k);
                    choices.add(new ChoiceRow(m.writtenRank(i, k), m.schools().get(m.schoolAt(i, k)).id(),
                            pr >= Policy.NO_PRIORITY ? "none" : Integer.toString(pr), String.format(Locale.ROOT,
                            "%.4f", m.lotteryAt(i, k)), o.rankOf(i) == k, p == null ? "" : Format.percent(
                            p.get(g).probability()[i][k])));
                }
                int s = o.schoolOf(i);
                return Optional.of(new Lookup(studentId, Grades.label(m.grade()), s < 0 ? "none"
                        : m.schools().get(s).id(), o.reason(i), choices));
            }
        }
        return Optional.empty();
    }

    /** The lottery draws as a task for the job line: progress is the share of draws done. */
    SolveJobs.Task probabilities(Run run, int draws) {
        return progress -> {
            long total = (long) draws * run.outcomes().size();
            List<AdmissionProbabilities.Result> out = new ArrayList<>();
            long base = 0;
            for (Outcome o : run.outcomes()) {
                long offset = base;
                // One thread: the job line, not this task, decides how much of the machine enrollment takes.
                out.add(AdmissionProbabilities.estimate(o.market(), run.request().mechanism(), draws,
                        run.request().seed(), 1, (done, t) -> progress.report((offset + done) / (double) total)));
                base += draws;
            }
            odds.put(run.id(), out);
            return out;
        };
    }

    Optional<List<Odds>> odds(Run run) {
        List<AdmissionProbabilities.Result> p = odds.get(run.id());
        if (p == null) {
            return Optional.empty();
        }
        List<Odds> rows = new ArrayList<>();
        for (int g = 0; g < run.outcomes().size(); g++) {
            Market m = run.outcomes().get(g).market();
            AdmissionProbabilities.Result r = p.get(g);
            for (int s = 0; s < m.schools().size(); s++) {
                double chance = 0;
                int first = 0;
                for (int i = 0; i < m.applicants(); i++) {
                    if (m.choices(i) > 0 && m.schoolAt(i, 0) == s) {
                        chance += r.probability()[i][0];
                        first++;
                    }
                }
                rows.add(new Odds(m.schools().get(s).id(), Grades.label(m.grade()), r.draws(), Format.percent(
                        r.filledDraws()[s] / (double) r.draws()), first == 0 ? "" : Format.percent(chance / first),
                        quantile(r, s, 0.1), quantile(r, s, 0.5), quantile(r, s, 0.9)));
            }
        }
        return Optional.of(rows);
    }

    static String oddsChart(List<Odds> rows) {
        List<String> labels = new ArrayList<>();
        List<Double> chance = new ArrayList<>();
        for (Odds o : rows) {
            labels.add(o.schoolId() + ", grade " + o.grade());
            chance.add(o.firstChoiceChance().isEmpty() ? null : Double.parseDouble(o.firstChoiceChance()
                    .replace(" %", "")));
        }
        return Format.json(Map.of("kind", "hbar", "labels", labels, "xName", "chance of a seat for families who "
                + "rank it first (%)", "series", List.of(Map.of("name", "admission probability, first choice",
                "data", chance))));
    }

    private static String quantile(AdmissionProbabilities.Result r, int s, double q) {
        double v = r.cutoffQuantile(s, q);
        return Double.isNaN(v) ? "never filled" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Two runs side by side: per school, assigned and FRL share in each, and the chart of both. */
    static String compareChart(Results a, Results b) {
        List<String> labels = new ArrayList<>();
        Map<String, Double> fa = new LinkedHashMap<>();
        Map<String, Double> fb = new LinkedHashMap<>();
        for (SchoolRow r : a.schools()) {
            String key = r.name() + ", grade " + r.grade();
            labels.add(key);
            fa.put(key, Double.parseDouble(r.frlShare().replace(" %", "")));
        }
        for (SchoolRow r : b.schools()) {
            String key = r.name() + ", grade " + r.grade();
            if (!labels.contains(key)) {
                labels.add(key);
            }
            fb.put(key, Double.parseDouble(r.frlShare().replace(" %", "")));
        }
        List<Double> da = labels.stream().map(fa::get).toList();
        List<Double> db = labels.stream().map(fb::get).toList();
        return Format.json(Map.of("kind", "hbar", "labels", labels, "xName", "FRL share of the new students (%)",
                "series", List.of(Map.of("name", a.run().title(), "data", new ArrayList<>(da)), Map.of("name",
                        b.run().title(), "data", new ArrayList<>(db)))));
    }

    /** A recorded run in a few words: mechanism, policy, seed and grade. */
    public static String describe(RunRecord r) {
        try {
            JsonNode p = WebServer.JSON.readTree(r.parameters());
            return p.path("mechanism").asText().toUpperCase(Locale.ROOT) + ", policy " + p.path("policy_name")
                    .asText() + ", seed " + p.path("seed").asText() + ", grade " + p.path("grade").asText()
                    + ", by " + p.path("by").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The students placed at one school: id (or name, for the school's own staff), grade, choice and seat type. */
    static List<List<String>> admitted(Run run, String schoolId, boolean names) {
        List<List<String>> rows = new ArrayList<>();
        for (Outcome o : run.outcomes()) {
            Market m = o.market();
            for (int i = 0; i < m.applicants(); i++) {
                int s = o.schoolOf(i);
                if (s >= 0 && m.schools().get(s).id().equals(schoolId)) {
                    Student st = m.students().get(i);
                    rows.add(List.of(names ? st.givenName() + " " + st.familyName() : st.id(), Grades.label(
                            m.grade()), Integer.toString(o.writtenRankOf(i)), o.slotOf(i)));
                }
            }
        }
        return rows;
    }
}
