package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The numerical helpers of the growth models on textbook cases. */
class LinearAlgebraTest {
    /**
     * The classic example A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L L' with L = [[2, 0, 0], [6, 1, 0],
     * [−8, 5, 3]]; A (1, 2, 3)' = (−20, −43, 192)'.
     */
    @Test
    void choleskyFactorsAndSolvesTheTextbookMatrix() {
        double[] a = {4, 12, -16, 0, 37, -43, 0, 0, 98};
        Cholesky.factor(a, 3);
        assertThat(a[0]).isEqualTo(2);
        assertThat(a[1]).isEqualTo(6);
        assertThat(a[2]).isEqualTo(-8);
        assertThat(a[4]).isEqualTo(1);
        assertThat(a[5]).isEqualTo(5);
        assertThat(a[8]).isEqualTo(3);
        double[] rhs = {-20, -43, 192};
        Cholesky.solve(a, 3, rhs);
        assertThat(rhs[0]).isCloseTo(1, within(1e-12));
        assertThat(rhs[1]).isCloseTo(2, within(1e-12));
        assertThat(rhs[2]).isCloseTo(3, within(1e-12));
        assertThatThrownBy(() -> Cholesky.factor(new double[] {1, 2, 0, 1}, 2)).isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("the matrix is not positive definite");
        assertThatThrownBy(() -> Cholesky.factor(new double[] {1, 1, 0, 1}, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void brentFindsTheMaximumInsideAndAtTheEdgeOfTheInterval() {
        assertThat(ValueAdded.brentMax(x -> -(x - 2) * (x - 2), 0, 5)).isCloseTo(2, within(1e-6));
        assertThat(ValueAdded.brentMax(x -> Math.log(x) - x / 3, 0.01, 10)).isCloseTo(3, within(1e-6));
        assertThat(ValueAdded.brentMax(x -> -x, 1, 4)).isCloseTo(1, within(1e-6));
        assertThat(ValueAdded.brentMax(x -> Math.sin(x), 0, 3)).isCloseTo(Math.PI / 2, within(1e-6));
    }
}
