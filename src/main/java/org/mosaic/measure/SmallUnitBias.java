package org.mosaic.measure;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Small units inflate M: 25 students drawn at random from a 50/50 district rarely split 50/50. Two separate figures
 * answer two questions.
 * <ul>
 *   <li>The M expected under random allocation with the observed unit sizes and group totals (a seeded permutation
 *   of group labels over seats): how much M would chance alone produce here?</li>
 *   <li>The bootstrap of the R package {@code segregation} ({@code mutual_total(..., se = TRUE)}, Elbers 2023): draw
 *   the N students again from a multinomial with the observed cell shares, R times; the bias is the mean bootstrap
 *   estimate less the observed one, the bias-corrected estimate is the observed one less the bias, the standard
 *   error is the standard deviation of the bootstrap estimates, and the interval holds the central {@code
 *   confidence} share of the debiased bootstrap estimates 2·M − M_b (percentiles by linear interpolation, R's
 *   default). M and H are treated alike; H_b uses each bootstrap sample's own group entropy.</li>
 * </ul>
 */
public final class SmallUnitBias {
    private SmallUnitBias() {
    }

    /** One index: observed, bootstrap bias, bias-corrected, bootstrap standard error, interval. */
    public record Estimate(double observed, double bias, double corrected, double standardError, double lower,
                           double upper) {
    }

    public record Result(Estimate m, Estimate h, double expectedRandom, double confidence, int replications,
                         long seed) {
    }

    public static Result estimate(GroupUnitTable t, int replications, double confidence, long seed) {
        if (replications < 2) {
            throw new IllegalArgumentException("at least 2 replications");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1");
        }
        long[] cells = roundedCells(t);
        long n = Arrays.stream(cells).sum();
        if (n > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many students for the simulation");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double expected = expectedUnderRandomAllocation(t, cells, (int) n, replications, rng);

        // Bootstrap: N students drawn with replacement from the observed cells (a multinomial draw).
        double[] cum = new double[cells.length];
        double acc = 0;
        for (int i = 0; i < cells.length; i++) {
            acc += cells[i];
            cum[i] = acc;
        }
        double[] buffer = new double[cells.length];
        double[] bootM = new double[replications];
        double[] bootH = new double[replications];
        for (int r = 0; r < replications; r++) {
            Arrays.fill(buffer, 0);
            for (long k = 0; k < n; k++) {
                double x = rng.nextDouble() * acc;
                int idx = Arrays.binarySearch(cum, x);
                idx = idx >= 0 ? idx + 1 : -idx - 1;
                buffer[Math.min(idx, cells.length - 1)]++;
            }
            GroupUnitTable b = new GroupUnitTable(t.groups(), t.units(), buffer);
            bootM[r] = Segregation.mutualInformation(b);
            bootH[r] = Segregation.theilH(b);
        }
        return new Result(summary(Segregation.mutualInformation(t), bootM, confidence),
                summary(Segregation.theilH(t), bootH, confidence), expected, confidence, replications, seed);
    }

    /** The R package's bootstrap summary of one index. */
    static Estimate summary(double observed, double[] boot, double confidence) {
        int r = boot.length;
        double[] debiased = new double[r];
        double sum = 0;
        for (int b = 0; b < r; b++) {
            debiased[b] = 2 * observed - boot[b];
            sum += debiased[b];
        }
        double corrected = sum / r;
        double var = 0;
        for (double d : debiased) {
            var += (d - corrected) * (d - corrected);
        }
        Arrays.sort(debiased);
        double alpha = (1 - confidence) / 2;
        return new Estimate(observed, observed - corrected, corrected, Math.sqrt(var / (r - 1)),
                quantile(debiased, alpha), quantile(debiased, 1 - alpha));
    }

    /** Mean M over seeded shuffles of the group labels over seats, unit sizes and group totals kept. */
    private static double expectedUnderRandomAllocation(GroupUnitTable t, long[] cells, int n, int replications,
                                                        SplittableRandom rng) {
        int g = t.groupCount();
        int u = t.unitCount();
        int[] labels = new int[n];
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
        return expected / replications;
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

    /** R's default quantile (type 7): linear interpolation between order statistics. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
