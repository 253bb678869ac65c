package org.mosaic.sections;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The interval-cover bound ({@link CoverBound}) with conservation priced in. In the plain cover every
 * section picks its band counts on its own, so in the middle of the dial all sections may claim the same dense band
 * of students. Here the constraint that the sections' counts of band b add up to the n_b students of that band is
 * relaxed with a price λ_b (Lagrangian relaxation): a section's band cost becomes Σ_b (out(c_b) − λ_b c_b), and the
 * bound is the cheapest cover at those prices plus Σ_b λ_b n_b, valid for any prices. The balanced attributes
 * (gender, FRL, each race, …), the sections' sizes (adding up to n) and their score totals (adding up to the
 * school's) are priced the same way. Subgradient steps (Polyak, towards the best known objective) move the prices to
 * where the sections' claims match what the school has.
 *
 * <p>Each section's choices at given prices are exact: every band's cost is convex in its count (pay for each
 * student short of the fair share, nothing up to its ceiling, pay again above), so the cheapest z students are the z
 * cheapest marginal steps; each attribute count and the score total likewise lie at a corner of their ranges.
 * Placement rules are relaxed.
 */
final class LagrangianCover {
    private static final double INF = Double.MAX_VALUE / 4;

    private final SectionProblem p;
    private final SectionCost c;
    private final int m;
    private final int distinct;
    private final int[] from;
    private final int[][] bandPrefix;
    private final int[][] attrPrefix;
    /** What each price's constraint adds up to: students per band, per balanced attribute, sizes, score totals. */
    private final double[] target;
    private final long[] scorePrefix;
    private final int[] kindSlots;
    /** rest[a][b - a][kind][z - zMin]: range, mean and size cost of a section on [a, b] of size z. */
    private final long[][][][] rest;
    private final int[] zMin;
    private final int[] zMax;
    private final double[] stepValue;
    private final long[] stepCount;
    private final int[] stepBand;

    private LagrangianCover(SectionProblem p, SectionCost c, int cells) {
        this.p = p;
        this.c = c;
        this.m = c.m;
        ScoreAxis axis = new ScoreAxis(c).coarsened(cells);
        this.distinct = axis.distinct;
        this.from = axis.from;
        this.bandPrefix = axis.bandPrefix;
        this.attrPrefix = axis.attrPrefix;
        long[] scorePrefix = axis.scorePrefix;
        int attrs = c.attributes.size();
        // The last two prices: the sections' sizes add up to n, their score totals to the school's (in range units).
        this.scorePrefix = scorePrefix;
        target = new double[c.bands + attrs + 2];
        target[c.bands + attrs] = c.n;
        target[c.bands + attrs + 1] = scorePrefix[c.n] / (double) c.range;
        for (int b = 0; b < c.bands; b++) {
            target[b] = c.perBand[b];
        }
        for (int q = 0; q < attrs; q++) {
            target[c.bands + q] = attrPrefix[q][c.n];
        }
        stepValue = new double[3 * c.bands];
        stepCount = new long[3 * c.bands];
        stepBand = new int[3 * c.bands];
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            kinds.putIfAbsent(slot.capacity() + "/" + slot.minSize(), s);
        }
        kindSlots = kinds.values().stream().mapToInt(Integer::intValue).toArray();
        zMin = new int[kindSlots.length];
        zMax = new int[kindSlots.length];
        for (int k = 0; k < kindSlots.length; k++) {
            zMin[k] = Math.max(1, p.sections().get(kindSlots[k]).minSize());
            zMax[k] = p.sections().get(kindSlots[k]).capacity();
        }
        rest = new long[distinct][][][];
        for (int a = 0; a < distinct; a++) {
            rest[a] = new long[distinct - a][kindSlots.length][];
            for (int b = a; b < distinct; b++) {
                int lo = from[a];
                int hi = from[b + 1];
                long spread = c.spreadCoef * axis.innerSpan(c.score, a, b);
                for (int k = 0; k < kindSlots.length; k++) {
                    int s = kindSlots[k];
                    long[] costs = new long[Math.max(0, zMax[k] - zMin[k] + 1)];
                    for (int z = zMin[k]; z <= zMax[k]; z++) {
                        if (z > hi - lo) {
                            costs[z - zMin[k]] = Long.MAX_VALUE;
                            continue;
                        }
                        long cost = spread + c.sizeCoef * SectionCost.out(z, c.sizeLo[s], c.sizeHi[s]);
                        costs[z - zMin[k]] = cost;
                    }
                    rest[a][b - a][k] = costs;
                }
            }
        }
    }

    /**
     * The best bound found in {@code iterations} subgradient steps (0 if none is positive), aiming at the objective
     * {@code upper} of the best known classes. For the middle of the dial.
     */
    static long lowerBound(SectionProblem p, SectionCost c, long upper, int iterations) {
        return lowerBound(p, c, upper, iterations, ScoreAxis.CELLS);
    }

    /** As above, on a score axis of at most {@code cells} cells. */
    static long lowerBound(SectionProblem p, SectionCost c, long upper, int iterations, int cells) {
        // Sections that may stay empty would need their own empty-section cost; real grades have minimum sizes.
        boolean mayBeEmpty = p.sections().stream().anyMatch(slot -> slot.minSize() == 0);
        if (c.n == 0 || c.m == 0 || c.bandCoef == 0 || mayBeEmpty) {
            return 0;
        }
        return new LagrangianCover(p, c, cells).search(upper, iterations);
    }

    private long search(long upper, int iterations) {
        double[] lambda = new double[target.length];
        double best = 0;
        double theta = 1.0;
        int stale = 0;
        for (int it = 0; it < iterations; it++) {
            double[] claimed = new double[target.length];
            double value = evaluate(lambda, claimed);
            if (value > best + 1e-9 * Math.abs(best)) {
                best = value;
                stale = 0;
            } else if (++stale >= 4) {
                theta /= 2;
                stale = 0;
            }
            double norm = 0;
            double[] g = new double[target.length];
            for (int b = 0; b < target.length; b++) {
                g[b] = target[b] - claimed[b];
                norm += g[b] * g[b];
            }
            if (norm == 0 || upper <= value) {
                break;
            }
            double step = theta * (upper - value) / norm;
            for (int b = 0; b < target.length; b++) {
                lambda[b] += step * g[b];
            }
        }
        // Doubles carry the prices; the integer bound is rounded down with a margin for their rounding.
        return Math.max(0, (long) Math.floor(best - 1e-7 * Math.abs(best) - 1));
    }

    /** The Lagrangian bound at prices λ; {@code claimed} receives the band counts of the sections it chose. */
    private double evaluate(double[] lambda, double[] claimed) {
        double[][] h = new double[distinct][distinct];
        int[][] bestKind = new int[distinct][distinct];
        int[][] bestZ = new int[distinct][distinct];
        double cheapest = INF;
        int cheapA = -1;
        int cheapB = -1;
        for (int a = 0; a < distinct; a++) {
            for (int b = a; b < distinct; b++) {
                h[a][b] = INF;
                for (int k = 0; k < kindSlots.length; k++) {
                    double[] band = bandCosts(kindSlots[k], from[a], from[b + 1], lambda, zMax[k], null);
                    long[] other = rest[a][b - a][k];
                    for (int z = zMin[k]; z <= zMax[k]; z++) {
                        long o = other[z - zMin[k]];
                        if (o == Long.MAX_VALUE || band[z] >= INF) {
                            continue;
                        }
                        double cost = o + band[z] + attributeCost(kindSlots[k], from[a], from[b + 1], z, lambda,
                                null) - lambda[target.length - 2] * z
                                + totalCost(kindSlots[k], from[a], from[b + 1], z, lambda, null);
                        if (cost < h[a][b]) {
                            h[a][b] = cost;
                            bestKind[a][b] = k;
                            bestZ[a][b] = z;
                        }
                    }
                }
                if (h[a][b] < cheapest) {
                    cheapest = h[a][b];
                    cheapA = a;
                    cheapB = b;
                }
            }
        }
        // Chains of k intervals covering every score, the last ending at b, with back pointers.
        double[][] f = new double[m + 1][distinct];
        int[][] back = new int[m + 1][distinct];
        for (double[] row : f) {
            Arrays.fill(row, INF);
        }
        for (int b = 0; b < distinct; b++) {
            f[1][b] = h[0][b];
            back[1][b] = -1;
        }
        double bestTotal = add(f[1][distinct - 1], (m - 1) * cheapest);
        int bestK = 1;
        for (int k = 2; k <= m; k++) {
            for (int b = 0; b < distinct; b++) {
                double prefixMin = INF;
                int prefixAt = -1;
                for (int a = b; a >= 1; a--) {
                    if (f[k - 1][a - 1] < prefixMin) {
                        prefixMin = f[k - 1][a - 1];
                        prefixAt = a - 1;
                    }
                    if (prefixMin < INF && h[a][b] < INF && prefixMin + h[a][b] < f[k][b]) {
                        f[k][b] = prefixMin + h[a][b];
                        back[k][b] = prefixAt * distinct + a;
                    }
                }
            }
            double total = add(f[k][distinct - 1], (m - k) * cheapest);
            if (total < bestTotal) {
                bestTotal = total;
                bestK = k;
            }
        }
        if (bestTotal >= INF) {
            return 0;
        }
        // The chosen sections' band claims, for the subgradient.
        int b = distinct - 1;
        int a = 0;
        for (int k = bestK; k >= 1; k--) {
            int link = back[k][b];
            a = k == 1 ? 0 : link % distinct;
            claim(a, b, bestKind[a][b], bestZ[a][b], lambda, claimed, 1);
            b = k == 1 ? -1 : link / distinct;
        }
        if (m > bestK && cheapA >= 0) {
            claim(cheapA, cheapB, bestKind[cheapA][cheapB], bestZ[cheapA][cheapB], lambda, claimed, m - bestK);
        }
        double constant = 0;
        for (int q = 0; q < target.length; q++) {
            constant += lambda[q] * target[q];
        }
        return bestTotal + constant;
    }

    private void claim(int a, int b, int kind, int z, double[] lambda, double[] claimed, int times) {
        int[] counts = new int[c.bands];
        bandCosts(kindSlots[kind], from[a], from[b + 1], lambda, z, counts);
        for (int q = 0; q < c.bands; q++) {
            claimed[q] += times * counts[q];
        }
        int[] attrCounts = new int[c.attributes.size()];
        attributeCost(kindSlots[kind], from[a], from[b + 1], z, lambda, attrCounts);
        for (int q = 0; q < attrCounts.length; q++) {
            claimed[c.bands + q] += times * attrCounts[q];
        }
        claimed[target.length - 2] += times * z;
        double[] total = new double[1];
        totalCost(kindSlots[kind], from[a], from[b + 1], z, lambda, total);
        claimed[target.length - 1] += times * total[0];
    }

    /**
     * cost[z] for z = 0..zMax: the least Σ_b (bandCoef · out(c_b) − λ_b c_b) over band counts c_b ≤ available
     * adding up to z (INF beyond the students available). With {@code counts}, the counts for size zMax instead.
     */
    private double[] bandCosts(int s, int lo, int hi, double[] lambda, int zMaxHere, int[] counts) {
        // Up to three marginal steps per band (short of the floor, free up to the ceiling, over it), kept in
        // reusable arrays and insertion-sorted: this runs for every interval at every price update.
        int steps = 0;
        double base = 0;
        for (int q = 0; q < c.bands; q++) {
            if (c.perBand[q] == 0) {
                continue;
            }
            int avail = bandPrefix[q][hi] - bandPrefix[q][lo];
            long floor = c.bandLo[s][q];
            long ceil = c.bandHi[s][q];
            base += c.bandCoef * floor;
            long shortOf = Math.min(floor, avail);
            long free = Math.min(ceil, avail) - shortOf;
            long over = avail - Math.min(ceil, avail);
            steps = addStep(steps, -c.bandCoef - lambda[q], shortOf, q);
            steps = addStep(steps, -lambda[q], free, q);
            steps = addStep(steps, c.bandCoef - lambda[q], over, q);
        }
        double[] cost = new double[zMaxHere + 1];
        Arrays.fill(cost, INF);
        cost[0] = base;
        int z = 0;
        double running = base;
        for (int k = 0; k < steps && z < zMaxHere; k++) {
            for (long u = 0; u < stepCount[k] && z < zMaxHere; u++) {
                running += stepValue[k];
                z++;
                cost[z] = running;
                if (counts != null) {
                    counts[stepBand[k]]++;
                }
            }
        }
        return cost;
    }

    /**
     * The least Σ_q (attrCoef · out(c_q) − μ_q c_q) for a section of size z on sorted positions [lo, hi), each count
     * c_q between what the interval forces and what it offers (attributes relaxed one by one). The cost is convex
     * piecewise linear in each count, so the least lies at a bound of the range or of the fair share. With
     * {@code counts}, the chosen counts.
     */
    private double attributeCost(int s, int lo, int hi, int z, double[] prices, int[] counts) {
        double total = 0;
        for (int q = 0; q < c.attributes.size(); q++) {
            int avail = attrPrefix[q][hi] - attrPrefix[q][lo];
            long most = Math.min(z, avail);
            long least = Math.max(0, z - ((hi - lo) - avail));
            double mu = prices[c.bands + q];
            long bestCount = least;
            double best = attributeAt(q, s, least, mu);
            for (int corner = 0; corner < 3; corner++) {
                long v = corner == 0 ? most : corner == 1 ? c.attrLo[q][s] : c.attrHi[q][s];
                long count = Math.max(least, Math.min(most, v));
                double cost = attributeAt(q, s, count, mu);
                if (cost < best) {
                    best = cost;
                    bestCount = count;
                }
            }
            total += best;
            if (counts != null) {
                counts[q] = (int) bestCount;
            }
        }
        return total;
    }

    /**
     * The mean term less the score-total price for a section of size z on [lo, hi): the least over the totals the
     * interval allows (from its z lowest to its z highest scores); convex in the total, so a corner wins. With
     * {@code chosen}, the total in range units.
     */
    private double totalCost(int s, int lo, int hi, int z, double[] prices, double[] chosen) {
        long lowSum = scorePrefix[lo + z] - scorePrefix[lo];
        long highSum = scorePrefix[hi] - scorePrefix[hi - z];
        double pi = prices[target.length - 1] / c.range;
        double best = INF;
        long bestTotal = lowSum;
        for (int corner = 0; corner < 4; corner++) {
            long v = corner == 0 ? lowSum : corner == 1 ? highSum : corner == 2 ? c.meanLo[s] : c.meanHi[s];
            long total = Math.max(lowSum, Math.min(highSum, v));
            double cost = c.meanCoef * SectionCost.out(total, c.meanLo[s], c.meanHi[s]) - pi * total;
            if (cost < best) {
                best = cost;
                bestTotal = total;
            }
        }
        if (chosen != null) {
            chosen[0] = bestTotal / (double) c.range;
        }
        return best;
    }

    private double attributeAt(int q, int s, long count, double mu) {
        return c.attrCoef[q] * SectionCost.out(count, c.attrLo[q][s], c.attrHi[q][s]) - mu * count;
    }

    /** Inserts a marginal step into the sorted step arrays; returns their new length. */
    private int addStep(int length, double value, long count, int band) {
        if (count <= 0) {
            return length;
        }
        int at = length;
        while (at > 0 && stepValue[at - 1] > value) {
            stepValue[at] = stepValue[at - 1];
            stepCount[at] = stepCount[at - 1];
            stepBand[at] = stepBand[at - 1];
            at--;
        }
        stepValue[at] = value;
        stepCount[at] = count;
        stepBand[at] = band;
        return length + 1;
    }

    private static double add(double a, double b) {
        return a >= INF || b >= INF ? INF : a + b;
    }
}
