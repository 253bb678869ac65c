package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The chained, preprocessed fits against the plain interior point method on all rows (the oracle): the same check
 * loss at every tau, on cohorts large enough that rows are merged, with scores rounded to one decimal as real scale
 * scores are (many ties, so the optimum is often not a single point and only the loss is compared).
 */
class QuantileProcessTest {
    @Test
    void everyTauReachesTheFullProblemsOptimumOnAnOrderOneCohort() {
        assertSameLossAsTheFullFit(12_000, 1, 7);
    }

    @Test
    void everyTauReachesTheFullProblemsOptimumOnAnOrderTwoCohort() {
        assertSameLossAsTheFullFit(9_000, 2, 11);
    }

    @Test
    void selectFindsTheKthSmallest() {
        SplittableRandom r = new SplittableRandom(2);
        double[] a = new double[1001];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.round(r.nextGaussian() * 20) / 2.0; // ties
        }
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int k : new int[] {0, 1, 17, 500, 999, 1000}) {
            assertThat(QuantileProcess.select(a.clone(), k)).isEqualTo(sorted[k]);
        }
    }

    private static void assertSameLossAsTheFullFit(int n, int order, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] priors = new double[order][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double ability = r.nextGaussian();
            for (int j = 0; j < order; j++) {
                priors[j][i] = Math.round((200 + 15 * ability + 6 * r.nextGaussian() - 8 * j) * 10) / 10.0;
            }
            // heteroscedastic and skewed, as growth is
            double noise = r.nextGaussian() * (5 + 2 * Math.abs(ability)) + (r.nextDouble() < 0.1 ? -12 : 0);
            y[i] = Math.round((210 + 14 * ability + noise) * 10) / 10.0;
        }
        BSplineBasis[] bases = new BSplineBasis[order];
        for (int j = 0; j < order; j++) {
            bases[j] = BSplineBasis.forPrior(priors[j]);
        }
        int p = GrowthPercentiles.coefficients(order);
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            x[i * p] = 1;
            for (int j = 0; j < order; j++) {
                bases[j].evaluate(priors[j][i], x, i * p + 1 + j * bases[j].columns());
            }
        }
        double[] taus = new double[GrowthPercentiles.TAUS];
        for (int t = 0; t < taus.length; t++) {
            taus[t] = GrowthPercentiles.tau(t);
        }
        double[][] chained = new QuantileProcess(x, y, p).fit(taus);
        QuantileRegression full = new QuantileRegression(x, y, p);
        for (int t = 0; t < taus.length; t += 11) {
            double expected = loss(x, y, p, full.fit(taus[t]), taus[t]);
            assertThat(loss(x, y, p, chained[t], taus[t])).as("tau %s", taus[t])
                    .isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
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
