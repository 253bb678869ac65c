package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The exact bootstrap distribution of the median against oracles written here: every one of the n^n resamples
 * enumerated (small n, odd and even, with ties), and for a larger sample, the medians of many drawn resamples.
 */
class MedianIntervalTest {
    @Test
    void equalsTheDistributionOverEveryResampleEnumerated() {
        int[][] samples = {{40}, {12, 70}, {5, 5, 90}, {10, 20, 20, 80}, {1, 50, 50, 50, 99}, {3, 30, 31, 60, 61, 99},
            {7, 7, 7, 40, 41, 42, 99}};
        for (int[] sample : samples) {
            double[] expected = enumerate(sample);
            double[] exact = MedianInterval.bootstrapDistribution(sorted(sample));
            for (int i = 0; i < expected.length; i++) {
                assertThat(exact[i]).as("%s, median %s", Arrays.toString(sample), i / 2.0)
                        .isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    @Test
    void agreesWithManyDrawnResamplesOnALargerUnit() {
        SplittableRandom r = new SplittableRandom(9);
        for (int n : new int[] {60, 61}) {
            int[] sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = 1 + (int) Math.min(98, Math.abs(r.nextGaussian() * 25 + 50));
            }
            double[] drawn = new double[201];
            int draws = 200_000;
            int[] resample = new int[n];
            for (int b = 0; b < draws; b++) {
                for (int i = 0; i < n; i++) {
                    resample[i] = sample[r.nextInt(n)];
                }
                Arrays.sort(resample);
                drawn[(int) Math.round(2 * MedianInterval.median(resample))] += 1.0 / draws;
            }
            double[] exact = MedianInterval.bootstrapDistribution(sorted(sample));
            double cumulativeExact = 0;
            double cumulativeDrawn = 0;
            for (int i = 0; i < exact.length; i++) {
                cumulativeExact += exact[i];
                cumulativeDrawn += drawn[i];
                // 200,000 draws: the standard error of a cumulative share is at most 0.0011
                assertThat(cumulativeExact).as("n %d, P(median ≤ %s)", n, i / 2.0)
                        .isCloseTo(cumulativeDrawn, within(0.006));
            }
            assertThat(cumulativeExact).isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void theIntervalHoldsTheMedianAndNarrowsWithMoreStudents() {
        int[] small = new int[21];
        int[] large = new int[2001];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < large.length; i++) {
            large[i] = 1 + r.nextInt(99);
            if (i < small.length) {
                small[i] = large[i];
            }
        }
        MedianInterval a = MedianInterval.of(small);
        MedianInterval b = MedianInterval.of(large);
        assertThat(a.low()).isLessThanOrEqualTo(a.median());
        assertThat(a.high()).isGreaterThanOrEqualTo(a.median());
        assertThat(b.high() - b.low()).isLessThan(a.high() - a.low());
        assertThat(MedianInterval.of(new int[] {42, 42, 42}).low()).isEqualTo(42);
    }

    private static int[] sorted(int[] v) {
        int[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** Every resample (index vector in base n), its median, weighted 1 / n^n. */
    private static double[] enumerate(int[] sample) {
        int n = sample.length;
        double[] out = new double[201];
        int total = 1;
        for (int i = 0; i < n; i++) {
            total *= n;
        }
        int[] resample = new int[n];
        for (int code = 0; code < total; code++) {
            int c = code;
            for (int i = 0; i < n; i++) {
                resample[i] = sample[c % n];
                c /= n;
            }
            Arrays.sort(resample);
            out[(int) Math.round(2 * MedianInterval.median(resample))] += 1.0 / total;
        }
        return out;
    }
}
