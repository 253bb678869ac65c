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
    /**
     * Score cells the priced bounds work on: every distinct score for a school (Elmhurst has about 100), merged runs of
     * them for a large grade, whose hundreds of distinct scores would cost O(D²) intervals at every price step.
     */
    static final int CELLS = 160;

    /** Students by score. */
    final int[] order;
    /** Where each distinct score starts in {@link #order}; {@code from[distinct]} is n. */
    final int[] from;
    final int distinct;
    final int[][] bandPrefix;
    final int[][] attrPrefix;
    final long[] scorePrefix;

    private ScoreAxis(ScoreAxis fine, int[] from) {
        this.order = fine.order;
        this.from = from;
        this.distinct = from.length - 1;
        this.bandPrefix = fine.bandPrefix;
        this.attrPrefix = fine.attrPrefix;
        this.scorePrefix = fine.scorePrefix;
    }

    /**
     * The axis with runs of neighbouring distinct scores merged into at most {@code cells} cells of about equal
     * numbers of students (this axis itself if it has no more). An interval bound over cells is still a bound if a
     * section spanning cells a to b is charged only the score range between them (from the top of cell a to the
     * bottom of cell b, see {@link #innerSpan}) and offered every student of both cells.
     */
    ScoreAxis coarsened(int cells) {
        if (distinct <= cells) {
            return this;
        }
        int n = order.length;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int d = 1; d < distinct; d++) {
            // A new cell starts at the first distinct score past the next equal-count mark.
            if ((long) from[d] * cells >= (long) (starts.size()) * n && from[d] > starts.get(starts.size() - 1)) {
                starts.add(from[d]);
            }
        }
        int[] merged = new int[starts.size() + 1];
        for (int k = 0; k < starts.size(); k++) {
            merged[k] = starts.get(k);
        }
        merged[starts.size()] = n;
        return new ScoreAxis(this, merged);
    }

    /**
     * The least score range of a section whose lowest score lies in cell a and highest in cell b: from the top of a
     * to the bottom of b (0 within one cell). On an axis of single distinct scores, exactly their difference.
     */
    long innerSpan(long[] score, int a, int b) {
        return a == b ? 0 : score[order[from[b]]] - score[order[from[a + 1] - 1]];
    }

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
