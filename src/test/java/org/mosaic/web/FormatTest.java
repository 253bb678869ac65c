package org.mosaic.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The fast fixed-point formats against String.format itself, the oracle they replace, on awkward values. */
class FormatTest {
    @Test
    void fixedDecimalsAreWhatStringFormatWrites() {
        double[] awkward = {0, -0.0, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, -0.04, -0.05, -0.15, 0.125, 0.375, 1e-9,
            -1e-9, 9.95, 99.95, 999.9999, 1e15 + 0.5, 123456789.125, 1e21, 4.35, 0.45, -2.5, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : awkward) {
            check(v);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 200_000; k++) {
            // Values on a grid of halves at the rounding digit (ties) and plain random ones, both signs.
            double v = k % 2 == 0 ? (r.nextInt(-200_000, 200_000) + 0.5) / Math.pow(10, r.nextInt(0, 5))
                    : r.nextDouble(-1000, 1000);
            check(v);
        }
    }

    private static void check(double v) {
        assertThat(Format.one(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
        assertThat(Format.two(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
        assertThat(Format.three(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
        assertThat(Format.percent(v / 100)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.0f %%",
                100 * (v / 100)));
    }
}
