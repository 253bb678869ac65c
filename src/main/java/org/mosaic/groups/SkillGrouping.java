package org.mosaic.groups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.mosaic.model.BadInputException;

/**
 * Skill groups that are as homogeneous as a class allows. The objective is lexicographic: first the widest group
 * as narrow as possible (no group the teacher cannot teach at one level), then the total of the groups' score ranges
 * as small as possible. Both parts are minimized by groups that are contiguous runs of the sorted scores (the
 * uncrossing argument of Fisher 1958, "On grouping for maximum homogeneity": two groups whose score intervals overlap
 * can be replaced by the lower and upper runs of their union without widening either objective), so a dynamic
 * program over the sorted roster with sizes in [min, max] is exact, in O(n · (max − min + 1)).
 */
public final class SkillGrouping {
    private SkillGrouping() {
    }

    /** Groups as lists of roster indices, lowest scores first, with the two objective values. */
    public record Partition(List<int[]> groups, double maxRange, double totalRange, boolean provenOptimal) {
    }

    /**
     * @param scores one score per student
     * @param groups the number of groups, or 0 to let the sizes decide
     */
    public static Partition contiguous(double[] scores, int min, int max, int groups) {
        int n = scores.length;
        checkSizes(n, min, max, groups);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).thenComparingInt(i -> i));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scores[order[i]];
        }
        int kMax = groups > 0 ? groups : n;
        // best[k][j]: optimum for the first j sorted students in k groups, as {max range, total range}.
        double inf = Double.POSITIVE_INFINITY;
        double[][] bottleneck = new double[kMax + 1][n + 1];
        for (double[] row : bottleneck) {
            Arrays.fill(row, inf);
        }
        bottleneck[0][0] = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= kMax; k++) {
            for (int j = 1; j <= n; j++) {
                for (int s = min; s <= max && s <= j; s++) {
                    double prev = bottleneck[k - 1][j - s];
                    if (prev < inf) {
                        bottleneck[k][j] = Math.min(bottleneck[k][j], Math.max(prev, x[j - 1] - x[j - s]));
                    }
                }
            }
        }
        double best = inf;
        for (int k = 1; k <= kMax; k++) {
            if (groups == 0 || k == groups) {
                best = Math.min(best, bottleneck[k][n]);
            }
        }
        if (best == inf) {
            throw infeasible(n, min, max, groups);
        }
        double bound = best + 1e-9;
        double[][] total = new double[kMax + 1][n + 1];
        int[][] size = new int[kMax + 1][n + 1];
        for (double[] row : total) {
            Arrays.fill(row, inf);
        }
        total[0][0] = 0;
        for (int k = 1; k <= kMax; k++) {
            for (int j = 1; j <= n; j++) {
                for (int s = min; s <= max && s <= j; s++) {
                    double range = x[j - 1] - x[j - s];
                    double prev = total[k - 1][j - s];
                    if (range <= bound && prev < inf && prev + range < total[k][j] - 1e-12) {
                        total[k][j] = prev + range;
                        size[k][j] = s;
                    }
                }
            }
        }
        int bestK = -1;
        for (int k = 1; k <= kMax; k++) {
            if ((groups == 0 || k == groups) && total[k][n] < inf
                    && (bestK < 0 || total[k][n] < total[bestK][n] - 1e-12)) {
                bestK = k;
            }
        }
        List<int[]> out = new ArrayList<>();
        int j = n;
        for (int k = bestK; k > 0; k--) {
            int s = size[k][j];
            int[] g = new int[s];
            for (int t = 0; t < s; t++) {
                g[t] = order[j - s + t];
            }
            out.add(0, g);
            j -= s;
        }
        return new Partition(out, best, total[bestK][n], true);
    }

    static void checkSizes(int n, int min, int max, int groups) {
        if (min < 1 || max < min) {
            throw new BadInputException("group sizes need 1 <= --min <= --max (got " + min + " and " + max + ")");
        }
        if (n == 0) {
            throw new BadInputException("the roster is empty: no student of the section has a score in the subject");
        }
    }

    static BadInputException infeasible(int n, int min, int max, int groups) {
        return new BadInputException(groups > 0
                ? String.format("%d students cannot form %d groups of %d to %d: that needs %d to %d students; change "
                        + "--groups, --min or --max", n, groups, min, max, groups * min, groups * max)
                : String.format("%d students cannot be split into groups of %d to %d (e.g. 9 students with --min 4 "
                        + "--max 4); widen --min/--max", n, min, max));
    }

    /** Range of a group's scores. */
    static double range(double[] scores, int[] group) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : group) {
            lo = Math.min(lo, scores[i]);
            hi = Math.max(hi, scores[i]);
        }
        return hi - lo;
    }
}
