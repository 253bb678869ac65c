package org.mosaic.measure.growth;

import java.util.SplittableRandom;

/**
 * The regression quantiles of one design at many taus, each solved exactly, fast on large cohorts.
 *
 * <p>Solving every tau on all n rows with the interior point method costs O(n p²) per iteration. Instead, the
 * taus are fitted as a chain from the median outwards, and each fit starts from its neighbour's: Portnoy and
 * Koenker's (1997) preprocessing, used on the quantile regression process as Chernozhukov, Fernández-Val and Melly
 * (2022) do. With a preliminary fit, the rows whose residuals lie far below (L) or far above (H) the new quantile
 * are each merged into one pseudo-row (the sums of their x and y); the interior point method solves the remaining
 * middle rows plus the two pseudo-rows. As the check loss ρ is subadditive, the reduced problem's loss is a lower
 * bound of the full one that equals it wherever L stays below and H above the fit, so if every merged row kept its
 * side the reduced optimum is the full optimum, exactly. Rows that crossed are moved back into the middle and the
 * reduced problem is solved again; if too many crossed, the middle is doubled. The first fit comes from the same
 * step started from the fit of a seeded subsample ({@code rq(method = "pfn")}).
 *
 * <p>The chain's shape depends only on the taus, never on threads or timing, so a run gives the same coefficients
 * on any machine load.
 */
public final class QuantileProcess {
    /** Below this many rows per column the plain interior point method on all rows is as fast. */
    private static final int DIRECT_ROWS_PER_COLUMN = 40;
    /** The middle's size, as a multiple of √(p n) (the standard error of the fitted quantile, in rows). */
    private static final double MIDDLE_FACTOR = 2;
    private static final int MAX_FIXUPS = 3;
    private static final long SUBSAMPLE_SEED = 20_090_101L;

    private final double[] x;
    private final double[] y;
    private final int n;
    private final int p;
    private final double yRange;
    private final double[] residuals;
    private final double[] scratch;
    /** Per row: 0 in the middle, −1 merged below, +1 merged above. */
    private final byte[] side;

    public QuantileProcess(double[] design, double[] response, int columns) {
        this.x = design;
        this.y = response;
        this.p = columns;
        this.n = response.length;
        if (design.length != (long) n * p) {
            throw new IllegalArgumentException("design has " + design.length + " cells, expected " + n + " × " + p);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : response) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        yRange = Math.max(hi - lo, 1);
        residuals = new double[n];
        scratch = new double[n];
        side = new byte[n];
    }

    /** Coefficients at each tau (ascending), row t for {@code taus[t]}. */
    public double[][] fit(double[] taus) {
        double[][] out = new double[taus.length][];
        if (taus.length == 0) {
            return out;
        }
        int start = (taus.length - 1) / 2;
        out[start] = coldFit(taus[start]);
        for (int t = start + 1; t < taus.length; t++) {
            out[t] = fitFrom(taus[t], out[t - 1]);
        }
        for (int t = start - 1; t >= 0; t--) {
            out[t] = fitFrom(taus[t], out[t + 1]);
        }
        return out;
    }

    private boolean direct(int rows) {
        return rows <= DIRECT_ROWS_PER_COLUMN * p;
    }

    private double[] coldFit(double tau) {
        if (direct(n)) {
            return new QuantileRegression(x, y, p).fit(tau);
        }
        // the preliminary fit: a seeded subsample of ((p + 1) n)^(2/3) rows, as quantreg's pfn draws it
        int m = (int) Math.min(n / 2, Math.round(Math.pow((p + 1.0) * n, 2.0 / 3.0)));
        int[] rows = sample(m);
        double[] sx = new double[m * p];
        double[] sy = new double[m];
        for (int k = 0; k < m; k++) {
            System.arraycopy(x, rows[k] * p, sx, k * p, p);
            sy[k] = y[rows[k]];
        }
        double[] preliminary;
        try {
            preliminary = new QuantileProcess(sx, sy, p).coldFit(tau);
        } catch (ArithmeticException singular) {
            // the subsample left a spline column (nearly) empty: start from the full problem instead
            return new QuantileRegression(x, y, p).fit(tau);
        }
        return solve(tau, preliminary, 0.8 * m);
    }

    private int[] sample(int m) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SUBSAMPLE_SEED);
        for (int k = 0; k < m; k++) {
            int j = k + random.nextInt(n - k);
            int t = idx[k];
            idx[k] = idx[j];
            idx[j] = t;
        }
        int[] out = new int[m];
        System.arraycopy(idx, 0, out, 0, m);
        java.util.Arrays.sort(out);
        return out;
    }

    private double[] fitFrom(double tau, double[] neighbour) {
        if (direct(n)) {
            return new QuantileRegression(x, y, p).fit(tau);
        }
        return solve(tau, neighbour, MIDDLE_FACTOR * Math.sqrt((double) p * n));
    }

    /** The exact fit at tau from a preliminary fit, keeping about {@code middle} rows unmerged. */
    private double[] solve(double tau, double[] preliminary, double middle) {
        double[] guess = preliminary;
        double[] last = preliminary;
        while (true) {
            if (2 * middle >= n) {
                return new QuantileRegression(x, y, p).fit(tau);
            }
            residualsOf(guess);
            System.arraycopy(residuals, 0, scratch, 0, n);
            int belowRank = (int) Math.floor(n * tau - middle / 2);
            int aboveRank = (int) Math.ceil(n * tau + middle / 2);
            double low = belowRank < 0 ? Double.NEGATIVE_INFINITY : select(scratch, belowRank);
            double high = aboveRank >= n ? Double.POSITIVE_INFINITY : select(scratch, aboveRank);
            for (int i = 0; i < n; i++) {
                double r = residuals[i];
                side[i] = (byte) (r < low ? -1 : r > high ? 1 : 0);
            }
            for (int fixups = 0; fixups <= MAX_FIXUPS; fixups++) {
                double[] beta;
                try {
                    beta = solveReduced(tau);
                } catch (ArithmeticException singular) {
                    // the middle left a spline column (nearly) empty: widen it
                    break;
                }
                last = beta;
                residualsOf(beta);
                double tolerance = 1e-9 * yRange;
                int crossed = 0;
                for (int i = 0; i < n; i++) {
                    if ((side[i] < 0 && residuals[i] > tolerance) || (side[i] > 0 && residuals[i] < -tolerance)) {
                        side[i] = 0;
                        crossed++;
                    }
                }
                if (crossed == 0) {
                    return beta;
                }
                if (crossed > 0.1 * middle) {
                    break;
                }
            }
            // too many rows crossed: a wider middle, around the latest fit
            middle *= 2;
            guess = last;
        }
    }

    /**
     * The interior point fit of the middle rows plus one pseudo-row per merged side, the sums of its rows' x and y
     * (as quantreg's pfn merges them): its residual is the sum of theirs, so it keeps their side whenever they do.
     */
    private double[] solveReduced(double tau) {
        int middleRows = 0;
        int below = 0;
        int above = 0;
        for (int i = 0; i < n; i++) {
            if (side[i] == 0) {
                middleRows++;
            } else if (side[i] < 0) {
                below++;
            } else {
                above++;
            }
        }
        int rows = middleRows + (below > 0 ? 1 : 0) + (above > 0 ? 1 : 0);
        double[] rx = new double[rows * p];
        double[] ry = new double[rows];
        int k = 0;
        int belowRow = below > 0 ? middleRows : -1;
        int aboveRow = above > 0 ? middleRows + (below > 0 ? 1 : 0) : -1;
        for (int i = 0; i < n; i++) {
            int row = i * p;
            if (side[i] == 0) {
                System.arraycopy(x, row, rx, k * p, p);
                ry[k++] = y[i];
            } else {
                int target = side[i] < 0 ? belowRow : aboveRow;
                for (int j = 0; j < p; j++) {
                    rx[target * p + j] += x[row + j];
                }
                ry[target] += y[i];
            }
        }
        return new QuantileRegression(rx, ry, p).fit(tau);
    }

    private void residualsOf(double[] beta) {
        for (int i = 0; i < n; i++) {
            residuals[i] = y[i] - dot(x, i * p, beta);
        }
    }

    private double dot(double[] m, int offset, double[] beta) {
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += m[offset + j] * beta[j];
        }
        return s;
    }

    /** The k-th smallest value (0-based) of {@code a}, reordering it: Hoare's selection, median-of-three pivots. */
    static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double pivot = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double median(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
