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

    /** Eight scores 1-8 in two groups: dealt 8, 7 | 6, 5 | 4, 3 | 2, 1 in serpentine order. */
    @Test
    void serpentineDealingByHand() {
        double[] scores = {1, 2, 3, 4, 5, 6, 7, 8};
        List<int[]> groups = MixedGroups.deal(scores, 2, new int[0][]);
        assertThat(groups.get(0)).containsExactly(0, 3, 4, 7);
        assertThat(groups.get(1)).containsExactly(1, 2, 5, 6);
        // Keep 8 and 5 apart: 5 (rank 4) swaps with the nearest-ranked student of the other group, 6 (rank 3).
        List<int[]> apart = MixedGroups.deal(scores, 2, new int[][] {{7, 4}});
        assertThat(apart.get(0)).containsExactly(0, 3, 5, 7);
        assertThat(apart.get(1)).containsExactly(1, 2, 4, 6);
    }

    @Test
    void impossibleDealsAreExplained() {
        double[] scores = {1, 2, 3};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MixedGroups.deal(scores, 0, new int[0][]))
                .isInstanceOf(org.mosaic.model.BadInputException.class)
                .hasMessage("mixed groups: need between 1 and 3 groups (got 0)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MixedGroups.deal(scores, 4, new int[0][]))
                .isInstanceOf(org.mosaic.model.BadInputException.class)
                .hasMessage("mixed groups: need between 1 and 3 groups (got 4)");
        assertThat(MixedGroups.deal(scores, 3, new int[0][])).hasSize(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MixedGroups.deal(scores, 1,
                new int[][] {{0, 2}})).isInstanceOf(org.mosaic.model.BadInputException.class)
                .hasMessage("mixed groups: no dealing keeps every keep-apart pair apart with 1 groups");
    }
}
