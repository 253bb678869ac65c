package org.mosaic.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.mosaic.enroll.Policy;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.InputProblem;
import org.mosaic.simulate.ClassFormation;
import org.mosaic.simulate.DdkExperiment;
import org.mosaic.simulate.DdkFindings;
import org.mosaic.simulate.DistrictSimulation;
import org.mosaic.simulate.Interval;
import org.mosaic.simulate.ModelParameters;
import org.mosaic.simulate.ScenarioRuns;

/**
 * The district's scenarios, as {@code mosaic simulate --scenario} runs a scenario file: integration (the current
 * schools, or choice under a policy) crossed with tracking (mixed or tracked classes, with per-school dials as the
 * file's {@code dial_by_school}), each over the same seeded Monte Carlo draws of {@link DistrictSimulation},
 * summarised by {@link ScenarioRuns}; and the {@code --preset ddk2011} re-run of Duflo, Dupas & Kremer's (2011)
 * Kenya tracking experiment ({@link DdkExperiment}). The routes keep each result in the store.
 */
public final class Scenarios {
    /** The form's two choices of what to run. */
    static final String DISTRICT = "district";
    static final String DDK = "ddk2011";

    /** The form as typed, shown again with its problems beside the fields when something is wrong. */
    public record Form(String run, String parameters, String draws, String seed, String years, String policyName,
                       String policy, String dials) {
        static final Form DEFAULT = new Form(DISTRICT, "ddk2011", "8", "1", "1", "", "", "");

        static Form of(Request r) {
            return new Form(r.run(), r.parameterSet(), Integer.toString(r.draws()), Long.toString(r.seed()),
                    Integer.toString(r.years()), r.policyName(), r.policyText(), dialsText(r.dialBySchool()));
        }
    }

    /**
     * What runs: the district scenarios or the ddk2011 preset, the parameter set, draws, seed, years and the choice
     * policy (empty: plain DA), and per-school dials that replace the scenario's dial at the schools they name.
     */
    public record Request(String run, String parameterSet, int draws, long seed, int years, String policyName,
                          String policyText, Map<String, Double> dialBySchool) {
        public Request {
            dialBySchool = dialBySchool == null ? Map.of() : new TreeMap<>(dialBySchool);
        }

        public boolean preset() {
            return DDK.equals(run);
        }
    }

    /** One scenario's growth for one achiever group: mean and 95 % of draws. */
    public record Effect(String scenario, String group, String interval) {
    }

    /** One outcome across the scenarios, formatted as the command's report (mean [95 % of draws]). */
    public record Outcome(String name, List<String> values) {
    }

    public record Result(Request request, String subject, int students, List<String> scenarios,
                         List<Effect> effects, List<Outcome> outcomes, Map<String, Object> parameters,
                         String citation, String chart) {
    }

    /** One estimate of the re-run experiment against DDK's finding, and whether the draws show it. */
    public record Estimate(String name, String interval, String finding, boolean reproduced) {
    }

    /** The ddk2011 preset's result: the estimates in endline SDs, how many findings it reproduces, the setting. */
    public record Experiment(Request request, int schools, List<Estimate> estimates, int reproduced, int findings,
                             Map<String, Object> parameters, String citation, String chart) {
    }

    /** Low achievers: the bottom quartile; middle: the two middle quartiles; high: the top quartile. */
    static final List<String> GROUPS = List.of("low (Q1)", "middle (Q2-Q3)", "high (Q4)");

    private Scenarios() {
    }

    /**
     * The form's fields checked with the command line's ranges; every wrong field is listed (file "form", the
     * field as column) so the page shows each beside its field. {@code schools}: the dataset's school ids, which
     * the per-school dials must name.
     */
    static Request request(Form f, Set<String> schools) {
        List<InputProblem> problems = new ArrayList<>();
        String run = blank(f.run()) ? DISTRICT : f.run().trim();
        if (!run.equals(DISTRICT) && !run.equals(DDK)) {
            problems.add(new InputProblem("form", 0, "run", run, DISTRICT + " (the district's scenarios) or " + DDK
                    + " (the Kenya experiment re-run)"));
        }
        String set = blank(f.parameters()) ? "ddk2011" : f.parameters().trim();
        if (!ModelParameters.SETS.contains(set)) {
            problems.add(new InputProblem("form", 0, "parameters", set, "one of the parameter sets: "
                    + String.join(", ", ModelParameters.SETS)));
        }
        long draws = number(problems, "draws", f.draws(), 8, 2, 200);
        long seed = number(problems, "seed", f.seed(), 1, Long.MIN_VALUE, Long.MAX_VALUE);
        long years = number(problems, "years", f.years(), 1, 1, 3);
        Map<String, Double> dials = run.equals(DDK) ? Map.of() : dials(problems, f.dials(), schools);
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        return new Request(run, set, (int) draws, seed, (int) years, f.policyName() == null ? "" : f.policyName(),
                f.policy() == null ? "" : f.policy(), dials);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long number(List<InputProblem> problems, String field, String text, long fallback, long min,
                               long max) {
        if (blank(text)) {
            return fallback;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        problems.add(new InputProblem("form", 0, field, text, min == Long.MIN_VALUE ? "a whole number"
                : "a whole number from " + min + " to " + max));
        return fallback;
    }

    /**
     * Per-school dials as typed: {@code school: dial} entries separated by commas or new lines, e.g.
     * {@code E003: 0, E007: 0.5} (the scenario file's {@code dial_by_school: {E003: 0, E007: 0.5}}).
     */
    static Map<String, Double> dials(List<InputProblem> problems, String text, Set<String> schools) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (blank(text)) {
            return out;
        }
        String[] entries = text.strip().replaceAll("^\\{|\\}$", "").split("[,\\n]");
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String school = colon < 0 ? entry : entry.substring(0, colon).strip();
            Double dial = null;
            if (colon >= 0) {
                try {
                    dial = Double.parseDouble(entry.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            if (dial == null || !(dial >= 0 && dial <= 1)) {
                problems.add(new InputProblem("form", 0, "dial_by_school", entry, "school id: a tracking dial from 0 "
                        + "(mixed) to 1 (tracked), e.g. " + schools.stream().findFirst().orElse("E003") + ": 0"));
            } else if (!schools.contains(school)) {
                problems.add(new InputProblem("form", 0, "dial_by_school", school, "the id of a school in the "
                        + "current dataset"));
            } else if (out.put(school, dial) != null) {
                problems.add(new InputProblem("form", 0, "dial_by_school", school, "each school once"));
            }
        }
        return out;
    }

    /** The dials as the form shows them: {@code E003: 0, E007: 0.5}. */
    static String dialsText(Map<String, Double> dials) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(dials).forEach((k, v) -> parts.add(k + ": " + Format.dial(v)));
        return String.join(", ", parts);
    }

    /** The four scenarios of the request, in the order of examples/scenarios/district-short.yaml. */
    static List<DistrictSimulation.Scenario> scenarios(Request r, String subject) {
        Policy policy = Enrollment.policy(r.policyName(), r.policyText());
        String choice = r.policyText().isBlank() ? "choice" : "choice (" + policy.name() + ")";
        ModelParameters p = ModelParameters.named(r.parameterSet());
        List<DistrictSimulation.Scenario> out = new ArrayList<>();
        for (boolean integrate : new boolean[] {false, true}) {
            for (double dial : new double[] {0, 1}) {
                String name = (integrate ? choice : "current schools") + ", " + (dial == 0 ? "mixed" : "tracked")
                        + (r.dialBySchool().isEmpty() ? "" : " (per-school dials)");
                out.add(new DistrictSimulation.Scenario(name, integrate ? policy.name() : "current schools",
                        integrate ? policy : null, dial, 0, r.dialBySchool(), r.years(), p, subject, 25,
                        ClassFormation.Mode.SEARCH, 5));
            }
        }
        return out;
    }

    /** The task: the draws of every scenario on the job line's worker, progress over all draws. */
    static SolveJobs.Task task(Dataset d, String subject, Request r) {
        List<DistrictSimulation.Scenario> scenarios = scenarios(r, subject);
        DistrictSimulation.Cohorts cohorts = DistrictSimulation.cohorts(d, subject);
        // One thread: the job line already limits how many jobs run at once on the shared cores.
        return progress -> result(r, subject, cohorts.students().size(), ScenarioRuns.run(cohorts, scenarios,
                r.draws(), r.seed(), 1, (done, total) -> progress.report(done / (double) total)));
    }

    /** The ddk2011 preset as a task: {@code mosaic simulate --preset ddk2011} on the job line's worker. */
    static SolveJobs.Task experiment(Request r) {
        ModelParameters p = ModelParameters.named(r.parameterSet());
        return progress -> experiment(r, DdkExperiment.run(p, DdkExperiment.Setting.ddk2011(), r.seed(), r.draws(),
                1, (done, total) -> progress.report(done / (double) total)));
    }

    static Experiment experiment(Request r, DdkExperiment.Result x) {
        Map<String, Boolean> found = DdkFindings.of(x);
        List<Boolean> shown = new ArrayList<>(found.values());
        List<Estimate> rows = new ArrayList<>();
        rows.add(new Estimate("tracking effect", x.trackingEffect().format(3), "about 0.14 (0.10 to 0.20)",
                shown.get(0)));
        for (int q = 0; q < 4; q++) {
            rows.add(new Estimate("tracking effect, baseline quartile " + (q + 1), x.quartileEffects().get(q)
                    .format(3), "positive", x.quartileEffects().get(q).mean() > 0));
        }
        rows.add(new Estimate("gap at the median in tracked schools", x.medianDiscontinuity().format(3),
                "indistinguishable from 0", shown.get(2)));
        rows.add(new Estimate("classmates' mean baseline, untracked schools", x.peerEffect().format(3), "positive",
                shown.get(3)));
        List<Interval> intervals = new ArrayList<>();
        intervals.add(x.trackingEffect());
        intervals.addAll(x.quartileEffects());
        intervals.add(x.medianDiscontinuity());
        intervals.add(x.peerEffect());
        List<String> labels = new ArrayList<>();
        List<Object> means = new ArrayList<>();
        List<Object> whiskers = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Interval iv = intervals.get(i);
            labels.add(rows.get(i).name());
            means.add(Map.of("value", java.util.Arrays.asList(round(iv.mean()), i), "group", rows.get(i)
                    .reproduced() ? 1 : 0));
            whiskers.add(java.util.Arrays.asList(i, round(iv.low()), round(iv.high())));
        }
        String chart = Format.json(Map.of("kind", "intervals", "labels", labels, "xName", "endline SDs (mean and "
                + "95 % of draws)", "groups", List.of("not shown", "shown"), "series", List.of(Map.of("name",
                "estimate", "data", means)), "whiskers", whiskers));
        int met = (int) shown.stream().filter(b -> b).count();
        return new Experiment(r, x.setting().schools(), rows, met, shown.size(), x.parameters().asMap(),
                x.parameters().citation(), chart);
    }

    static Result result(Request r, String subject, int students, List<ScenarioRuns.Run> runs) {
        List<String> names = new ArrayList<>();
        List<Effect> effects = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Object> means = new ArrayList<>();
        List<Object> whiskers = new ArrayList<>();
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (ScenarioRuns.Run run : runs) {
            String name = run.scenario().name();
            names.add(name);
            Map<String, Interval> iv = run.intervals();
            iv.forEach((k, v) -> byOutcome.computeIfAbsent(k, x -> new ArrayList<>()).add(v.format(3)));
            List<Interval> groups = List.of(iv.get("growth_q1"), middle(run), iv.get("growth_q4"));
            for (int g = 0; g < GROUPS.size(); g++) {
                Interval i = groups.get(g);
                effects.add(new Effect(name, GROUPS.get(g), i.format(3)));
                labels.add(name + " · " + GROUPS.get(g));
                means.add(Map.of("value", java.util.Arrays.asList(round(i.mean()), labels.size() - 1), "group", g));
                whiskers.add(java.util.Arrays.asList(labels.size() - 1, round(i.low()), round(i.high())));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        byOutcome.forEach((k, v) -> outcomes.add(new Outcome(k, v)));
        ModelParameters p = runs.get(0).scenario().parameters();
        String chart = Format.json(Map.of("kind", "intervals", "labels", labels, "xName", "growth, grade levels "
                + "per year (mean and 95 % of draws)", "groups", GROUPS, "series", List.of(Map.of("name",
                "mean growth", "data", means)), "whiskers", whiskers));
        return new Result(r, subject, students, names, effects, outcomes, p.asMap(), p.citation(), chart);
    }

    /**
     * The middle half's growth in each draw: the mean of the second and third quartiles' means, which hold the same
     * number of students up to ties at the cuts.
     */
    private static Interval middle(ScenarioRuns.Run run) {
        return Interval.of(run.draws().stream().mapToDouble(o -> (o.growthByQuartile()[1]
                + o.growthByQuartile()[2]) / 2).toArray());
    }

    /** Three decimals; NaN (a quartile with no student) as null, which JSON and the chart skip. */
    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}
