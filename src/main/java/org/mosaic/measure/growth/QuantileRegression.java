package org.mosaic.measure.growth;

/**
 * Linear quantile regression solved exactly by the Frisch–Newton interior point method of Portnoy and Koenker (1997),
 * the algorithm of R quantreg's {@code rq(method = "fn")} (Fortran {@code rqfnb}): a Mehrotra predictor–corrector on
 * the bounded dual {@code max y'a subject to X'a = (1 − τ) X'1, 0 ≤ a ≤ 1}. The primal coefficients are the dual
 * prices of its equality constraints. It stops when the duality gap is below {@code 1e-6}, i.e. at the optimum to
 * rounding: the same fit as the simplex ("br") wherever the optimum is unique.
 *
 * <p>The design is row-major ({@code x[i * p + j]}); one instance keeps its work arrays for many τ on one design. The
 * rows are also kept compressed (their non-zero cells): a B-spline row has 4 non-zero cells per prior out of 7, and
 * skipping exact zeros changes no sum, so the results are the same as the dense loops', bit for bit.
 */
public final class QuantileRegression {
    private static final double BETA = 0.99995;
    private static final double EPS = 1e-6;
    private static final int MAX_ITERATIONS = 100;

    private final double[] y;
    private final int n;
    private final int p;
    private final double[] columnSums;
    /** The design's non-zero cells; their arrays are also held here so the hot loops read fields. */
    private final CompressedRows rows;
    private final int[] rowStart;
    private final int[] columnOf;
    private final double[] values;
    // work arrays, reused across τ
    private final double[] primal;
    private final double[] slack;
    private final double[] z;
    private final double[] w;
    private final double[] d;
    private final double[] dx;
    private final double[] ds;
    private final double[] dz;
    private final double[] dw;
    private final double[] dr;
    private final double[] work;
    private final double[] ada;

    public QuantileRegression(double[] design, double[] response, int columns) {
        this.y = response;
        this.p = columns;
        this.n = response.length;
        if (design.length != (long) n * p) {
            throw new IllegalArgumentException("design has " + design.length + " cells, expected " + n + " × " + p);
        }
        if (n <= p) {
            throw new IllegalArgumentException("quantile regression needs more rows (" + n + ") than columns (" + p
                    + ")");
        }
        rows = new CompressedRows(design, n, p);
        rowStart = rows.rowStart;
        columnOf = rows.columnOf;
        values = rows.values;
        columnSums = new double[p];
        for (int e = 0; e < values.length; e++) {
            columnSums[columnOf[e]] += values[e];
        }
        primal = new double[n];
        slack = new double[n];
        z = new double[n];
        w = new double[n];
        d = new double[n];
        dx = new double[n];
        ds = new double[n];
        dz = new double[n];
        dw = new double[n];
        dr = new double[n];
        work = new double[n];
        ada = new double[p * p];
    }

    /** The τ-th regression quantile's coefficients. */
    public double[] fit(double tau) {
        if (!(tau > 0 && tau < 1)) {
            throw new IllegalArgumentException("tau must lie strictly between 0 and 1");
        }
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = (1 - tau) * columnSums[j];
        }
        // c = −y; the dual starts at a = 1 − τ (feasible: X'a = b), its slack to the upper bound at τ
        double[] yDual = new double[p];
        double[] c = work;
        for (int i = 0; i < n; i++) {
            c[i] = -y[i];
            d[i] = 1;
            primal[i] = 1 - tau;
        }
        multiply(c, yDual);
        solveWeighted(d, yDual);
        for (int i = 0; i < n; i++) {
            double s = -y[i] - dot(i, yDual);
            if (Math.abs(s) < EPS) {
                z[i] = Math.max(s, 0) + EPS;
                w[i] = Math.max(-s, 0) + EPS;
            } else {
                z[i] = Math.max(s, 0);
                w[i] = Math.max(-s, 0);
            }
            slack[i] = 1 - primal[i];
        }
        double gap = gap();
        double[] dy = new double[p];
        double[] rhs = new double[p];
        int iterations = 0;
        while (gap > EPS && iterations < MAX_ITERATIONS) {
            iterations++;
            for (int i = 0; i < n; i++) {
                d[i] = 1 / (z[i] / primal[i] + w[i] / slack[i]);
                ds[i] = z[i] - w[i];
                dz[i] = d[i] * ds[i];
            }
            // dy = b − X'a + X' dz, solved against X' D X
            for (int j = 0; j < p; j++) {
                dy[j] = b[j];
            }
            for (int i = 0; i < n; i++) {
                double coef = dz[i] - primal[i];
                for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                    dy[columnOf[e]] += coef * values[e];
                }
            }
            System.arraycopy(dy, 0, rhs, 0, p);
            solveWeighted(d, dy);
            double deltaP = Double.MAX_VALUE;
            double deltaD = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                ds[i] = dot(i, dy) - ds[i];
                dx[i] = d[i] * ds[i];
                ds[i] = -dx[i];
                dz[i] = -z[i] * (dx[i] / primal[i] + 1);
                dw[i] = -w[i] * (ds[i] / slack[i] + 1);
                if (dx[i] < 0) {
                    deltaP = Math.min(deltaP, -primal[i] / dx[i]);
                }
                if (ds[i] < 0) {
                    deltaP = Math.min(deltaP, -slack[i] / ds[i]);
                }
                if (dz[i] < 0) {
                    deltaD = Math.min(deltaD, -z[i] / dz[i]);
                }
                if (dw[i] < 0) {
                    deltaD = Math.min(deltaD, -w[i] / dw[i]);
                }
            }
            deltaP = Math.min(BETA * deltaP, 1);
            deltaD = Math.min(BETA * deltaD, 1);
            if (Math.min(deltaP, deltaD) < 1) {
                // Mehrotra: predict how far the affine step would close the gap, centre the corrector accordingly
                double mu = 0;
                double g = 0;
                for (int i = 0; i < n; i++) {
                    mu += primal[i] * z[i] + slack[i] * w[i];
                    g += (primal[i] + deltaP * dx[i]) * (z[i] + deltaD * dz[i])
                            + (slack[i] + deltaP * ds[i]) * (w[i] + deltaD * dw[i]);
                }
                mu = mu * Math.pow(g / mu, 3) / (2.0 * n);
                for (int i = 0; i < n; i++) {
                    dr[i] = d[i] * (mu * (1 / slack[i] - 1 / primal[i]) + dx[i] * dz[i] / primal[i]
                            - ds[i] * dw[i] / slack[i]);
                }
                System.arraycopy(rhs, 0, dy, 0, p);
                for (int i = 0; i < n; i++) {
                    for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                        dy[columnOf[e]] += dr[i] * values[e];
                    }
                }
                solveFactored(dy);
                deltaP = Double.MAX_VALUE;
                deltaD = Double.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    double u = dot(i, dy);
                    double dxdz = dx[i] * dz[i];
                    double dsdw = ds[i] * dw[i];
                    double dxi = d[i] * (u - z[i] + w[i]) - dr[i];
                    double dsi = -dxi;
                    double dzi = mu / primal[i] - z[i] - z[i] * dxi / primal[i] - dxdz / primal[i];
                    double dwi = mu / slack[i] - w[i] - w[i] * dsi / slack[i] - dsdw / slack[i];
                    dx[i] = dxi;
                    ds[i] = dsi;
                    dz[i] = dzi;
                    dw[i] = dwi;
                    if (dx[i] < 0) {
                        deltaP = Math.min(deltaP, -primal[i] / dx[i]);
                    }
                    if (ds[i] < 0) {
                        deltaP = Math.min(deltaP, -slack[i] / ds[i]);
                    }
                    if (dz[i] < 0) {
                        deltaD = Math.min(deltaD, -z[i] / dz[i]);
                    }
                    if (dw[i] < 0) {
                        deltaD = Math.min(deltaD, -w[i] / dw[i]);
                    }
                }
                deltaP = Math.min(BETA * deltaP, 1);
                deltaD = Math.min(BETA * deltaD, 1);
            }
            for (int i = 0; i < n; i++) {
                primal[i] += deltaP * dx[i];
                slack[i] += deltaP * ds[i];
                z[i] += deltaD * dz[i];
                w[i] += deltaD * dw[i];
            }
            for (int j = 0; j < p; j++) {
                yDual[j] += deltaD * dy[j];
            }
            gap = gap();
        }
        if (gap > EPS) {
            // arithmetic, like a singular X'DX: QuantileProcess answers both by solving a larger problem
            throw new ArithmeticException("the interior point method did not converge in " + MAX_ITERATIONS
                    + " iterations (duality gap " + gap + ")");
        }
        for (int j = 0; j < p; j++) {
            b[j] = -yDual[j];
        }
        return b;
    }

    private double gap() {
        double g = 0;
        for (int i = 0; i < n; i++) {
            g += z[i] * primal[i] + w[i] * slack[i];
        }
        return g;
    }

    private double dot(int i, double[] v) {
        return rows.dot(i, v);
    }

    /** out = X' v. */
    private void multiply(double[] v, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < n; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                out[columnOf[e]] += v[i] * values[e];
            }
        }
    }

    /** Solves (X' D X) v = rhs in place, keeping the Cholesky factor for {@link #solveFactored}. */
    private void solveWeighted(double[] weights, double[] rhs) {
        rows.crossProduct(weights, ada);
        Cholesky.factor(ada, p);
        solveFactored(rhs);
    }

    private void solveFactored(double[] rhs) {
        Cholesky.solve(ada, p, rhs);
    }
}
