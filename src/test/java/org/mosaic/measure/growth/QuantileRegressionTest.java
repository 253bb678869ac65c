package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The interior point solver against independent checks written here: sample quantiles and brute-force optimality. */
class QuantileRegressionTest {
    @Test
    void interceptOnlyFitIsASampleQuantile() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 201;
        double[] y = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.round(r.nextGaussian() * 1000) / 10.0 + i * 1e-7; // distinct values
            x[i] = 1;
        }
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        QuantileRegression q = new QuantileRegression(x, y, 1);
        // for tau = k/n non-integer positions the τ-quantile is the order statistic ceil(n τ)
        for (double tau : new double[] {0.1, 0.25, 0.5, 0.9}) {
            double expected = sorted[(int) Math.ceil(n * tau) - 1];
            assertThat(q.fit(tau)[0]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void noCoefficientMoveLowersTheCheckLoss() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 300;
        int p = 3;
        double[] x = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble() * 10;
            double b = r.nextGaussian();
            x[i * p] = 1;
            x[i * p + 1] = a;
            x[i * p + 2] = b;
            y[i] = 2 + 0.5 * a - b + r.nextGaussian() * (1 + 0.2 * a);
        }
        QuantileRegression q = new QuantileRegression(x, y, p);
        for (double tau : new double[] {0.05, 0.5, 0.8}) {
            double[] beta = q.fit(tau);
            double best = loss(x, y, p, beta, tau);
            for (int j = 0; j < p; j++) {
                for (double step : new double[] {1e-3, -1e-3, 1e-2, -1e-2}) {
                    double[] moved = beta.clone();
                    moved[j] += step;
                    assertThat(loss(x, y, p, moved, tau)).isGreaterThanOrEqualTo(best - 1e-7);
                }
            }
            // a vertex solution: about p residuals are zero
            int zero = 0;
            for (int i = 0; i < n; i++) {
                double fit = 0;
                for (int j = 0; j < p; j++) {
                    fit += x[i * p + j] * beta[j];
                }
                zero += Math.abs(y[i] - fit) < 1e-6 ? 1 : 0;
            }
            assertThat(zero).isEqualTo(p);
        }
    }

    private static double loss(double[] x, double[] y, int p, double[] beta, double tau) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double fit = 0;
            for (int j = 0; j < p; j++) {
                fit += x[i * p + j] * beta[j];
            }
            double u = y[i] - fit;
            s += u * (tau - (u < 0 ? 1 : 0));
        }
        return s;
    }
}
