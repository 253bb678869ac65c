package org.mosaic.sections;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.sections.rules.RuleSet;

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
        ScoreAxis axis = new ScoreAxis(c);
        int[] order = axis.order;
        int distinct = axis.distinct;
        int[] from = axis.from;
        int attrs = c.attributes.size();
        int[][] bandPrefix = axis.bandPrefix;
        int[][] attrPrefix = axis.attrPrefix;
        long[] scorePrefix = axis.scorePrefix;
        // Sections that differ only in name share fair shares and sizes: one interval cost per kind. With co-taught
        // clustering on, co-taught and other sections are kept apart (type 1 and 0), for the typed cover below.
        RuleSet rules = RuleSet.of(p, c.score);
        boolean typed = rules.coTaught().on();
        List<Map<String, Integer>> kinds = List.of(new LinkedHashMap<>(), new LinkedHashMap<>());
        int coTaught = 0;
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            int type = typed && rules.coTaught().opens(s) ? 1 : 0;
            coTaught += type;
            kinds.get(type).putIfAbsent(slot.capacity() + "/" + slot.minSize(), s);
        }
        long[][][] hType = new long[2][distinct][distinct];
        long[] cheapestOfType = {INF, INF};
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
                long spread = c.spreadCoef * (c.score[order[hi - 1]] - c.score[order[lo]]);
                for (int type = 0; type < 2; type++) {
                    long best = INF;
                    for (int s : kinds.get(type).values()) {
                        best = Math.min(best, sectionCost(p, c, s, lo, hi, bandAvail, attrAvail, scorePrefix));
                    }
                    hType[type][a][b] = best >= INF ? INF : best + spread;
                    cheapestOfType[type] = Math.min(cheapestOfType[type], hType[type][a][b]);
                }
            }
        }
        for (int type = 0; type < 2; type++) {
            for (int s : kinds.get(type).values()) {
                if (p.sections().get(s).minSize() == 0) {
                    cheapestOfType[type] = Math.min(cheapestOfType[type], emptySectionCost(c, s));
                }
            }
        }
        long[][] h = new long[distinct][distinct];
        for (int a = 0; a < distinct; a++) {
            for (int b = a; b < distinct; b++) {
                h[a][b] = Math.min(hType[0][a][b], hType[1][a][b]);
            }
        }
        long cheapestAnywhere = Math.min(cheapestOfType[0], cheapestOfType[1]);
        long typedBound = 0;
        if (typed && coTaught > 0 && coTaught < m) {
            boolean[] coAt = new boolean[distinct];
            for (int d = 0; d < distinct; d++) {
                for (int k = from[d]; k < from[d + 1]; k++) {
                    coAt[d] |= rules.coTaught().marks(order[k]);
                }
            }
            typedBound = typedCover(hType, cheapestOfType, coAt, coTaught, m - coTaught);
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
        return Math.max(bound >= INF ? 0 : bound, typedBound);
    }

    /**
     * The cover bound when co-taught students must sit in co-taught sections: the sections' intervals must cover every
     * score, and the co-taught sections' intervals every score a co-taught student has. Intervals are taken in order of
     * their right ends; one extends the covered prefix u if it starts no later than u + 1, and (if co-taught) the
     * co-taught-covered prefix v if no co-taught score lies between v and its start. Any valid family passes this
     * greedy sweep
     * (an interval skipped by a frontier is dominated, for that frontier, by a later one), so the cheapest sweep
     * that ends with both prefixes complete, plus the cheapest possible section of each type for the intervals that
     * extend neither, bounds every placement. States: u, v, co-taught and other sections used.
     */
    static long typedCover(long[][][] h, long[] cheapest, boolean[] coAt, int coTaught, int others) {
        int d = coAt.length;
        if ((long) (d + 1) * (d + 1) * (coTaught + 1) * (others + 1) > 4_000_000L) {
            return 0;
        }
        // nextCo[v + 1]: the first co-taught score position after v (d when none is left).
        int[] nextCo = new int[d + 1];
        nextCo[d] = d;
        for (int x = d - 1; x >= 0; x--) {
            nextCo[x] = coAt[x] ? x : nextCo[x + 1];
        }
        // prefixMin[type][x][b]: the cheapest interval of the type ending at b and starting at or before x.
        long[][][] prefixMin = new long[2][d][d];
        for (int type = 0; type < 2; type++) {
            for (int b = 0; b < d; b++) {
                long best = INF;
                for (int x = 0; x < d; x++) {
                    if (x <= b) {
                        best = Math.min(best, h[type][x][b]);
                    }
                    prefixMin[type][x][b] = best;
                }
            }
        }
        // f[u + 1][v + 1][k][j]: least cost with everything up to u and every co-taught score up to v covered, k
        // co-taught
        // and j other intervals used. Updated in place as b grows: each state is extended at most once per b by an
        // interval ending at b (a second interval ending at b could extend neither prefix further, except a
        // co-taught one extending only v, taken by the second pass).
        long[][][][] f = new long[d + 1][d + 1][coTaught + 1][others + 1];
        for (long[][][] a : f) {
            for (long[][] b : a) {
                for (long[] c : b) {
                    Arrays.fill(c, INF);
                }
            }
        }
        f[0][0][0][0] = 0;
        for (int b = 0; b < d; b++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int u = -1; u < b; u++) {
                    for (int v = -1; v <= b; v++) {
                        for (int k = 0; k <= coTaught; k++) {
                            for (int j = 0; j <= others; j++) {
                                long cost = f[u + 1][v + 1][k][j];
                                if (cost >= INF) {
                                    continue;
                                }
                                extend(f, prefixMin, cost, u, v, k, j, b, coTaught, others, nextCo);
                            }
                        }
                    }
                }
            }
        }
        int lastCo = -1;
        for (int x = 0; x < d; x++) {
            lastCo = coAt[x] ? x : lastCo;
        }
        long best = INF;
        for (int v = lastCo; v < d; v++) {
            for (int k = 0; k <= coTaught; k++) {
                for (int j = 0; j <= others; j++) {
                    long cost = f[d][v + 1][k][j];
                    if (cost < INF) {
                        best = Math.min(best, add(add(cost, mul(coTaught - k, cheapest[1])),
                                mul(others - j, cheapest[0])));
                    }
                }
            }
        }
        return best >= INF ? 0 : best;
    }

    /** The ways one interval ending at b can extend state (u, v, k, j). */
    private static void extend(long[][][][] f, long[][][] prefixMin, long cost, int u, int v, int k, int j, int b,
                               int coTaught, int others, int[] nextCo) {
        int uStart = u + 1;
        int vStart = Math.min(nextCo[v + 1], b);
        int newV = nextCo[v + 1] <= b ? b : v;
        if (j < others && b > u) {
            relax(f, b + 1, v + 1, k, j + 1, add(cost, prefixMin[0][uStart][b]));
        }
        if (k < coTaught) {
            if (b > u && newV > v) {
                // Extends both: starts no later than u + 1 and than the first uncovered co-taught score.
                relax(f, b + 1, newV + 1, k + 1, j, add(cost, prefixMin[1][Math.min(uStart, vStart)][b]));
            }
            if (b > u) {
                relax(f, b + 1, v + 1, k + 1, j, add(cost, prefixMin[1][uStart][b]));
            }
            if (newV > v) {
                relax(f, u + 1, newV + 1, k + 1, j, add(cost, prefixMin[1][vStart][b]));
            }
        }
    }

    private static void relax(long[][][][] f, int u, int v, int k, int j, long cost) {
        if (cost < f[u][v][k][j]) {
            f[u][v][k][j] = cost;
        }
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
