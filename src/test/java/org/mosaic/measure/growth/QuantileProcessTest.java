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
    void aMiddleFarTooSmallStillEndsAtTheFullOptimum() {
        // a twelfth of the usual middle: many merged rows cross, the middle doubles, pseudo-rows are huge (the
        // interior point method may stall on them); every path must still end at the full problem's optimum
        Cohort c = cohort(6_000, 2, 5);
        assertSameLossAsTheFullFit(c, new QuantileProcess(c.x, c.y, c.p, 1.0 / 6));
    }

    /**
     * The work, in rows handed to the interior point method (a count, not a time): with residuals measured against
     * their leverage as quantreg's pfn does, almost every tau is one solve of about 2√(pn) rows. Measuring raw
     * residuals instead made rows at extreme priors cross, and the middle double, for 1.3–1.8 times the rows here.
     */
    @Test
    void almostEveryTauIsOneSolveOfTheUsualMiddle() {
        for (int[] shape : new int[][] {{20_000, 1, 2}, {20_000, 1, 3}, {20_000, 3, 1}}) {
            Cohort c = cohort(shape[0], shape[1], shape[2]);
            QuantileProcess process = new QuantileProcess(c.x, c.y, c.p);
            process.fit(taus());
            double perTau = process.rowsSolved() / (double) GrowthPercentiles.TAUS
                    / Math.sqrt((double) c.p * c.y.length);
            assertThat(perTau).as("rows per tau / √(pn), n %d order %d seed %d", shape[0], shape[1], shape[2])
                    .isBetween(2.0, 2.3);
        }
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
        // the second selection searches only above the first's rank, as QuantileProcess.solve does
        for (int[] ranks : new int[][] {{0, 1000}, {17, 18}, {400, 600}, {999, 1000}, {500, 500}}) {
            double[] b = a.clone();
            assertThat(QuantileProcess.select(b, 0, b.length, ranks[0])).isEqualTo(sorted[ranks[0]]);
            assertThat(QuantileProcess.select(b, ranks[0], b.length, ranks[1])).isEqualTo(sorted[ranks[1]]);
        }
    }

    private static void assertSameLossAsTheFullFit(int n, int order, long seed) {
        Cohort c = cohort(n, order, seed);
        assertSameLossAsTheFullFit(c, new QuantileProcess(c.x, c.y, c.p));
    }

    private record Cohort(double[] x, double[] y, int p) {
    }

    private static double[] taus() {
        double[] taus = new double[GrowthPercentiles.TAUS];
        for (int t = 0; t < taus.length; t++) {
            taus[t] = GrowthPercentiles.tau(t);
        }
        return taus;
    }

    private static Cohort cohort(int n, int order, long seed) {
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
        return new Cohort(x, y, p);
    }

    private static void assertSameLossAsTheFullFit(Cohort c, QuantileProcess process) {
        double[] x = c.x;
        double[] y = c.y;
        int p = c.p;
        double[] taus = taus();
        double[][] chained = process.fit(taus);
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
