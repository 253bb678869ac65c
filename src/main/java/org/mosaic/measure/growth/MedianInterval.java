package org.mosaic.measure.growth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A median with a percentile-bootstrap 95 % interval: the unit's students are resampled with replacement
 * {@link #RESAMPLES} times from a recorded seed, and the 2.5th and 97.5th percentiles of the resampled medians are
 * the interval. Median SGPs are reported this way because a median of 20 students moves by ten points by chance.
 */
public record MedianInterval(int n, double median, double low, double high) {
    public static final int RESAMPLES = 1000;

    public static MedianInterval of(int[] values, long seed) {
        if (values.length == 0) {
            return new MedianInterval(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = median(sorted);
        SplittableRandom r = new SplittableRandom(seed);
        double[] boot = new double[RESAMPLES];
        int[] sample = new int[values.length];
        for (int b = 0; b < RESAMPLES; b++) {
            // counting sort over 1..99: resampled medians without sorting each sample
            int[] counts = new int[101];
            for (int i = 0; i < sample.length; i++) {
                counts[Math.max(0, Math.min(100, values[r.nextInt(values.length)]))]++;
            }
            boot[b] = medianOfCounts(counts, values.length);
        }
        Arrays.sort(boot);
        return new MedianInterval(values.length, median, boot[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                boot[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    static double median(int[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double medianOfCounts(int[] counts, int n) {
        int lowRank = (n - 1) / 2;
        int highRank = n / 2;
        double low = Double.NaN;
        int seen = 0;
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] == 0) {
                continue;
            }
            if (Double.isNaN(low) && seen + counts[v] > lowRank) {
                low = v;
            }
            if (seen + counts[v] > highRank) {
                return (low + v) / 2.0;
            }
            seen += counts[v];
        }
        return low;
    }
}
