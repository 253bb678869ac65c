package org.mosaic.simulate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A quantity over Monte Carlo draws: its mean and the central 95 % of the draws (2.5th to 97.5th percentile). */
public record Interval(double mean, double low, double high, int draws) {

    public static Interval of(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Interval(Arrays.stream(v).average().orElse(Double.NaN), quantile(v, 0.025), quantile(v, 0.975),
                v.length);
    }

    public static Interval of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Linear interpolation between order statistics (type 7, R's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }

    /** {@code {"mean": …, "low": …, "high": …}} rounded to four decimals, for summary.json. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", round(mean));
        m.put("low", round(low));
        m.put("high", round(high));
        return m;
    }

    /** "0.142 [0.051, 0.233]": never a bare point value. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(java.util.Locale.ROOT, f + " [" + f + ", " + f + "]", mean, low, high);
    }

    static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 1e4) / 1e4;
    }
}
