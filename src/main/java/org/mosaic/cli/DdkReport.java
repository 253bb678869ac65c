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
import org.mosaic.simulate.DdkExperiment;
import org.mosaic.simulate.DdkFindings;
import org.mosaic.simulate.Interval;

/** The ddk2011 preset's outputs: summary.json, draws.csv, report.html and the terminal table. */
final class DdkReport {
    private DdkReport() {
    }

    static Map<String, Object> summary(DdkExperiment.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", SimulateCommand.NOT_A_FORECAST + ": the model re-running Duflo, Dupas & Kremer (2011)");
        m.put("preset", "ddk2011");
        m.put("parameter_set", r.parameters().name());
        m.put("parameters", r.parameters().asMap());
        DdkExperiment.Setting s = r.setting();
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("schools", s.schools());
        setting.put("students_per_school", List.of(s.minStudents(), s.maxStudents()));
        setting.put("sections_per_school", 2);
        setting.put("prior_sd_grade_levels", s.priorSd());
        setting.put("school_mean_sd_grade_levels", s.schoolMeanSd());
        setting.put("exposure_years", s.exposureYears());
        setting.put("rd_bandwidth_percentile_points", s.bandwidth());
        m.put("setting", setting);
        m.put("seed", r.seed());
        m.put("draws", r.draws().size());
        m.put("interval", "mean over draws and the 2.5th-97.5th percentiles of the draws");
        m.put("tracking_effect_sd", r.trackingEffect().asMap());
        m.put("effect_by_quartile_sd", r.quartileEffects().stream().map(Interval::asMap).toList());
        m.put("median_discontinuity_sd", r.medianDiscontinuity().asMap());
        m.put("peer_effect_untracked", r.peerEffect().asMap());
        m.put("targets", targets(r));
        return m;
    }

    /** Each of DDK's four findings, and whether the simulated experiment shows it. */
    static Map<String, Boolean> targets(DdkExperiment.Result r) {
        return DdkFindings.of(r);
    }

    static String table(DdkExperiment.Result r) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("tracking effect (SD)", r.trackingEffect().format(3), "0.10 to 0.20"));
        for (int q = 0; q < 4; q++) {
            rows.add(List.of("  quartile " + (q + 1) + " of the baseline", r.quartileEffects().get(q).format(3),
                    "> 0"));
        }
        rows.add(List.of("gap at the median, tracked (SD)", r.medianDiscontinuity().format(3), "interval covers 0"));
        rows.add(List.of("peer mean coefficient, untracked", r.peerEffect().format(3), "> 0"));
        StringBuilder sb = new StringBuilder();
        sb.append(SimulateCommand.NOT_A_FORECAST).append(". Duflo, Dupas & Kremer (2011) re-run in the model; ")
                .append("parameter set ").append(r.parameters().name()).append(", ").append(r.draws().size())
                .append(" draws, seed ").append(r.seed()).append(System.lineSeparator());
        sb.append(Tables.render(List.of("estimate", "mean [95% of draws]", "DDK's finding"), rows));
        Map<String, Boolean> t = targets(r);
        long met = t.values().stream().filter(b -> b).count();
        sb.append(String.format(Locale.ROOT, "%d of %d of DDK's findings reproduced%s%n", met, t.size(),
                met == t.size() ? "" : ": " + String.join(", ", t.entrySet().stream().filter(x -> !x.getValue())
                        .map(Map.Entry::getKey).toList()) + " not"));
        return sb.toString();
    }

    static void write(DdkExperiment.Result r, Path out) {
        AtomicFiles.writeString(out.resolve("summary.json"), Json.write(summary(r)) + "\n");
        StringBuilder csv = new StringBuilder("draw,tracking_effect_sd,q1_sd,q2_sd,q3_sd,q4_sd,"
                + "median_discontinuity_sd,peer_effect_untracked\n");
        for (int i = 0; i < r.draws().size(); i++) {
            DdkExperiment.Estimates e = r.draws().get(i);
            csv.append(i);
            for (double v : new double[] {e.trackingEffect(), e.quartileEffects()[0], e.quartileEffects()[1],
                    e.quartileEffects()[2], e.quartileEffects()[3], e.medianDiscontinuity(), e.peerEffect()}) {
                csv.append(',').append(String.format(Locale.ROOT, "%.6f", v));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(out.resolve("draws.csv"), csv.toString());
        AtomicFiles.writeString(out.resolve("report.html"), html(r));
    }

    static String html(DdkExperiment.Result r) {
        Html h = Html.page("Tracking in the model: Duflo, Dupas & Kremer (2011) re-run");
        h.note(SimulateCommand.NOT_A_FORECAST + ". Parameter set " + r.parameters().name() + "; " + r.draws().size()
                + " simulated experiments (seed " + r.seed() + "), each of " + r.setting().schools()
                + " schools; every figure is the mean over draws with the 2.5th-97.5th percentiles of the draws, "
                + "i.e. the spread an experiment of DDK's size would show. Model and calibration: docs/simulate.md.");
        h.h2("Estimates, in standard deviations of the untracked schools' endline");
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("tracking effect", r.trackingEffect().format(3), "about 0.14 (0.10 to 0.20 accepted)"));
        for (int q = 0; q < 4; q++) {
            rows.add(List.of("tracking effect, baseline quartile " + (q + 1), r.quartileEffects().get(q).format(3),
                    "positive"));
        }
        rows.add(List.of("gap at the median in tracked schools (regression discontinuity)",
                r.medianDiscontinuity().format(3), "indistinguishable from 0"));
        rows.add(List.of("classmates' mean baseline, untracked schools (per SD)", r.peerEffect().format(3),
                "positive"));
        h.table(List.of("estimate", "mean [95% of draws]", "DDK's finding"), rows);
        List<SvgChart.Ranged> bars = new ArrayList<>();
        bars.add(ranged("all students", r.trackingEffect()));
        for (int q = 0; q < 4; q++) {
            bars.add(ranged("baseline quartile " + (q + 1), r.quartileEffects().get(q)));
        }
        bars.add(ranged("gap at the median (tracked)", r.medianDiscontinuity()));
        h.figure(SvgChart.intervals("Effect of tracking (SD), mean and 95% of draws", bars, ""),
                "Each line spans the middle 95% of the simulated experiments.");
        h.h2("Parameters");
        List<List<?>> prow = new ArrayList<>();
        r.parameters().asMap().forEach((k, v) -> prow.add(List.of(k, String.valueOf(v))));
        h.table(List.of("parameter", "value"), prow);
        return h.render();
    }

    static SvgChart.Ranged ranged(String label, Interval i) {
        return new SvgChart.Ranged(label, i.mean(), i.low(), i.high());
    }
}
