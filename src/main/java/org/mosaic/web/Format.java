package org.mosaic.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Number formats and chart data for the templates. */
public final class Format {
    static final ObjectMapper JSON = new ObjectMapper();

    private Format() {
    }

    public static String one(double v) {
        return fixed(v, 1);
    }

    public static String two(double v) {
        return fixed(v, 2);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.Nf", v)}, character for character, without parsing a format string each
     * time: the metrics table of every drag formats about a hundred numbers, and String.format was a sixth of the
     * server's CPU per drag. As the Formatter does, rounds the shortest decimal that reads back as {@code v}
     * ({@link Double#toString}) half up; a negative value that rounds to zero keeps its sign ("-0.0").
     */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        String digits = java.math.BigDecimal.valueOf(Math.abs(v)).setScale(decimals, java.math.RoundingMode.HALF_UP)
                .toPlainString();
        boolean negative = v < 0 || v == 0 && 1 / v < 0;
        return negative ? "-" + digits : digits;
    }

    /** A dial value as typed: 0, 0.25, 0.5, 1. */
    public static String dial(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public static String three(double v) {
        return fixed(v, 3);
    }

    public static String percent(double share) {
        return fixed(100 * share, 0) + " %";
    }

    public static String terms(Map<String, Long> terms) {
        List<String> parts = new ArrayList<>();
        terms.forEach((k, v) -> parts.add(k.replace('_', ' ') + " " + v));
        return String.join(", ", parts);
    }

    /** ECharts data for the classes' bars: mean score and SD per class (rendered by mosaic.js, no inline script). */
    public static String classChart(SectionScorer.Score score) {
        Map<String, Object> chart = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> sds = new ArrayList<>();
        List<Double> frl = new ArrayList<>();
        for (SectionScorer.ClassMetrics c : score.classes()) {
            labels.add(c.sectionId());
            means.add(Math.round(c.mean() * 10) / 10.0);
            sds.add(Math.round(c.sd() * 10) / 10.0);
            frl.add(Math.round(c.frlShare() * 1000) / 10.0);
        }
        chart.put("labels", labels);
        chart.put("series", List.of(Map.of("name", "mean score", "data", means),
                Map.of("name", "SD of scores", "data", sds), Map.of("name", "FRL %", "data", frl)));
        return json(chart);
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
