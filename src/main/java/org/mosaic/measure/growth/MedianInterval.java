package org.mosaic.measure.growth;

import java.util.Arrays;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * A median with a percentile-bootstrap 95 % interval: the 2.5th and 97.5th percentiles of the median of a
 * resample (n students drawn with replacement from the unit's n). Median SGPs are reported this way because a
 * median of 20 students moves by ten points by chance.
 *
 * <p>The bootstrap distribution is computed exactly rather than by drawing resamples (the limit of infinitely many
 * resamples: no Monte Carlo noise, no seed, and O(v²) for v distinct values instead of O(resamples × n), which at a
 * million students is the difference between minutes and milliseconds). SGPs are integers, so with N_v the number of
 * resampled values ≤ v, N_v ~ Binomial(n, F(v)) for the unit's empirical distribution F:
 * <ul>
 *   <li>odd n, median the k-th value (k = (n + 1) / 2): P(median ≤ v) = P(N_v ≥ k);</li>
 *   <li>even n, median the mean of the k-th and (k+1)-th values (k = n / 2): the k-th is a and the (k+1)-th is
 *       b &gt; a when exactly k values are ≤ a, at least one of them a, and the smallest of the other n − k is b;
 *       the two are equal otherwise.</li>
 * </ul>
 */
public record MedianInterval(int n, double median, double low, double high) {
    private static final int MAX_VALUE = 100;

    public static MedianInterval of(int[] values) {
        if (values.length == 0) {
            return new MedianInterval(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] distribution = bootstrapDistribution(sorted);
        return new MedianInterval(values.length, median(sorted), percentile(distribution, 0.025),
                percentile(distribution, 0.975));
    }

    static double median(int[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** The smallest median m (on the grid of halves) with P(resampled median ≤ m) ≥ q. */
    private static double percentile(double[] distribution, double q) {
        double cumulative = 0;
        int last = 0;
        for (int twice = 0; twice < distribution.length; twice++) {
            if (distribution[twice] == 0) {
                continue;
            }
            last = twice;
            cumulative += distribution[twice];
            // a relative slack for rounding: an atom that brings the sum to q within 1e-12 reaches it
            if (cumulative >= q - 1e-12) {
                return twice / 2.0;
            }
        }
        return last / 2.0;
    }

    /**
     * P(the resampled median = m) at index 2m, for values clamped to 0 … 100 (SGPs are 1 … 99).
     */
    static double[] bootstrapDistribution(int[] sorted) {
        int n = sorted.length;
        int[] counts = new int[MAX_VALUE + 1];
        for (int v : sorted) {
            counts[Math.max(0, Math.min(MAX_VALUE, v))]++;
        }
        int distinct = 0;
        for (int c : counts) {
            distinct += c > 0 ? 1 : 0;
        }
        int[] value = new int[distinct];
        double[] below = new double[distinct]; // F(value), the share ≤ value
        int seen = 0;
        int d = 0;
        for (int v = 0; v <= MAX_VALUE; v++) {
            if (counts[v] > 0) {
                seen += counts[v];
                value[d] = v;
                below[d++] = Math.min(1.0, seen / (double) n);
            }
        }
        below[distinct - 1] = 1.0;
        double[] out = new double[2 * MAX_VALUE + 1];
        if (n % 2 == 1) {
            int k = (n + 1) / 2;
            double previous = 0;
            for (int a = 0; a < distinct; a++) {
                double atMost = atLeast(n, below[a], k);
                out[2 * value[a]] += atMost - previous;
                previous = atMost;
            }
            return out;
        }
        int k = n / 2;
        int rest = n - k;
        for (int a = 0; a < distinct; a++) {
            double fa = below[a];
            double fBefore = a == 0 ? 0 : below[a - 1];
            // P(the k-th value is a)
            double kthIsA = atLeast(n, fa, k) - (a == 0 ? 0 : atLeast(n, fBefore, k));
            // P(the k-th value is a and exactly k values are ≤ a): N_a = k, minus the case N_(a−1) = k too
            double exactlyK = exactly(n, fa, k);
            if (a > 0) {
                exactlyK -= exactly(n, fBefore, k) * Math.pow((1 - fa) / (1 - fBefore), rest);
            }
            exactlyK = Math.max(0, exactlyK);
            double split = 0;
            if (fa < 1) {
                // the smallest of the n − k values above a is b: P(all > b⁻) − P(all > b), given all > a
                double abovePrevious = 1;
                for (int b = a + 1; b < distinct; b++) {
                    double aboveB = Math.pow((1 - below[b]) / (1 - fa), rest);
                    double p = exactlyK * (abovePrevious - aboveB);
                    out[value[a] + value[b]] += p;
                    split += p;
                    abovePrevious = aboveB;
                }
            }
            out[2 * value[a]] += Math.max(0, kthIsA - split);
        }
        return out;
    }

    /** P(Binomial(n, p) ≥ k). */
    private static double atLeast(int n, double p, int k) {
        if (p >= 1) {
            return 1;
        }
        if (p <= 0) {
            return k <= 0 ? 1 : 0;
        }
        return 1 - new BinomialDistribution(null, n, p).cumulativeProbability(k - 1);
    }

    /** P(Binomial(n, p) = k). */
    private static double exactly(int n, double p, int k) {
        if (p >= 1) {
            return k == n ? 1 : 0;
        }
        if (p <= 0) {
            return k == 0 ? 1 : 0;
        }
        return new BinomialDistribution(null, n, p).probability(k);
    }
}
