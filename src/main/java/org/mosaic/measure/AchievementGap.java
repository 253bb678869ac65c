package org.mosaic.measure;

import java.util.Arrays;

/**
 * Gaps in scores between two groups (FRL and not, or a pair of races), in standard-deviation units, three ways that
 * analysts report: Hedges' g, Ho's (2009) V statistic, which depends only on the order of scores (robust to how a
 * test's scale is stretched), and the transformed proportion-above-cut gap of Ho and Reardon (2012) for when only
 * proficiency rates are known.
 */
public final class AchievementGap {
    private AchievementGap() {
    }

    public record Result(int nA, int nB, double meanA, double meanB, double pooledSd, double cohensD,
                         double hedgesG, double auc, double v, double cut, double aboveCutA, double aboveCutB,
                         double transformedCutGap) {
    }

    /** Gap of a over b; {@code cut} may be NaN to skip the proportion-above-cut gap. */
    public static Result of(double[] a, double[] b, double cut) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("each group needs at least 2 scores (has " + a.length + " and "
                    + b.length + ")");
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma);
        double vb = variance(b, mb);
        double pooled = Math.sqrt(((a.length - 1) * va + (b.length - 1) * vb) / (a.length + b.length - 2));
        double d = pooled == 0 ? 0 : (ma - mb) / pooled;
        // Hedges' small-sample correction J = 1 − 3 / (4(n_a + n_b) − 9).
        double g = d * (1 - 3.0 / (4.0 * (a.length + b.length) - 9));
        double auc = auc(a, b);
        double clipped = Math.min(1 - 1e-12, Math.max(1e-12, auc));
        double v = Math.sqrt(2) * NormalQuantile.inverse(clipped);
        double pa = Double.NaN;
        double pb = Double.NaN;
        double cutGap = Double.NaN;
        if (!Double.isNaN(cut)) {
            pa = above(a, cut);
            pb = above(b, cut);
            // Proportions of 0 or 1 have no finite probit: shrink by half a student, the usual continuity fix.
            double qa = Math.min(1 - 0.5 / a.length, Math.max(0.5 / a.length, pa));
            double qb = Math.min(1 - 0.5 / b.length, Math.max(0.5 / b.length, pb));
            cutGap = NormalQuantile.inverse(qa) - NormalQuantile.inverse(qb);
        }
        return new Result(a.length, b.length, ma, mb, pooled, d, g, auc, v, cut, pa, pb, cutGap);
    }

    /** P(X_a > X_b) + ½ P(X_a = X_b), by sorting: the Mann-Whitney U over n_a n_b, in O(n log n). */
    public static double auc(double[] a, double[] b) {
        double[] sa = a.clone();
        double[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        double wins = 0;
        int lo = 0;
        int hi = 0;
        for (double x : sa) {
            while (lo < sb.length && sb[lo] < x) {
                lo++;
            }
            hi = Math.max(hi, lo);
            while (hi < sb.length && sb[hi] <= x) {
                hi++;
            }
            wins += lo + 0.5 * (hi - lo);
        }
        return wins / ((double) sa.length * sb.length);
    }

    private static double above(double[] x, double cut) {
        int n = 0;
        for (double v : x) {
            n += v >= cut ? 1 : 0;
        }
        return n / (double) x.length;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
