package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MixedGroupsTest {
    @Test
    void serpentineDealingSpansTheRangeAndKeepsMeansClose() {
        double[] scores = new double[24];
        for (int i = 0; i < 24; i++) {
            scores[i] = 170 + 2 * i;
        }
        List<int[]> groups = MixedGroups.deal(scores, 4, new int[][] {{23, 20}});
        assertThat(groups).hasSize(4).allSatisfy(g -> assertThat(g).hasSize(6));
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int[] g : groups) {
            double mean = java.util.Arrays.stream(g).mapToDouble(i -> scores[i]).average().orElseThrow();
            lo = Math.min(lo, mean);
            hi = Math.max(hi, mean);
            // Every group has someone from the top quarter and the bottom quarter.
            assertThat(java.util.Arrays.stream(g).anyMatch(i -> i >= 18)).isTrue();
            assertThat(java.util.Arrays.stream(g).anyMatch(i -> i < 6)).isTrue();
        }
        assertThat(hi - lo).isLessThanOrEqualTo(4.0);
        for (int[] g : groups) {
            boolean has23 = java.util.Arrays.stream(g).anyMatch(i -> i == 23);
            boolean has20 = java.util.Arrays.stream(g).anyMatch(i -> i == 20);
            assertThat(has23 && has20).isFalse();
        }
    }
}
