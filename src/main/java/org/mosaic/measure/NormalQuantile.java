package org.mosaic.measure;

/** The standard normal distribution's quantile Φ⁻¹ and CDF Φ, to double precision. */
public final class NormalQuantile {
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    private NormalQuantile() {
    }

    /** Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step. */
    public static double inverse(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1): " + p);
        }
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p > 1 - 0.02425) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        double e = cdf(x) - p;
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    /** Φ(x) through the complementary error function. */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * erfc by the Maclaurin series of erf for |x| < 2.5 (absolute error ~1e-13) and the continued fraction
     * erfc(z) = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))) beyond (relative error ~1e-15).
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double r;
        if (z < 2.5) {
            double sum = z;
            double term = z;
            for (int n = 1; n < 60; n++) {
                term *= -z * z / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = 1 - 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // Modified Lentz evaluation of the continued fraction, from the tail coefficient k/2.
            double f = z;
            double c = z;
            double d = 0;
            for (int k = 1; k < 200; k++) {
                double a = k / 2.0;
                d = z + a * d;
                d = d == 0 ? 1e-300 : d;
                c = z + a / c;
                c = c == 0 ? 1e-300 : c;
                d = 1 / d;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) {
                    break;
                }
            }
            r = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
        }
        return x >= 0 ? r : 2 - r;
    }
}
