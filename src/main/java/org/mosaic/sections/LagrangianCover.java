package org.mosaic.sections;

import static org.mosaic.sections.rules.StudentKinds.CERTIFIED;
import static org.mosaic.sections.rules.StudentKinds.CLUSTERED;
import static org.mosaic.sections.rules.StudentKinds.CO_TAUGHT;
import static org.mosaic.sections.rules.StudentKinds.KINDS;

import java.util.Arrays;

import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.StudentKinds;

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
 *
 * <p>The placement rules enter the same way. A section is of a kind (its seats, minimum size, whether co-taught and
 * EL-certified under the rules) and, under the gifted rule, a cluster or not; it may only take the students its kind
 * allows (co-taught students co-taught sections, English learners certified ones), at most the ICT cap of co-taught
 * students and
 * the cluster limits of gifted ones. The sections' counts of co-taught students, English learners and gifted
 * students, the
 * number of clusters and the number of sections of each kind add up to the school's, and are priced. Requests, locks
 * and levels are relaxed.
 */
final class LagrangianCover {
    private static final double INF = Double.MAX_VALUE / 4;

    private final SectionProblem p;
    /** The rules' shares: the co-taught and EL-certified placement rules and the gifted clusters. */
    private final RuleSet rules;
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
    /** Per section kind: co-taught and EL-certified under the rules, and how many sections are of it. */
    private final boolean[] coTaught;
    private final boolean[] certified;
    private final int[] kindCount;
    /** The first kind with the same seats and minimum size as each kind (whose non-rule costs are the same). */
    private final int[] sameSeats;
    private final boolean coRule;
    private final boolean elRule;
    private final boolean giftedRule;
    private final int outsideCap;
    /** Students of each kind (bits above) up to each sorted position. */
    private final int[][] studentKindPrefix;
    /** Where the prices of the rule counts sit in the price vector, after bands, attributes, sizes, totals. */
    private final int sizeAt;
    private final int totalAt;
    private final int coAt;
    private final int elAt;
    private final int giftedAt;
    private final int clusterAt;
    private final int kindAt;
    /** rest[a][b - a][kind][z - zMin]: range, mean and size cost of a section on [a, b] of size z. */
    private final long[][][][] rest;
    private final int[] zMin;
    private final int[] zMax;
    private final double[] stepValue;
    private final long[] stepCount;
    private final int[] stepBand;
    /** Band costs by size, reused across intervals (the largest capacity + 1). */
    private final double[] bandBuffer;

    private LagrangianCover(SectionProblem p, SectionCost c, int cells) {
        this.p = p;
        this.c = c;
        this.rules = RuleSet.of(p, c.score);
        this.m = c.m;
        ScoreAxis axis = new ScoreAxis(c).coarsened(cells);
        this.distinct = axis.distinct;
        this.from = axis.from;
        this.bandPrefix = axis.bandPrefix;
        this.attrPrefix = axis.attrPrefix;
        long[] scorePrefix = axis.scorePrefix;
        int attrs = c.attributes.size();
        this.scorePrefix = scorePrefix;
        coRule = rules.coTaught().on();
        elRule = rules.elCertified().on();
        giftedRule = rules.cluster().on();
        outsideCap = giftedRule ? rules.cluster().min() - 1 : 0;
        studentKindPrefix = new int[KINDS][c.n + 1];
        int[] kindOf = StudentKinds.of(rules, p.pupils().size());
        for (int k = 0; k < c.n; k++) {
            int kind = kindOf[axis.order[k]];
            for (int q = 0; q < KINDS; q++) {
                studentKindPrefix[q][k + 1] = studentKindPrefix[q][k] + (q == kind ? 1 : 0);
            }
        }
        SectionFamilies families = SectionFamilies.of(p, false);
        kindSlots = families.first();
        kindCount = families.count();
        coTaught = new boolean[kindSlots.length];
        certified = new boolean[kindSlots.length];
        sameSeats = new int[kindSlots.length];
        for (int k = 0; k < kindSlots.length; k++) {
            SectionProblem.Slot slot = p.sections().get(kindSlots[k]);
            coTaught[k] = coRule && rules.coTaught().opens(kindSlots[k]);
            certified[k] = elRule && rules.elCertified().opens(kindSlots[k]);
            sameSeats[k] = k;
            for (int e = 0; e < k; e++) {
                SectionProblem.Slot other = p.sections().get(kindSlots[e]);
                if (sameSeats[e] == e && other.capacity() == slot.capacity() && other.minSize() == slot.minSize()) {
                    sameSeats[k] = e;
                    break;
                }
            }
        }
        // Prices after bands and attributes: sizes add up to n, score totals to the school's (in range units), then
        // the co-taught, EL and gifted counts, the clusters and the sections of each kind.
        sizeAt = c.bands + attrs;
        totalAt = sizeAt + 1;
        coAt = totalAt + 1;
        elAt = coAt + 1;
        giftedAt = elAt + 1;
        clusterAt = giftedAt + 1;
        kindAt = clusterAt + 1;
        target = new double[kindAt + kindSlots.length];
        target[sizeAt] = c.n;
        target[totalAt] = scorePrefix[c.n] / (double) c.range;
        for (int b = 0; b < c.bands; b++) {
            target[b] = c.perBand[b];
        }
        for (int q = 0; q < attrs; q++) {
            target[c.bands + q] = attrPrefix[q][c.n];
        }
        for (int kind = 0; kind < KINDS; kind++) {
            int all = studentKindPrefix[kind][c.n];
            target[coAt] += (kind & CO_TAUGHT) != 0 ? all : 0;
            target[elAt] += (kind & CERTIFIED) != 0 ? all : 0;
            target[giftedAt] += (kind & CLUSTERED) != 0 ? all : 0;
        }
        target[clusterAt] = giftedRule ? rules.cluster().count(m) : 0;
        for (int k = 0; k < kindSlots.length; k++) {
            target[kindAt + k] = kindCount[k];
        }
        stepValue = new double[3 * c.bands];
        bandBuffer = new double[p.sections().stream().mapToInt(SectionProblem.Slot::capacity).max().orElse(0) + 1];
        stepCount = new long[3 * c.bands];
        stepBand = new int[3 * c.bands];
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

    /**
     * Subgradient steps on the band, attribute, size and total prices first, with the rules' prices held at 0 (the
     * rule counts only narrow each section's choices then), and from the best prices found, steps on all of them:
     * started together, the rules' prices slowed the others (Elmhurst at dial 0.5: 46.8 against 47.1 million).
     */
    private long search(long upper, int iterations) {
        double[] best = new double[1];
        double[] bestLambda = new double[target.length];
        climb(new double[target.length], upper, iterations, coAt, best, bestLambda);
        boolean rulesPriced = coRule || elRule || giftedRule || kindSlots.length > 1;
        if (rulesPriced) {
            climb(bestLambda.clone(), upper, iterations, target.length, best, bestLambda);
        }
        // Doubles carry the prices; the integer bound is rounded down with a margin for their rounding.
        return Math.max(0, (long) Math.floor(best[0] - 1e-7 * Math.abs(best[0]) - 1));
    }

    /**
     * Polyak subgradient steps from {@code lambda} towards the objective {@code upper}, moving only the first
     * {@code moving} prices; {@code best} and {@code bestLambda} keep the best bound seen and its prices.
     */
    private void climb(double[] lambda, long upper, int iterations, int moving, double[] best, double[] bestLambda) {
        double theta = 1.0;
        int stale = 0;
        for (int it = 0; it < iterations; it++) {
            double[] claimed = new double[target.length];
            double value = evaluate(lambda, claimed);
            if (value > best[0] + 1e-9 * Math.abs(best[0])) {
                best[0] = value;
                System.arraycopy(lambda, 0, bestLambda, 0, lambda.length);
                stale = 0;
            } else if (++stale >= 4) {
                theta /= 2;
                stale = 0;
            }
            double norm = 0;
            double[] g = new double[moving];
            for (int b = 0; b < moving; b++) {
                g[b] = target[b] - claimed[b];
                norm += g[b] * g[b];
            }
            if (norm == 0 || upper <= value) {
                break;
            }
            double step = theta * (upper - value) / norm;
            for (int b = 0; b < moving; b++) {
                lambda[b] += step * g[b];
            }
        }
    }

    /**
     * The Lagrangian bound at prices λ; {@code claimed} receives what the sections it chose claim of each priced
     * count (bands, attributes, sizes, score totals, rule counts, kinds).
     */
    private double evaluate(double[] lambda, double[] claimed) {
        double[][] h = new double[distinct][distinct];
        int[][] bestKind = new int[distinct][distinct];
        int[][] bestZ = new int[distinct][distinct];
        // The rule counts of each interval's best section, packed 20 bits each: co-taught, EL, gifted, cluster (0/1).
        long[][] bestRule = new long[distinct][distinct];
        double cheapest = INF;
        int cheapA = -1;
        int cheapB = -1;
        int[] avail = new int[KINDS];
        int[] allowed = new int[4];
        int[] rule = new int[4];
        double[][] core = new double[kindSlots.length][];
        for (int k = 0; k < kindSlots.length; k++) {
            core[k] = new double[zMax[k] + 1];
        }
        for (int a = 0; a < distinct; a++) {
            for (int b = a; b < distinct; b++) {
                h[a][b] = INF;
                for (int kind = 0; kind < KINDS; kind++) {
                    avail[kind] = studentKindPrefix[kind][from[b + 1]] - studentKindPrefix[kind][from[a]];
                }
                for (int k = 0; k < kindSlots.length; k++) {
                    // Kinds that differ only in the rules share the rest of the cost: computed once.
                    if (sameSeats[k] == k) {
                        coreCosts(k, a, b, lambda, core[k]);
                    }
                    double[] coreHere = core[sameSeats[k]];
                    allowedCounts(k, avail, allowed);
                    for (int z = zMin[k]; z <= zMax[k]; z++) {
                        if (coreHere[z] >= INF) {
                            continue;
                        }
                        double rules = ruleCost(k, allowed, z, lambda, rule);
                        if (rules >= INF) {
                            continue;
                        }
                        double cost = coreHere[z] + rules;
                        if (cost < h[a][b]) {
                            h[a][b] = cost;
                            bestKind[a][b] = k;
                            bestZ[a][b] = z;
                            bestRule[a][b] = rule[0] | (long) rule[1] << 20 | (long) rule[2] << 40
                                    | (long) rule[3] << 60;
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
            claim(a, b, bestKind[a][b], bestZ[a][b], bestRule[a][b], lambda, claimed, 1);
            b = k == 1 ? -1 : link / distinct;
        }
        if (m > bestK && cheapA >= 0) {
            claim(cheapA, cheapB, bestKind[cheapA][cheapB], bestZ[cheapA][cheapB], bestRule[cheapA][cheapB], lambda,
                    claimed, m - bestK);
        }
        double constant = 0;
        for (int q = 0; q < target.length; q++) {
            constant += lambda[q] * target[q];
        }
        return bestTotal + constant;
    }

    private void claim(int a, int b, int kind, int z, long rule, double[] lambda, double[] claimed, int times) {
        int[] counts = new int[c.bands];
        bandCosts(kindSlots[kind], from[a], from[b + 1], lambda, z, counts, new double[z + 1]);
        for (int q = 0; q < c.bands; q++) {
            claimed[q] += times * counts[q];
        }
        int[] attrCounts = new int[c.attributes.size()];
        attributeCost(kindSlots[kind], from[a], from[b + 1], z, lambda, attrCounts);
        for (int q = 0; q < attrCounts.length; q++) {
            claimed[c.bands + q] += times * attrCounts[q];
        }
        claimed[sizeAt] += times * z;
        double[] total = new double[1];
        totalCost(kindSlots[kind], from[a], from[b + 1], z, lambda, total);
        claimed[totalAt] += times * total[0];
        claimed[coAt] += times * (rule & 0xfffff);
        claimed[elAt] += times * (rule >> 20 & 0xfffff);
        claimed[giftedAt] += times * (rule >> 40 & 0xfffff);
        claimed[clusterAt] += times * (rule >>> 60);
        claimed[kindAt + kind] += times;
    }

    /**
     * The range, size, band, attribute and mean costs less their prices of a section with the seats of kind k on
     * cells a..b, for each size z up to its capacity (INF where it cannot be), into {@code cost}.
     */
    private void coreCosts(int k, int a, int b, double[] lambda, double[] cost) {
        Arrays.fill(cost, INF);
        double[] band = bandCosts(kindSlots[k], from[a], from[b + 1], lambda, zMax[k], null, bandBuffer);
        long[] other = rest[a][b - a][k];
        for (int z = zMin[k]; z <= zMax[k]; z++) {
            long o = other[z - zMin[k]];
            if (o == Long.MAX_VALUE || band[z] >= INF) {
                continue;
            }
            cost[z] = o + band[z] + attributeCost(kindSlots[k], from[a], from[b + 1], z, lambda, null)
                    - lambda[sizeAt] * z + totalCost(kindSlots[k], from[a], from[b + 1], z, lambda, null);
        }
    }

    /**
     * How many students a section of kind k may take from an interval holding {@code avail} of each kind: in all,
     * and of them co-taught students, English learners and gifted students.
     */
    private void allowedCounts(int k, int[] avail, int[] allowed) {
        Arrays.fill(allowed, 0);
        for (int kind = 0; kind < KINDS; kind++) {
            if (!StudentKinds.allowedIn(kind, coTaught[k], certified[k])) {
                continue;
            }
            allowed[0] += avail[kind];
            allowed[1] += (kind & CO_TAUGHT) != 0 ? avail[kind] : 0;
            allowed[2] += (kind & CERTIFIED) != 0 ? avail[kind] : 0;
            allowed[3] += (kind & CLUSTERED) != 0 ? avail[kind] : 0;
        }
    }

    /**
     * The rules' part of a section's cost at prices λ: of kind k and size z, on an interval offering it the
     * {@link #allowedCounts}. INF if it cannot take z students there; otherwise the least of −(prices of its
     * co-taught, EL
     * and gifted counts and of being a cluster) over the counts its rules allow, each count relaxed on its own (so a
     * corner of its range wins). {@code chosen} receives the counts: co-taught, EL, gifted, cluster (0/1).
     */
    private double ruleCost(int k, int[] allowedCounts, int z, double[] lambda, int[] chosen) {
        int allowed = allowedCounts[0];
        int placed = allowedCounts[1];
        int el = allowedCounts[2];
        int gifted = allowedCounts[3];
        if (z > allowed) {
            return INF;
        }
        Arrays.fill(chosen, 0);
        double cost = -lambda[kindAt + k];
        if (coTaught[k]) {
            int most = Math.min(placed, rules.coTaught().most(z));
            int least = Math.max(0, z - (allowed - placed));
            if (least > most) {
                return INF;
            }
            chosen[0] = lambda[coAt] > 0 ? most : least;
            cost -= lambda[coAt] * chosen[0];
        }
        if (certified[k]) {
            chosen[1] = lambda[elAt] > 0 ? Math.min(z, el) : Math.max(0, z - (allowed - el));
            cost -= lambda[elAt] * chosen[1];
        }
        if (giftedRule) {
            double best = INF;
            for (int cluster = 0; cluster < 2; cluster++) {
                int least = Math.max(cluster == 1 ? rules.cluster().min() : 0, z - (allowed - gifted));
                int most = Math.min(Math.min(z, gifted), cluster == 1 ? rules.cluster().limit(z) : outsideCap);
                if (least > most) {
                    continue;
                }
                int g = lambda[giftedAt] > 0 ? most : least;
                double v = -lambda[giftedAt] * g - (cluster == 1 ? lambda[clusterAt] : 0);
                if (v < best) {
                    best = v;
                    chosen[2] = g;
                    chosen[3] = cluster;
                }
            }
            if (best >= INF) {
                return INF;
            }
            cost += best;
        }
        return cost;
    }


    /**
     * cost[z] for z = 0..zMax: the least Σ_b (bandCoef · out(c_b) − λ_b c_b) over band counts c_b ≤ available
     * adding up to z (INF beyond the students available), into {@code cost} (at least zMaxHere + 1 long). With
     * {@code counts}, the counts for size zMax instead.
     */
    private double[] bandCosts(int s, int lo, int hi, double[] lambda, int zMaxHere, int[] counts, double[] cost) {
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
        Arrays.fill(cost, 0, zMaxHere + 1, INF);
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
        double pi = prices[totalAt] / c.range;
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
