package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BSplineBasisTest {
    /** Values of R: {@code bs(c(0, 1.5, 4, 7.2, 10), knots = c(2, 4, 6, 8), Boundary.knots = c(0, 10))}. */
    @Test
    void matchesRsBs() {
        BSplineBasis b = new BSplineBasis(new double[] {2, 4, 6, 8}, 0, 10);
        double[][] expected = {
                {0, 0, 0, 0, 0, 0, 0},
                {0.4570312, 0.4570312, 0.0703125, 0, 0, 0, 0},
                {0, 0.1666667, 0.6666667, 0.1666667, 0, 0, 0},
                {0, 0, 0.01066667, 0.4146667, 0.5206667, 0.054, 0},
                {0, 0, 0, 0, 0, 0, 1}};
        double[] xs = {0, 1.5, 4, 7.2, 10};
        for (int i = 0; i < xs.length; i++) {
            double[] row = new double[7];
            b.evaluate(xs[i], row, 0);
            for (int j = 0; j < 7; j++) {
                assertThat(row[j]).as("x=%s column %d", xs[i], j + 1).isCloseTo(expected[i][j], within(1e-6));
            }
        }
    }

    @Test
    void partitionOfUnityWithTheDroppedFirstFunction() {
        BSplineBasis b = BSplineBasis.forPrior(new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7});
        for (double x = 1; x <= 9; x += 0.37) {
            double[] row = new double[7];
            b.evaluate(x, row, 0);
            double sum = 0;
            for (double v : row) {
                assertThat(v).isBetween(0.0, 1.0);
                sum += v;
            }
            assertThat(sum).isLessThanOrEqualTo(1 + 1e-12);
        }
    }
}
