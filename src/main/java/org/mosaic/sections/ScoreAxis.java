package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The students in score order with prefix counts, for the interval bounds: a section spanning the distinct scores a
 * to b can only hold students in sorted positions {@code from[a]} to {@code from[b + 1]}, and the prefix arrays give
 * how many of each band and attribute, and what score total, lie there.
 */
final class ScoreAxis {
    /** Students by score. */
    final int[] order;
    /** Where each distinct score starts in {@link #order}; {@code from[distinct]} is n. */
    final int[] from;
    final int distinct;
    final int[][] bandPrefix;
    final int[][] attrPrefix;
    final long[] scorePrefix;

    ScoreAxis(SectionCost c) {
        int n = c.n;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(c.score[a], c.score[b]));
        order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (k == 0 || c.score[order[k]] != c.score[order[k - 1]]) {
                starts.add(k);
            }
        }
        distinct = starts.size();
        from = new int[distinct + 1];
        for (int d = 0; d < distinct; d++) {
            from[d] = starts.get(d);
        }
        from[distinct] = n;
        int attrs = c.attributes.size();
        bandPrefix = new int[c.bands][n + 1];
        attrPrefix = new int[attrs][n + 1];
        scorePrefix = new long[n + 1];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            for (int b = 0; b < c.bands; b++) {
                bandPrefix[b][k + 1] = bandPrefix[b][k] + (c.band[i] == b ? 1 : 0);
            }
            for (int a = 0; a < attrs; a++) {
                attrPrefix[a][k + 1] = attrPrefix[a][k] + (c.hasAttr[a][i] ? 1 : 0);
            }
            scorePrefix[k + 1] = scorePrefix[k] + c.score[i];
        }
    }
}
