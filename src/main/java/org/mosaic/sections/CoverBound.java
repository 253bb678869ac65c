package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lower bound on the whole objective for any dial, from score intervals. A section whose students span the scores
 * [lo, hi] pays t-weighted range hi − lo, and cannot do better on balance than the students inside [lo, hi] allow:
 * a narrow section misses whole score bands and its mean sits off the school's. So each candidate interval gets the
 * least objective any section spanning exactly it can have (its range, plus for each size the least band, mean,
 * demographic and size penalties, each minimised on its own, which can only undercount); and since every student
 * lies in some section's interval, the sections' intervals cover all the scores. The cheapest cover by a chain of k
 * intervals plus the cheapest possible section for each of the other m − k bounds every placement from below.
 *
 * <p>This is the trade-off the dial's middle is about, which the LP relaxation cannot see: at fractional values every
 * section takes a little of every band at no range cost. Hard rules are relaxed (a bound may ignore them).
 */
final class CoverBound {
    private static final long INF = Long.MAX_VALUE / 4;

    private CoverBound() {
    }

    static long lowerBound(SectionProblem p, SectionCost c) {
        int n = c.n;
        int m = c.m;
        if (n == 0 || m == 0) {
            return 0;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(c.score[a], c.score[b]));
        int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        // Positions where each distinct score starts in the sorted order.
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (k == 0 || c.score[order[k]] != c.score[order[k - 1]]) {
                starts.add(k);
            }
        }
        int distinct = starts.size();
        int[] from = new int[distinct + 1];
        for (int d = 0; d < distinct; d++) {
            from[d] = starts.get(d);
        }
        from[distinct] = n;
        int attrs = c.attributes.size();
        int[][] bandPrefix = new int[c.bands][n + 1];
        int[][] attrPrefix = new int[attrs][n + 1];
        long[] scorePrefix = new long[n + 1];
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
        // Sections that differ only in name share fair shares and sizes: one interval cost per kind.
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            kinds.putIfAbsent(slot.capacity() + "/" + slot.minSize(), s);
        }
        long[][] h = new long[distinct][distinct];
        long cheapestAnywhere = INF;
        int[] bandAvail = new int[c.bands];
        int[] attrAvail = new int[attrs];
        for (int a = 0; a < distinct; a++) {
            for (int b = a; b < distinct; b++) {
                int lo = from[a];
                int hi = from[b + 1];
                for (int q = 0; q < c.bands; q++) {
                    bandAvail[q] = bandPrefix[q][hi] - bandPrefix[q][lo];
                }
                for (int q = 0; q < attrs; q++) {
                    attrAvail[q] = attrPrefix[q][hi] - attrPrefix[q][lo];
                }
                long best = INF;
                for (int s : kinds.values()) {
                    best = Math.min(best, sectionCost(p, c, s, lo, hi, bandAvail, attrAvail, scorePrefix));
                }
                long spread = c.spreadCoef * (c.score[order[hi - 1]] - c.score[order[lo]]);
                h[a][b] = best >= INF ? INF : best + spread;
                cheapestAnywhere = Math.min(cheapestAnywhere, h[a][b]);
            }
        }
        for (int s : kinds.values()) {
            if (p.sections().get(s).minSize() == 0) {
                cheapestAnywhere = Math.min(cheapestAnywhere, emptySectionCost(c, s));
            }
        }
        // f[b]: least cost of a chain of k intervals covering every score up to distinct value b, the last ending at b.
        long[] f = new long[distinct];
        for (int b = 0; b < distinct; b++) {
            f[b] = h[0][b];
        }
        long bound = add(f[distinct - 1], mul(m - 1, cheapestAnywhere));
        for (int k = 2; k <= m; k++) {
            long[] g = new long[distinct];
            Arrays.fill(g, INF);
            for (int b = 0; b < distinct; b++) {
                // The new interval [a, b] must start no later than just after the covered prefix ends (j ≥ a − 1).
                long prefixMin = INF;
                for (int a = b; a >= 1; a--) {
                    prefixMin = Math.min(prefixMin, f[a - 1]);
                    if (prefixMin < INF && h[a][b] < INF) {
                        g[b] = Math.min(g[b], prefixMin + h[a][b]);
                    }
                }
            }
            f = g;
            bound = Math.min(bound, add(f[distinct - 1], mul(m - k, cheapestAnywhere)));
        }
        return bound >= INF ? 0 : bound;
    }

    /**
     * The least balance-and-size cost of section s holding only students from sorted positions [lo, hi): for each
     * size z, band counts as near their fair shares as the available students allow (a count above its share's
     * ceiling or below its floor costs one each), the score total as near the fair range as the z lowest or highest
     * scores allow, and each attribute as near as its availability allows.
     */
    private static long sectionCost(SectionProblem p, SectionCost c, int s, int lo, int hi, int[] bandAvail,
                                    int[] attrAvail, long[] scorePrefix) {
        int available = hi - lo;
        SectionProblem.Slot slot = p.sections().get(s);
        if (available < Math.max(1, slot.minSize())) {
            return INF;
        }
        long forced = 0;
        long zeroFrom = 0;
        long zeroTo = 0;
        for (int b = 0; b < c.bands; b++) {
            if (c.perBand[b] == 0) {
                continue;
            }
            forced += Math.max(0, c.bandLo[s][b] - bandAvail[b]);
            zeroFrom += Math.min(c.bandLo[s][b], bandAvail[b]);
            zeroTo += Math.min(c.bandHi[s][b], bandAvail[b]);
        }
        long best = INF;
        for (int z = Math.max(1, slot.minSize()); z <= Math.min(slot.capacity(), available); z++) {
            long band = forced + Math.max(0, z - zeroTo) + Math.max(0, zeroFrom - z);
            long lowSum = scorePrefix[lo + z] - scorePrefix[lo];
            long highSum = scorePrefix[hi] - scorePrefix[hi - z];
            long mean = Math.max(0, Math.max(c.meanLo[s] - highSum, lowSum - c.meanHi[s]));
            long cost = c.bandCoef * band + c.meanCoef * mean + c.sizeCoef * SectionCost.out(z, c.sizeLo[s],
                    c.sizeHi[s]);
            for (int a = 0; a < attrAvail.length; a++) {
                long most = Math.min(z, attrAvail[a]);
                long least = Math.max(0, z - (available - attrAvail[a]));
                cost += c.attrCoef[a] * Math.max(0, Math.max(c.attrLo[a][s] - most, least - c.attrHi[a][s]));
            }
            best = Math.min(best, cost);
        }
        return best;
    }

    private static long emptySectionCost(SectionCost c, int s) {
        long cost = c.sizeCoef * SectionCost.out(0, c.sizeLo[s], c.sizeHi[s]) + c.meanCoef * SectionCost.out(0,
                c.meanLo[s], c.meanHi[s]);
        for (int b = 0; b < c.bands; b++) {
            cost += c.perBand[b] == 0 ? 0 : c.bandCoef * c.bandLo[s][b];
        }
        for (int a = 0; a < c.attributes.size(); a++) {
            cost += c.attrCoef[a] * c.attrLo[a][s];
        }
        return cost;
    }

    private static long add(long a, long b) {
        return a >= INF || b >= INF ? INF : a + b;
    }

    private static long mul(int k, long v) {
        return k == 0 ? 0 : v >= INF ? INF : k * v;
    }
}
