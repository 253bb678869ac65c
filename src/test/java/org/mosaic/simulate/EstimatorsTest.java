package org.mosaic.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The reproduction's small estimators against closed forms and published values computed independently here. */
class EstimatorsTest {

    @Test
    void leastSquaresMatchesTheClosedFormOfASimpleRegression() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 500;
        double[][] x = new double[n][];
        double[] y = new double[n];
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            double v = rng.nextGaussian();
            x[i] = new double[] {1, v};
            y[i] = 2 - 0.7 * v + rng.nextGaussian();
            sx += v;
            sy += y[i];
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i][1] - mx) * (y[i] - my);
            sxx += (x[i][1] - mx) * (x[i][1] - mx);
        }
        double slope = sxy / sxx;
        double[] b = LeastSquares.fit(x, y);
        assertThat(b[1]).isCloseTo(slope, within(1e-10));
        assertThat(b[0]).isCloseTo(my - slope * mx, within(1e-10));
    }

    @Test
    void leastSquaresRecoversExactCoefficientsWithoutNoise() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] x = new double[40][];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            double a = rng.nextGaussian();
            double d = rng.nextBoolean() ? 1 : 0;
            x[i] = new double[] {1, d, a, d * a};
            y[i] = 0.5 + 0.25 * d - 1.5 * a + 0.75 * d * a;
        }
        assertThat(LeastSquares.fit(x, y)).containsExactly(new double[] {0.5, 0.25, -1.5, 0.75}, within(1e-9));
    }

    @Test
    void intervalsUseRsDefaultQuantiles() {
        // R: quantile(1:10, c(0.025, 0.975)) gives 1.225 and 9.775.
        Interval i = Interval.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertThat(i.low()).isCloseTo(1.225, within(1e-12));
        assertThat(i.high()).isCloseTo(9.775, within(1e-12));
        assertThat(i.mean()).isCloseTo(5.5, within(1e-12));
        assertThat(i.format(2)).isEqualTo("5.50 [1.23, 9.78]");
    }
}
