package org.mosaic.groups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.mosaic.model.BadInputException;

/**
 * Mixed-ability groups for the collaborative station: students dealt by score rank in serpentine order (1, 2, …, k,
 * k, …, 1) so each group spans the class's range and group means are nearly equal; a keep-apart pair that would
 * share a group is resolved by swapping with the nearest-ranked student of another group.
 */
public final class MixedGroups {
    private MixedGroups() {
    }

    public static List<int[]> deal(double[] scores, int groups, int[][] apart) {
        int n = scores.length;
        if (groups < 1 || groups > n) {
            throw new BadInputException("mixed groups: need between 1 and " + n + " groups (got " + groups + ")");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        int[] label = new int[n];
        for (int k = 0; k < n; k++) {
            int round = k / groups;
            int pos = k % groups;
            label[order[k]] = round % 2 == 0 ? pos : groups - 1 - pos;
        }
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[order[k]] = k;
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int[] p : apart) {
                if (label[p[0]] != label[p[1]]) {
                    continue;
                }
                int mover = p[1];
                int best = -1;
                for (int j = 0; j < n; j++) {
                    if (label[j] != label[mover] && !conflicts(j, label[mover], label, apart, mover)
                            && !conflicts(mover, label[j], label, apart, j)
                            && (best < 0 || Math.abs(rank[j] - rank[mover]) < Math.abs(rank[best] - rank[mover]))) {
                        best = j;
                    }
                }
                if (best >= 0) {
                    int t = label[mover];
                    label[mover] = label[best];
                    label[best] = t;
                }
            }
        }
        for (int[] p : apart) {
            if (label[p[0]] == label[p[1]]) {
                throw new BadInputException("mixed groups: no dealing keeps every keep-apart pair apart with "
                        + groups + " groups");
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int gg = g;
            out.add(java.util.stream.IntStream.range(0, n).filter(i -> label[i] == gg).toArray());
        }
        return out;
    }

    private static boolean conflicts(int student, int group, int[] label, int[][] apart, int leaving) {
        for (int[] p : apart) {
            int other = p[0] == student ? p[1] : p[1] == student ? p[0] : -1;
            if (other >= 0 && other != leaving && label[other] == group) {
                return true;
            }
        }
        return false;
    }
}
