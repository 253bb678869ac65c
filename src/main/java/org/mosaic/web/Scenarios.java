package org.mosaic.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.enroll.Policy;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.simulate.ClassFormation;
import org.mosaic.simulate.DistrictSimulation;
import org.mosaic.simulate.Interval;
import org.mosaic.simulate.ModelParameters;
import org.mosaic.simulate.ScenarioRuns;

/**
 * The district's scenarios, as {@code mosaic simulate --scenario} runs a scenario file: integration (the current
 * schools, or choice under a policy) crossed with tracking (mixed or tracked classes), each over the same seeded
 * Monte Carlo draws of {@link DistrictSimulation}, summarised by {@link ScenarioRuns}. Only the last result is kept
 * (per dataset): a new run replaces it.
 */
public final class Scenarios {
    /** What the form asks: the parameter set, draws, seed, years and the choice policy (empty: plain DA). */
    public record Request(String parameterSet, int draws, long seed, int years, String policyName,
                          String policyText) {
        static final Request DEFAULT = new Request("ddk2011", 8, 1, 1, "", "");
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

    /** Low achievers: the bottom quartile; middle: the two middle quartiles; high: the top quartile. */
    static final List<String> GROUPS = List.of("low (Q1)", "middle (Q2-Q3)", "high (Q4)");

    private final Map<Long, Result> results = new java.util.concurrent.ConcurrentHashMap<>();

    Result find(long datasetId) {
        return results.get(datasetId);
    }

    /** The form's fields checked, with the command line's ranges; a wrong one is a 400 naming the field. */
    static Request request(String set, String draws, String seed, String years, String policyName,
                           String policyText) {
        String s = set == null || set.isBlank() ? "ddk2011" : set.trim();
        if (!ModelParameters.SETS.contains(s)) {
            throw new BadInputException("parameter set '" + s + "' is unknown; the sets are: "
                    + String.join(", ", ModelParameters.SETS));
        }
        return new Request(s, (int) number("draws", draws, 8, 2, 200), number("seed", seed, 1, Long.MIN_VALUE,
                Long.MAX_VALUE), (int) number("years", years, 1, 1, 3), policyName == null ? "" : policyName,
                policyText == null ? "" : policyText);
    }

    private static long number(String field, String text, long fallback, long min, long max) {
        if (text == null || text.isBlank()) {
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
        throw new BadInputException(field + " '" + text + "': expected a whole number from " + min + " to " + max);
    }

    /** The four scenarios of the request, in the order of examples/scenarios/district-short.yaml. */
    static List<DistrictSimulation.Scenario> scenarios(Request r, String subject) {
        Policy policy = Enrollment.policy(r.policyName(), r.policyText());
        String choice = r.policyText().isBlank() ? "choice" : "choice (" + policy.name() + ")";
        ModelParameters p = ModelParameters.named(r.parameterSet());
        List<DistrictSimulation.Scenario> out = new ArrayList<>();
        for (boolean integrate : new boolean[] {false, true}) {
            for (double dial : new double[] {0, 1}) {
                String name = (integrate ? choice : "current schools") + ", " + (dial == 0 ? "mixed" : "tracked");
                out.add(new DistrictSimulation.Scenario(name, integrate ? policy.name() : "current schools",
                        integrate ? policy : null, dial, 0, Map.of(), r.years(), p, subject, 25,
                        ClassFormation.Mode.SEARCH, 5));
            }
        }
        return out;
    }

    /** The task: the draws of every scenario on the job line's worker, progress over all draws. */
    SolveJobs.Task task(long datasetId, Dataset d, String subject, Request r) {
        List<DistrictSimulation.Scenario> scenarios = scenarios(r, subject);
        DistrictSimulation.Cohorts cohorts = DistrictSimulation.cohorts(d, subject);
        return progress -> {
            // One thread: the job line already limits how many jobs run at once on the shared cores.
            List<ScenarioRuns.Run> runs = ScenarioRuns.run(cohorts, scenarios, r.draws(), r.seed(), 1,
                    (done, total) -> progress.report(done / (double) total));
            Result out = result(r, subject, cohorts.students().size(), runs);
            results.put(datasetId, out);
            return out;
        };
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
