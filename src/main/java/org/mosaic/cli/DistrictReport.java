package org.mosaic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaic.io.AtomicFiles;
import org.mosaic.io.report.Html;
import org.mosaic.io.report.SvgChart;
import org.mosaic.simulate.DistrictSimulation;
import org.mosaic.simulate.Interval;

/** A scenario file's outputs: summary.json, draws.csv, report.html and the terminal comparison table. */
final class DistrictReport {
    record Run(DistrictSimulation.Scenario scenario, List<DistrictSimulation.Outcomes> draws) {
        Map<String, Interval> intervals() {
            return new org.mosaic.simulate.ScenarioRuns.Run(scenario, draws).intervals();
        }
    }

    private final ScenarioFile.Read read;
    private final Path dataset;
    private final int students;
    private final long seed;
    private final int draws;
    private final List<Run> runs;

    DistrictReport(ScenarioFile.Read read, Path dataset, int students, long seed, int draws, List<Run> runs) {
        this.read = read;
        this.dataset = dataset;
        this.students = students;
        this.seed = seed;
        this.draws = draws;
        this.runs = runs;
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", SimulateCommand.NOT_A_FORECAST + ": a transparent model (docs/simulate.md) applied to the "
                + "classes and schools Mosaic forms");
        m.put("scenario_file", read.file());
        m.put("dataset", dataset.toString());
        m.put("subject", read.subject());
        m.put("students_followed", students);
        m.put("years", read.years());
        m.put("seed", seed);
        m.put("draws", draws);
        m.put("interval", "mean over draws and the 2.5th-97.5th percentiles of the draws");
        m.put("units", "growth in grade levels per year (1.0 = a school year); gaps in Hedges' g; H is Theil's "
                + "information theory index (0 = even, 1 = complete separation)");
        List<Object> list = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> s = new LinkedHashMap<>();
            DistrictSimulation.Scenario sc = r.scenario();
            s.put("name", sc.name());
            s.put("policy", sc.policyName());
            s.put("dial", sc.dial());
            s.put("levels", sc.levels());
            s.put("dial_by_school", sc.dialBySchool());
            s.put("sections", sc.sections().name().toLowerCase(Locale.ROOT));
            s.put("parameter_set", sc.parameters().name());
            s.put("parameters", sc.parameters().asMap());
            Map<String, Object> outcomes = new LinkedHashMap<>();
            r.intervals().forEach((k, v) -> outcomes.put(k, v.asMap()));
            s.put("outcomes", outcomes);
            list.add(s);
        }
        m.put("scenarios", list);
        return m;
    }

    static final List<String> TABLE = List.of("scenario", "growth/yr", "growth Q1", "growth Q4", "growth FRL",
            "FRL gap g", "H classrooms FRL", "H schools FRL", "high-poverty share");
    private static final List<String> KEYS = List.of("mean_growth", "growth_q1", "growth_q4", "growth_frl",
            "gap_frl_g", "h_classrooms_frl", "h_between_schools_frl", "share_high_poverty_schools");

    private List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Interval> iv = r.intervals();
            List<Object> row = new ArrayList<>();
            row.add(r.scenario().name());
            for (String k : KEYS) {
                row.add(iv.get(k).format(k.startsWith("h_") ? 3 : 2));
            }
            rows.add(row);
        }
        return rows;
    }

    private String header() {
        java.util.Set<String> sets = new java.util.LinkedHashSet<>();
        runs.forEach(r -> sets.add(r.scenario().parameters().name()));
        return SimulateCommand.NOT_A_FORECAST + ". Parameter set " + String.join(", ", sets) + "; " + draws
                + " draws (seed " + seed + "), " + read.years() + (read.years() == 1 ? " year, " : " years, ") + students + " students of the entry "
                + "grades followed; mean [95% of draws].";
    }

    String table() {
        return header() + System.lineSeparator() + Tables.render(TABLE, rows());
    }

    void write(Path out) {
        AtomicFiles.writeString(out.resolve("summary.json"), Json.write(summary()) + "\n");
        StringBuilder csv = new StringBuilder("scenario,draw");
        List<String> keys = new ArrayList<>(DistrictSimulation.named(runs.get(0).draws().get(0)).keySet());
        keys.forEach(k -> csv.append(',').append(k));
        csv.append('\n');
        for (Run r : runs) {
            for (int i = 0; i < r.draws().size(); i++) {
                csv.append(Csv(r.scenario().name())).append(',').append(i);
                Map<String, Double> v = DistrictSimulation.named(r.draws().get(i));
                for (String k : keys) {
                    csv.append(',').append(String.format(Locale.ROOT, "%.6f", v.get(k)));
                }
                csv.append('\n');
            }
        }
        AtomicFiles.writeString(out.resolve("draws.csv"), csv.toString());
        AtomicFiles.writeString(out.resolve("report.html"), html());
    }

    private static String Csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    String html() {
        Html h = Html.page("Scenarios: learning, gaps and segregation — " + read.file());
        h.note(header() + " Dataset " + dataset + ", subject " + read.subject() + ". Each year every school's grade "
                + "is split into classes by the sections engine at the scenario's dial, and the model (docs/"
                + "simulate.md) gives each student a year of learning. The intervals show the spread over the "
                + "lottery and the model's noise, not the uncertainty of the model itself.");
        h.h2("Comparison");
        List<List<?>> rows = new ArrayList<>(rows());
        h.table(TABLE, rows);
        List<SvgChart.Ranged> xs = new ArrayList<>();
        List<SvgChart.Ranged> ys = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Interval> iv = r.intervals();
            xs.add(DdkReport.ranged(r.scenario().name(), iv.get("h_classrooms_frl")));
            ys.add(DdkReport.ranged(r.scenario().name(), iv.get("mean_growth")));
        }
        h.figure(SvgChart.scatter("Achievement against classroom segregation", "H across classrooms, by FRL",
                        "growth, grade levels per year", xs, ys),
                "One point per scenario; the whiskers span 95% of the draws on each axis.");
        List<SvgChart.Ranged> quart = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Interval> iv = r.intervals();
            for (int q = 1; q <= 4; q++) {
                quart.add(DdkReport.ranged(r.scenario().name() + " · Q" + q, iv.get("growth_q" + q)));
            }
        }
        h.figure(SvgChart.intervals("Growth by prior-achievement quartile (grade levels per year)", quart, ""),
                "Quartiles of the starting level within each entry grade, district-wide.");
        h.h2("Every outcome");
        List<String> header = new ArrayList<>(List.of("outcome"));
        runs.forEach(r -> header.add(r.scenario().name()));
        List<List<?>> all = new ArrayList<>();
        for (String key : runs.get(0).intervals().keySet()) {
            List<Object> row = new ArrayList<>(List.of(key));
            runs.forEach(r -> row.add(r.intervals().get(key).format(3)));
            all.add(row);
        }
        h.table(header, all);
        h.h2("Parameters");
        List<List<?>> prow = new ArrayList<>();
        for (Run r : runs) {
            prow.add(List.of(r.scenario().name(), r.scenario().parameters().asMap().toString()));
        }
        h.table(List.of("scenario", "parameter set and values"), prow);
        return h.render();
    }
}
