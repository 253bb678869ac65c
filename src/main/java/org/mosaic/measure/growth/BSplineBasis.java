package org.mosaic.measure.growth;

import java.util.Arrays;

/**
 * The cubic B-spline basis of R's {@code splines::bs(x, knots, Boundary.knots)} without intercept: with four interior
 * knots it has seven columns. Betebenner's SGP puts the interior knots at the 20/40/60/80 % quantiles of a prior score
 * in the cohort and the boundary knots at its minimum and maximum; {@link #forPrior} builds exactly that.
 */
public final class BSplineBasis {
    static final int DEGREE = 3;
    private static final double[] KNOT_PROBABILITIES = {0.2, 0.4, 0.6, 0.8};

    private final double[] interior;
    private final double low;
    private final double high;
    /** The full knot sequence: the boundary knots repeated DEGREE + 1 times around the interior knots. */
    private final double[] t;

    public BSplineBasis(double[] interiorKnots, double low, double high) {
        this.interior = interiorKnots.clone();
        this.low = low;
        this.high = high;
        int order = DEGREE + 1;
        t = new double[2 * order + interior.length];
        Arrays.fill(t, 0, order, low);
        System.arraycopy(interior, 0, t, order, interior.length);
        Arrays.fill(t, order + interior.length, t.length, high);
    }

    /** SGP's basis for one prior: knots at the 20/40/60/80 % quantiles (R's default type 7), boundaries min/max. */
    public static BSplineBasis forPrior(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] knots = new double[KNOT_PROBABILITIES.length];
        for (int k = 0; k < knots.length; k++) {
            knots[k] = quantileType7(sorted, KNOT_PROBABILITIES[k]);
        }
        return new BSplineBasis(knots, sorted[0], sorted[sorted.length - 1]);
    }

    /** R's default quantile: linear interpolation between order statistics at h = (n − 1) p. */
    static double quantileType7(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public int columns() {
        return t.length - (DEGREE + 1) - 1;
    }

    public double[] interiorKnots() {
        return interior.clone();
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /**
     * Writes the basis at {@code x} into {@code out[offset …]}. Inside the boundary knots this is the Cox–de Boor
     * recursion; at the upper boundary the left limit is used, as R does, so the last function is 1 there. Outside
     * the boundaries the cubic of the nearest end interval is extended, as {@code predict.bs} does.
     */
    public void evaluate(double x, double[] out, int offset) {
        int order = DEGREE + 1;
        int all = t.length - order;
        // the knot interval [t[i], t[i+1]) holding x, restricted to the non-empty intervals between the boundaries
        int i = order - 1;
        while (i + 1 < t.length - order && x >= t[i + 1]) {
            i++;
        }
        while (i > order - 1 && t[i] == t[i + 1]) {
            i--;
        }
        double[] b = new double[order];
        b[0] = 1;
        double[] left = new double[order];
        double[] right = new double[order];
        for (int j = 1; j < order; j++) {
            left[j] = x - t[i + 1 - j];
            right[j] = t[i + j] - x;
            double saved = 0;
            for (int r = 0; r < j; r++) {
                double denom = right[r + 1] + left[j - r];
                double term = denom == 0 ? 0 : b[r] / denom;
                b[r] = saved + right[r + 1] * term;
                saved = left[j - r] * term;
            }
            b[j] = saved;
        }
        // b[r] is the value of basis function i − DEGREE + r; column 0 (the first function) is dropped (no intercept)
        for (int c = 0; c < all - 1; c++) {
            out[offset + c] = 0;
        }
        for (int r = 0; r < order; r++) {
            int function = i - DEGREE + r;
            if (function >= 1 && function < all) {
                out[offset + function - 1] = b[r];
            }
        }
    }
}
