package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.mosaic.sections.rules.ClusterShare;
import org.mosaic.sections.rules.RuleSet;
import org.mosaic.sections.rules.CountingRule;

/**
 * Local search over the whole objective of {@link SectionCost}, keeping every hard rule through each move: simulated
 * annealing over random relocations and swaps, finished by the exchange method of anticlustering (Späth 1986;
 * Papenberg &amp; Klau 2021), where each student in turn is moved or swapped wherever that lowers the objective most.
 * The best placement seen is kept. It finds good classes for a school in
 * a fraction of a second, where CP-SAT's first solutions on a 750-student grade take minutes; CP-SAT then starts from
 * them and supplies the proven bound.
 *
 * <p>Deterministic: the work is counted in move evaluations, not seconds, and the order comes from the seed, so the
 * same problem and seed give the same classes on any machine. Students in keep-together pairs stay where the start
 * put them (the start keeps them together).
 */
final class ExchangeSearch {
    private final SectionProblem p;
    private final SectionCost c;
    private final int n;
    private final int m;
    private final boolean[][] allowed;
    private final int[][] apartOf;
    private final int[] movable;
    private final int[] rank;
    private final long[] rankScore;
    private final int[][] attrsOf;
    /** The rules on counts per section (the co-taught cap, the school's rules, mean_within), hard and soft. */
    private final CountingRule[] counted;
    /** Each student's nonzero amounts: which counting rules (index into counted) and how much. */
    private final int[][] rulesOf;
    private final long[][] amountsOf;
    private final boolean giftedOn;
    private final int clusters;
    /** The gifted cluster rule, which the search keeps incrementally from each section's count. */
    private final ClusterShare clusterRule;

    private final int[] section;
    private final int[] size;
    private final long[][] ruleCount;
    private final int[] gifted;
    private final long[] sum;
    private final int[][] bandCount;
    private final int[][] attrCount;
    private final int[][] rankCount;
    private final int[] lowRank;
    private final int[] highRank;
    private int clusterSections;
    private long objective;
    private long evaluations;
    /** A proven lower bound: reaching it means no move can help, so the search stops there. */
    private final long target;

    private ExchangeSearch(SectionProblem p, SectionCost c, int[] start, long bound) {
        this.target = Math.max(0, bound);
        this.p = p;
        this.c = c;
        this.n = c.n;
        this.m = c.m;
        this.clusterRule = RuleSet.of(p).cluster();
        allowed = PlacementRules.allowed(p, c.score);
        counted = c.rules.counting().toArray(new CountingRule[0]);
        rulesOf = new int[n][];
        amountsOf = new long[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> which = new ArrayList<>();
            for (int k = 0; k < counted.length; k++) {
                if (counted[k].amount(i) != 0) {
                    which.add(k);
                }
            }
            rulesOf[i] = which.stream().mapToInt(Integer::intValue).toArray();
            amountsOf[i] = new long[rulesOf[i].length];
            for (int q = 0; q < rulesOf[i].length; q++) {
                amountsOf[i][q] = counted[rulesOf[i][q]].amount(i);
            }
        }
        giftedOn = clusterRule.on();
        clusters = giftedOn ? clusterRule.count(m) : 0;
        List<List<Integer>> apart = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            apart.add(new ArrayList<>());
        }
        for (int[] q : p.apart()) {
            apart.get(q[0]).add(q[1]);
            apart.get(q[1]).add(q[0]);
        }
        apartOf = new int[n][];
        for (int i = 0; i < n; i++) {
            apartOf[i] = apart.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        boolean[] frozen = new boolean[n];
        p.together().forEach(q -> {
            frozen[q[0]] = true;
            frozen[q[1]] = true;
        });
        p.locks().keySet().forEach(i -> frozen[i] = true);
        movable = java.util.stream.IntStream.range(0, n).filter(i -> !frozen[i]).toArray();
        long[] distinct = Arrays.stream(c.score).distinct().sorted().toArray();
        rankScore = distinct;
        rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(distinct, c.score[i]);
        }
        attrsOf = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> a = new ArrayList<>();
            for (int k = 0; k < c.attributes.size(); k++) {
                if (c.hasAttr[k][i]) {
                    a.add(k);
                }
            }
            attrsOf[i] = a.stream().mapToInt(Integer::intValue).toArray();
        }
        section = new int[n];
        size = new int[m];
        ruleCount = new long[counted.length][m];
        gifted = new int[m];
        sum = new long[m];
        bandCount = new int[m][c.bands];
        attrCount = new int[m][c.attributes.size()];
        rankCount = new int[m][distinct.length];
        lowRank = new int[m];
        highRank = new int[m];
        load(start);
    }

    /**
     * Improves a placement that keeps every hard rule, within {@code budget} move evaluations; returns the best
     * placement found (never worse than the start).
     */
    static int[] improve(SectionProblem p, SectionCost c, int[] start, long budget, long seed) {
        return improve(p, c, start, budget, seed, 0);
    }

    /** As {@link #improve(SectionProblem, SectionCost, int[], long, long)}, stopping early at a proven bound. */
    static int[] improve(SectionProblem p, SectionCost c, int[] start, long budget, long seed, long bound) {
        return improveCounting(p, c, start, budget, seed, bound).section();
    }

    /** A search's best placement and the move evaluations it counted (what the pipeline charges its budget). */
    record Outcome(int[] section, long evaluations) {
    }

    /** {@link #improve(SectionProblem, SectionCost, int[], long, long, long)}, also reporting the work done. */
    static Outcome improveCounting(SectionProblem p, SectionCost c, int[] start, long budget, long seed, long bound) {
        ExchangeSearch search = new ExchangeSearch(p, c, start, bound);
        int[] best = search.run(budget, new SplittableRandom(seed));
        return new Outcome(best, search.evaluations);
    }

    private void load(int[] placement) {
        Arrays.fill(size, 0);
        for (long[] row : ruleCount) {
            Arrays.fill(row, 0);
        }
        Arrays.fill(gifted, 0);
        Arrays.fill(sum, 0);
        for (int s = 0; s < m; s++) {
            Arrays.fill(bandCount[s], 0);
            Arrays.fill(attrCount[s], 0);
            Arrays.fill(rankCount[s], 0);
        }
        Arrays.fill(lowRank, -1);
        Arrays.fill(highRank, -1);
        for (int i = 0; i < n; i++) {
            section[i] = placement[i];
            add(i, placement[i]);
        }
        clusterSections = 0;
        for (int s = 0; s < m; s++) {
            clusterSections += gifted[s] >= clusterRule.min() ? 1 : 0;
        }
        objective = c.total(section);
    }

    private int[] run(long budget, SplittableRandom random) {
        if (movable.length < 2 || objective <= target) {
            return section.clone();
        }
        // Simulated annealing (Kirkpatrick et al. 1983) over random relocations and swaps for half the budget, then
        // iterated exchange descent. Annealing crosses the plateaus of the range term, where no single move helps
        // until a section's extreme students have all left; the descent polishes what it finds.
        int[] best = anneal(budget / 2, random);
        load(best);
        return iterate(budget, random);
    }

    /**
     * Iterated local search: steepest exchange descent to a local optimum, then a few random rule-keeping swaps, from
     * the best placement so far whenever a kick led somewhere worse.
     */
    private int[] iterate(long budget, SplittableRandom random) {
        int[] best = section.clone();
        long bestObjective = objective;
        int[] order = movable.clone();
        while (evaluations < budget && bestObjective > target) {
            boolean improved = false;
            shuffle(order, random);
            for (int i : order) {
                if (evaluations + m + movable.length > budget) {
                    // A student's best move evaluates every section and swap partner: never past the budget.
                    return objective < bestObjective ? section.clone() : best;
                }
                improved |= bestMove(i);
            }
            if (objective < bestObjective) {
                bestObjective = objective;
                best = section.clone();
            }
            if (!improved) {
                if (objective > bestObjective) {
                    load(best);
                }
                kick(random, Math.max(2, movable.length / 40), budget);
            }
        }
        return best;
    }

    /** Random rule-keeping swaps that move the search out of a local optimum. */
    private void kick(SplittableRandom random, int swaps, long budget) {
        int done = 0;
        for (int tries = 0; done < swaps && tries < 50 * swaps && evaluations < budget; tries++) {
            int i = movable[random.nextInt(movable.length)];
            int j = movable[random.nextInt(movable.length)];
            int s = section[i];
            int t = section[j];
            evaluations++;
            if (s != t && allowed[i][t] && allowed[j][s] && feasible(i, s, j, t)) {
                long d = delta(s, i, j) + delta(t, j, i);
                apply(i, s, j, t);
                objective += d;
                done++;
            }
        }
    }

    /** Annealing with a geometric cooling from the typical uphill step down to a thousandth of it. */
    private int[] anneal(long proposals, SplittableRandom random) {
        int[] best = section.clone();
        long bestObjective = objective;
        double start = typicalUphill(random);
        if (start <= 0) {
            return best;
        }
        double end = start / 1000;
        long steps = Math.max(1, proposals);
        double cooling = Math.pow(end / start, 1.0 / steps);
        double temperature = start;
        for (long step = 0; step < steps && objective > target; step++, temperature *= cooling) {
            evaluations++;
            int i = movable[random.nextInt(movable.length)];
            int s = section[i];
            int j = -1;
            int t;
            if (random.nextInt(4) == 0) {
                t = random.nextInt(m);
            } else {
                j = movable[random.nextInt(movable.length)];
                t = section[j];
            }
            if (t == s || !allowed[i][t] || j >= 0 && !allowed[j][s] || !feasible(i, s, j, t)) {
                continue;
            }
            long d = delta(s, i, j) + delta(t, j, i);
            if (d <= 0 || random.nextDouble() < Math.exp(-d / temperature)) {
                apply(i, s, j, t);
                objective += d;
                if (objective < bestObjective) {
                    bestObjective = objective;
                    System.arraycopy(section, 0, best, 0, n);
                }
            }
        }
        return best;
    }

    /** The median cost increase of random rule-keeping moves: the scale the annealing starts at. */
    private double typicalUphill(SplittableRandom random) {
        List<Long> ups = new ArrayList<>();
        for (int k = 0; k < 2000 && ups.size() < 200; k++) {
            int i = movable[random.nextInt(movable.length)];
            int j = movable[random.nextInt(movable.length)];
            int s = section[i];
            int t = section[j];
            if (s != t && allowed[i][t] && allowed[j][s] && feasible(i, s, j, t)) {
                long d = delta(s, i, j) + delta(t, j, i);
                if (d > 0) {
                    ups.add(d);
                }
            }
        }
        if (ups.isEmpty()) {
            return 0;
        }
        ups.sort(Long::compare);
        return ups.get(ups.size() / 2);
    }

    /** The best relocation or swap for student i, applied if it lowers the objective. */
    private boolean bestMove(int i) {
        int s = section[i];
        long bestDelta = 0;
        int bestTo = -1;
        int bestWith = -1;
        evaluations += m + movable.length;
        for (int t = 0; t < m; t++) {
            if (t != s && allowed[i][t] && feasible(i, s, -1, t)) {
                long d = delta(s, i, -1) + delta(t, -1, i);
                if (d < bestDelta) {
                    bestDelta = d;
                    bestTo = t;
                    bestWith = -1;
                }
            }
        }
        for (int j : movable) {
            int t = section[j];
            if (t != s && allowed[i][t] && allowed[j][s] && feasible(i, s, j, t)) {
                long d = delta(s, i, j) + delta(t, j, i);
                if (d < bestDelta) {
                    bestDelta = d;
                    bestTo = t;
                    bestWith = j;
                }
            }
        }
        if (bestTo < 0) {
            return false;
        }
        apply(i, s, bestWith, bestTo);
        objective += bestDelta;
        return true;
    }

    /** Whether moving i from s to t (and j from t to s, if j ≥ 0) keeps every hard rule. */
    private boolean feasible(int i, int s, int j, int t) {
        if (!fits(s, i, j) || !fits(t, j, i)) {
            return false;
        }
        for (int q : apartOf[i]) {
            if ((q == j ? s : section[q]) == t) {
                return false;
            }
        }
        if (j >= 0) {
            for (int q : apartOf[j]) {
                if ((q == i ? t : section[q]) == s) {
                    return false;
                }
            }
        }
        if (giftedOn) {
            int gs = gifted[s] - flag(i, true) + flag(j, true);
            int gt = gifted[t] - flag(j, true) + flag(i, true);
            int zs = size[s] - 1 + (j >= 0 ? 1 : 0);
            int zt = size[t] + 1 - (j >= 0 ? 1 : 0);
            int min = clusterRule.min();
            int count = clusterSections - (gifted[s] >= min ? 1 : 0) - (gifted[t] >= min ? 1 : 0)
                    + (gs >= min ? 1 : 0) + (gt >= min ? 1 : 0);
            if (count != clusters || gs >= min && !clusterRule.fits(gs, zs)
                    || gt >= min && !clusterRule.fits(gt, zt)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Size and every hard counting rule (the co-taught cap, the school's rules) of section s after losing
     * {@code out} and gaining {@code in} (−1: nobody), from the running counts.
     */
    private boolean fits(int s, int out, int in) {
        int z = size[s] - (out >= 0 ? 1 : 0) + (in >= 0 ? 1 : 0);
        SectionProblem.Slot slot = p.sections().get(s);
        if (z < slot.minSize() || z > slot.capacity()) {
            return false;
        }
        for (int k = 0; k < counted.length; k++) {
            CountingRule rule = counted[k];
            if (rule.hard() && rule.applies(s) && !rule.fits(s, ruleCount[k][s] - amount(out, k) + amount(in, k), z)) {
                return false;
            }
        }
        return true;
    }

    /** Student i's amount for counting rule k (0 for nobody). */
    private long amount(int i, int k) {
        return i < 0 ? 0 : counted[k].amount(i);
    }

    private int flag(int i, boolean isGifted) {
        return i >= 0 && clusterRule.marks(i) ? 1 : 0;
    }

    /** The change in section s's share of the objective when it loses {@code out} and gains {@code in}. */
    private long delta(int s, int out, int in) {
        long d = 0;
        int dz = (in >= 0 ? 1 : 0) - (out >= 0 ? 1 : 0);
        if (dz != 0) {
            d += c.sizeCoef * (SectionCost.out(size[s] + dz, c.sizeLo[s], c.sizeHi[s])
                    - SectionCost.out(size[s], c.sizeLo[s], c.sizeHi[s]));
        }
        int bo = out >= 0 ? c.band[out] : -1;
        int bi = in >= 0 ? c.band[in] : -1;
        if (bo != bi) {
            if (bo >= 0) {
                d += c.bandCoef * (SectionCost.out(bandCount[s][bo] - 1, c.bandLo[s][bo], c.bandHi[s][bo])
                        - SectionCost.out(bandCount[s][bo], c.bandLo[s][bo], c.bandHi[s][bo]));
            }
            if (bi >= 0) {
                d += c.bandCoef * (SectionCost.out(bandCount[s][bi] + 1, c.bandLo[s][bi], c.bandHi[s][bi])
                        - SectionCost.out(bandCount[s][bi], c.bandLo[s][bi], c.bandHi[s][bi]));
            }
        }
        long next = sum[s] - (out >= 0 ? c.score[out] : 0) + (in >= 0 ? c.score[in] : 0);
        d += c.meanCoef * (SectionCost.out(next, c.meanLo[s], c.meanHi[s])
                - SectionCost.out(sum[s], c.meanLo[s], c.meanHi[s]));
        for (int a = 0; a < attrCount[s].length; a++) {
            int change = (in >= 0 && c.hasAttr[a][in] ? 1 : 0) - (out >= 0 && c.hasAttr[a][out] ? 1 : 0);
            if (change != 0) {
                d += c.attrCoef[a] * (SectionCost.out(attrCount[s][a] + change, c.attrLo[a][s], c.attrHi[a][s])
                        - SectionCost.out(attrCount[s][a], c.attrLo[a][s], c.attrHi[a][s]));
            }
        }
        if (c.spreadCoef > 0) {
            d += c.spreadCoef * (rangeAfter(s, out, in) - rangeOf(s));
        }
        for (int k = 0; k < counted.length; k++) {
            CountingRule rule = counted[k];
            if (!rule.hard() && rule.applies(s)) {
                long now = ruleCount[k][s];
                d += rule.cost(s, now - amount(out, k) + amount(in, k), size[s] + dz)
                        - rule.cost(s, now, size[s]);
            }
        }
        return d;
    }

    private long rangeOf(int s) {
        return lowRank[s] < 0 ? 0 : rankScore[highRank[s]] - rankScore[lowRank[s]];
    }

    private long rangeAfter(int s, int out, int in) {
        int lo = lowRank[s];
        int hi = highRank[s];
        if (out >= 0) {
            int k = rank[out];
            if (size[s] == 1) {
                lo = -1;
                hi = -1;
            } else if (rankCount[s][k] == 1) {
                if (k == lo) {
                    lo = nextUp(s, k);
                }
                if (k == hi) {
                    hi = nextDown(s, k);
                }
            }
        }
        if (in >= 0) {
            int k = rank[in];
            lo = lo < 0 ? k : Math.min(lo, k);
            hi = hi < 0 ? k : Math.max(hi, k);
        }
        return lo < 0 ? 0 : rankScore[hi] - rankScore[lo];
    }

    private int nextUp(int s, int k) {
        for (int q = k + 1; q < rankScore.length; q++) {
            if (rankCount[s][q] > 0) {
                return q;
            }
        }
        return -1;
    }

    private int nextDown(int s, int k) {
        for (int q = k - 1; q >= 0; q--) {
            if (rankCount[s][q] > 0) {
                return q;
            }
        }
        return -1;
    }

    private void apply(int i, int s, int j, int t) {
        int before = (gifted[s] >= clusterRule.min() ? 1 : 0) + (gifted[t] >= clusterRule.min() ? 1 : 0);
        remove(i, s);
        add(i, t);
        section[i] = t;
        if (j >= 0) {
            remove(j, t);
            add(j, s);
            section[j] = s;
        }
        clusterSections += (gifted[s] >= clusterRule.min() ? 1 : 0) + (gifted[t] >= clusterRule.min() ? 1 : 0) - before;
    }

    private void add(int i, int s) {
        size[s]++;
        for (int q = 0; q < rulesOf[i].length; q++) {
            ruleCount[rulesOf[i][q]][s] += amountsOf[i][q];
        }
        gifted[s] += flag(i, true);
        sum[s] += c.score[i];
        bandCount[s][c.band[i]]++;
        for (int a : attrsOf[i]) {
            attrCount[s][a]++;
        }
        int k = rank[i];
        rankCount[s][k]++;
        lowRank[s] = lowRank[s] < 0 ? k : Math.min(lowRank[s], k);
        highRank[s] = highRank[s] < 0 ? k : Math.max(highRank[s], k);
    }

    private void remove(int i, int s) {
        size[s]--;
        for (int q = 0; q < rulesOf[i].length; q++) {
            ruleCount[rulesOf[i][q]][s] -= amountsOf[i][q];
        }
        gifted[s] -= flag(i, true);
        sum[s] -= c.score[i];
        bandCount[s][c.band[i]]--;
        for (int a : attrsOf[i]) {
            attrCount[s][a]--;
        }
        int k = rank[i];
        rankCount[s][k]--;
        if (rankCount[s][k] == 0) {
            if (k == lowRank[s]) {
                lowRank[s] = nextUp(s, k);
            }
            if (k == highRank[s]) {
                highRank[s] = nextDown(s, k);
            }
        }
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int k = a.length - 1; k > 0; k--) {
            int q = random.nextInt(k + 1);
            int tmp = a[k];
            a[k] = a[q];
            a[q] = tmp;
        }
    }
}
