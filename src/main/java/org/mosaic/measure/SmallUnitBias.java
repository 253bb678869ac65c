package org.mosaic.measure;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Small units inflate M: 25 students drawn at random from a 50/50 district rarely split 50/50. This estimates the M
 * expected under random allocation with the observed unit sizes and group totals (a seeded permutation of group
 * labels over seats), the bias-corrected M = M − E[M | random], and percentile bootstrap intervals from resampling
 * students with replacement — the approach of the R package {@code segregation} (Elbers 2023).
 */
public final class SmallUnitBias {
    private SmallUnitBias() {
    }

    public record Result(double m, double expectedRandom, double corrected, double bootstrapMean, double lower,
                         double upper, double standardError, int replications, long seed) {
    }

    public static Result estimate(GroupUnitTable t, int replications, double confidence, long seed) {
        if (replications < 2) {
            throw new IllegalArgumentException("at least 2 replications");
        }
        long[] cells = roundedCells(t);
        int g = t.groupCount();
        int u = t.unitCount();
        long n = Arrays.stream(cells).sum();
        if (n > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many students for the simulation");
        }
        double m = Segregation.mutualInformation(t);
        SplittableRandom rng = new SplittableRandom(seed);

        // Random allocation: shuffle group labels over the seats, keeping unit sizes and group totals.
        int[] labels = new int[(int) n];
        int[] unitSize = new int[u];
        int pos = 0;
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < g; j++) {
                long c = cells[i * g + j];
                unitSize[i] += (int) c;
                for (long k = 0; k < c; k++) {
                    labels[pos++] = j;
                }
            }
        }
        double expected = 0;
        double[] buffer = new double[u * g];
        for (int r = 0; r < replications; r++) {
            for (int i = labels.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = labels[i];
                labels[i] = labels[j];
                labels[j] = tmp;
            }
            Arrays.fill(buffer, 0);
            int p = 0;
            for (int i = 0; i < u; i++) {
                for (int k = 0; k < unitSize[i]; k++) {
                    buffer[i * g + labels[p++]]++;
                }
            }
            expected += Segregation.mutualInformation(new GroupUnitTable(t.groups(), t.units(), buffer));
        }
        expected /= replications;

        // Bootstrap: n students drawn with replacement from the observed cells.
        double[] cum = new double[cells.length];
        double acc = 0;
        for (int i = 0; i < cells.length; i++) {
            acc += cells[i];
            cum[i] = acc;
        }
        double[] boots = new double[replications];
        for (int r = 0; r < replications; r++) {
            Arrays.fill(buffer, 0);
            for (long k = 0; k < n; k++) {
                double x = rng.nextDouble() * acc;
                int idx = Arrays.binarySearch(cum, x);
                idx = idx >= 0 ? idx + 1 : -idx - 1;
                buffer[Math.min(idx, cells.length - 1)]++;
            }
            boots[r] = Segregation.mutualInformation(new GroupUnitTable(t.groups(), t.units(), buffer));
        }
        Arrays.sort(boots);
        double mean = Arrays.stream(boots).average().orElse(m);
        double var = 0;
        for (double b : boots) {
            var += (b - mean) * (b - mean);
        }
        double se = Math.sqrt(var / (replications - 1));
        double alpha = (1 - confidence) / 2;
        return new Result(m, expected, Math.max(0, m - expected), mean, quantile(boots, alpha),
                quantile(boots, 1 - alpha), se, replications, seed);
    }

    private static long[] roundedCells(GroupUnitTable t) {
        long[] cells = new long[t.unitCount() * t.groupCount()];
        for (int i = 0; i < t.unitCount(); i++) {
            for (int j = 0; j < t.groupCount(); j++) {
                cells[i * t.groupCount() + j] = Math.round(t.count(i, j));
            }
        }
        return cells;
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
