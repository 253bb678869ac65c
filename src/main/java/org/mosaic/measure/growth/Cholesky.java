package org.mosaic.measure.growth;

/** In-place Cholesky factorisation of a symmetric positive definite matrix held in its upper triangle (row-major). */
final class Cholesky {
    private Cholesky() {
    }

    /** Overwrites the upper triangle of {@code a} (p × p) with U such that A = U'U. */
    static void factor(double[] a, int p) {
        for (int j = 0; j < p; j++) {
            double s = a[j * p + j];
            for (int k = 0; k < j; k++) {
                s -= a[k * p + j] * a[k * p + j];
            }
            if (!(s > 0)) {
                throw new ArithmeticException("the matrix is not positive definite (the design is singular: a "
                        + "prior or covariate is constant or collinear)");
            }
            double r = Math.sqrt(s);
            a[j * p + j] = r;
            for (int c = j + 1; c < p; c++) {
                double t = a[j * p + c];
                for (int k = 0; k < j; k++) {
                    t -= a[k * p + j] * a[k * p + c];
                }
                a[j * p + c] = t / r;
            }
        }
    }

    /** Solves U'U v = rhs in place with the factor from {@link #factor}. */
    static void solve(double[] u, int p, double[] rhs) {
        solveTransposed(u, p, rhs);
        for (int j = p - 1; j >= 0; j--) {
            double s = rhs[j];
            for (int k = j + 1; k < p; k++) {
                s -= u[j * p + k] * rhs[k];
            }
            rhs[j] = s / u[j * p + j];
        }
    }

    /** Solves U' v = rhs in place (forward substitution), the first half of {@link #solve}. */
    static void solveTransposed(double[] u, int p, double[] rhs) {
        for (int j = 0; j < p; j++) {
            double s = rhs[j];
            for (int k = 0; k < j; k++) {
                s -= u[k * p + j] * rhs[k];
            }
            rhs[j] = s / u[j * p + j];
        }
    }
}
