package org.mosaic.measure.growth;

import java.util.SplittableRandom;

/**
 * The regression quantiles of one design at many taus, each solved exactly, fast on large cohorts.
 *
 * <p>Solving every tau on all n rows with the interior point method costs O(n p²) per iteration. Instead, the taus are
 * fitted as a chain from the median outwards, and each fit starts from its neighbour's: Portnoy and Koenker's (1997)
 * preprocessing, used on the quantile regression process as Chernozhukov, Fernández-Val and Melly (2022) do. With a
 * preliminary fit, the rows whose residuals lie far below (L) or far above (H) the new quantile, in units of each row's
 * leverage ({@link #leverageScale}), are each merged into one pseudo-row (the sums of their x and y); the interior
 * point method solves the remaining middle rows plus the two pseudo-rows. As the check loss ρ is subadditive, the
 * reduced problem's loss is a lower bound of the full one that equals it wherever L stays below and H above the fit, so
 * if every merged row kept its side the reduced optimum is the full optimum, exactly. Rows that crossed are moved back
 * into the middle and the reduced problem is solved again; if too many crossed, the middle is doubled around the best
 * fit so far. The first fit comes from the same step started from the fit of a seeded subsample ({@code rq(method =
 * "pfn")}).
 *
 * <p>The chain's shape depends only on the taus, never on threads or timing, so a run gives the same coefficients
 * on any machine load.
 *
 * <p>Each tau costs a few passes over all n rows (residuals, two selections, the merge) besides the small interior
 * point fit, so those passes run over the rows' non-zero cells only (a B-spline row has 4 of 7 per prior), are fused
 * where they can be, a fit's residuals are kept for the next tau that starts from it, and the second selection
 * searches only the part of the array the first left above its rank. None of these shortcuts changes a sum or a
 * selected value.
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
    /** The middle's size as a multiple of √(p n); a parameter only so that tests can force tiny middles. */
    private final double middleFactor;
    /** The design's non-zero cells. */
    private final CompressedRows rows;
    private final double[] residuals;
    /** The coefficients {@link #residuals} belong to (by identity), or null. */
    private double[] residualsOf;
    /** See {@link #leverageScale}; null until first needed. */
    private double[] scale;
    /** The rows of every interior point fit so far, subsample fits included: the work done, in rows. */
    private long rowsSolved;
    // the reduced problem, as gather() leaves it
    private final int[] middleIndex;
    private int middleRows;
    private final double[] belowX;
    private final double[] aboveX;
    private double belowY;
    private double aboveY;
    private int below;
    private int above;
    private final double[] scratch;
    /** Per row: 0 in the middle, −1 merged below, +1 merged above. */
    private final byte[] side;

    public QuantileProcess(double[] design, double[] response, int columns) {
        this(design, response, columns, MIDDLE_FACTOR);
    }

    QuantileProcess(double[] design, double[] response, int columns, double middleFactor) {
        this.middleFactor = middleFactor;
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
        rows = new CompressedRows(design, n, p);
        residuals = new double[n];
        middleIndex = new int[n];
        belowX = new double[p];
        aboveX = new double[p];
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
            return fullFit(tau);
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
            QuantileProcess subsample = new QuantileProcess(sx, sy, p, middleFactor);
            try {
                preliminary = subsample.coldFit(tau);
            } finally {
                rowsSolved += subsample.rowsSolved;
            }
        } catch (ArithmeticException singular) {
            // the subsample left a spline column (nearly) empty, or its fit did not converge: start from the full
            // problem instead
            return fullFit(tau);
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
            return fullFit(tau);
        }
        return solve(tau, neighbour, middleFactor * Math.sqrt((double) p * n));
    }

    /** The exact fit at tau from a preliminary fit, keeping about {@code middle} rows unmerged. */
    private double[] solve(double tau, double[] preliminary, double middle) {
        double[] guess = preliminary;
        double[] perSpread = leverageScale();
        while (true) {
            if (2 * middle >= n) {
                return fullFit(tau);
            }
            if (residualsOf != guess) {
                residualsOf(guess);
            }
            double guessLoss = 0;
            for (int i = 0; i < n; i++) {
                double r = residuals[i];
                scratch[i] = r * perSpread[i];
                guessLoss += checkLoss(tau, r);
            }
            int belowRank = (int) Math.floor(n * tau - middle / 2);
            int aboveRank = (int) Math.ceil(n * tau + middle / 2);
            double low = belowRank < 0 ? Double.NEGATIVE_INFINITY : select(scratch, 0, n, belowRank);
            // the first selection left every value from belowRank on at or above low, so the second looks only there
            int from = Math.max(belowRank, 0);
            double high = aboveRank >= n ? Double.POSITIVE_INFINITY : select(scratch, from, n, aboveRank);
            for (int i = 0; i < n; i++) {
                double r = residuals[i] * perSpread[i];
                side[i] = (byte) (r < low ? -1 : r > high ? 1 : 0);
            }
            gather();
            for (int fixups = 0; fixups <= MAX_FIXUPS; fixups++) {
                double[] beta;
                try {
                    beta = solveReduced(tau);
                } catch (ArithmeticException singular) {
                    // the middle left a spline column (nearly) empty, or the interior point method stalled on the
                    // pseudo-rows' large sums: widen it (at half of the rows or more, the full problem is solved)
                    break;
                }
                // one pass: the fit's residuals, its check loss, and the merged rows that crossed to the other side
                double tolerance = 1e-9 * yRange;
                int crossed = 0;
                double loss = 0;
                for (int i = 0; i < n; i++) {
                    double r = y[i] - rows.dot(i, beta);
                    residuals[i] = r;
                    loss += checkLoss(tau, r);
                    if ((side[i] < 0 && r > tolerance) || (side[i] > 0 && r < -tolerance)) {
                        side[i] = 0;
                        crossed++;
                    }
                }
                residualsOf = beta;
                if (loss < guessLoss) {
                    guess = beta;
                    guessLoss = loss;
                }
                if (crossed == 0) {
                    return beta;
                }
                if (crossed > 0.1 * middle) {
                    break;
                }
                gather();
            }
            // too many rows crossed: a wider middle, around the best fit so far by the full problem's check loss.
            // Not simply the latest: a reduced fit whose merged rows crossed in numbers can be far worse than the
            // fit it started from, and centring on it made the middle double again and again up to the full problem.
            middle *= 2;
        }
    }

    /**
     * Per row, 1 / √(x'(X'X)⁻¹x): residuals are compared in units of their own spread, as quantreg's pfn does, so a
     * row at an extreme prior (where the spline's fit moves most from one tau to the next) needs a larger residual to
     * be merged and rarely crosses. Computed once per design; all ones if X'X is singular.
     */
    private double[] leverageScale() {
        if (scale != null) {
            return scale;
        }
        double[] xtx = new double[p * p];
        rows.crossProduct(null, xtx);
        double[] out = new double[n];
        try {
            Cholesky.factor(xtx, p);
        } catch (ArithmeticException singular) {
            java.util.Arrays.fill(out, 1);
            return scale = out;
        }
        double[] v = new double[p];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(v, 0);
            for (int e = rows.rowStart[i]; e < rows.rowStart[i + 1]; e++) {
                v[rows.columnOf[e]] = rows.values[e];
            }
            // ‖U'⁻¹ x‖² = x'(U'U)⁻¹x
            Cholesky.solveTransposed(xtx, p, v);
            double sum = 0;
            for (int j = 0; j < p; j++) {
                sum += v[j] * v[j];
            }
            out[i] = 1 / Math.sqrt(Math.max(sum, 1e-300));
        }
        return scale = out;
    }

    private double[] fullFit(double tau) {
        rowsSolved += n;
        return new QuantileRegression(x, y, p).fit(tau);
    }

    /** The rows of every interior point fit so far: a measure of work that does not depend on the machine. */
    long rowsSolved() {
        return rowsSolved;
    }

    /**
     * From {@link #side}: the middle rows' indices (ascending) and each merged side's sums of x and y, in row order,
     * as {@link #solveReduced} lays them out.
     */
    private void gather() {
        java.util.Arrays.fill(belowX, 0);
        java.util.Arrays.fill(aboveX, 0);
        belowY = 0;
        aboveY = 0;
        below = 0;
        above = 0;
        middleRows = 0;
        for (int i = 0; i < n; i++) {
            if (side[i] == 0) {
                middleIndex[middleRows++] = i;
                continue;
            }
            double[] sums = side[i] < 0 ? belowX : aboveX;
            for (int e = rows.rowStart[i]; e < rows.rowStart[i + 1]; e++) {
                sums[rows.columnOf[e]] += rows.values[e];
            }
            if (side[i] < 0) {
                belowY += y[i];
                below++;
            } else {
                aboveY += y[i];
                above++;
            }
        }
    }

    /**
     * The interior point fit of the middle rows plus one pseudo-row per merged side, the sums of its rows' x and y
     * (as quantreg's pfn merges them): its residual is the sum of theirs, so it keeps their side whenever they do.
     */
    private double[] solveReduced(double tau) {
        int rows = middleRows + (below > 0 ? 1 : 0) + (above > 0 ? 1 : 0);
        double[] rx = new double[rows * p];
        double[] ry = new double[rows];
        for (int k = 0; k < middleRows; k++) {
            int i = middleIndex[k];
            System.arraycopy(x, i * p, rx, k * p, p);
            ry[k] = y[i];
        }
        int k = middleRows;
        if (below > 0) {
            System.arraycopy(belowX, 0, rx, k * p, p);
            ry[k++] = belowY;
        }
        if (above > 0) {
            System.arraycopy(aboveX, 0, rx, k * p, p);
            ry[k] = aboveY;
        }
        rowsSolved += rows;
        return new QuantileRegression(rx, ry, p).fit(tau);
    }

    private void residualsOf(double[] beta) {
        for (int i = 0; i < n; i++) {
            residuals[i] = y[i] - rows.dot(i, beta);
        }
        residualsOf = beta;
    }

    /** ρτ(r), one row's share of the check loss, the objective of every fit. */
    private static double checkLoss(double tau, double r) {
        return r >= 0 ? tau * r : (tau - 1) * r;
    }

    /** The k-th smallest value (0-based) of {@code a}, reordering it: Hoare's selection, median-of-three pivots. */
    static double select(double[] a, int k) {
        return select(a, 0, a.length, k);
    }

    /**
     * The k-th smallest value (0-based, counted over the whole array) of {@code a}, given that {@code a[from … to)}
     * holds it and that nothing before {@code from} is larger nor anything from {@code to} on smaller; reorders that
     * range so that afterwards the same holds around k (every value before k at most, every value after at least
     * a[k]).
     */
    static double select(double[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
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
