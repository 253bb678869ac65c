package org.mosaic.sections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.mosaic.sections.rules.ClusterShare;
import org.mosaic.sections.rules.CountingRule;
import org.mosaic.sections.rules.RuleSet;

/**
 * Makes a draft placement keep every hard rule by local search, moving as few students as it can: the draft (score
 * bands or a snake deal) carries the tracking dial's structure, and the exchange search that follows optimises the
 * objective while keeping the rules, so repair only has to reach a rule-keeping placement near the draft.
 *
 * <p>The search is min-conflicts with a short tabu list (Minton et al. 1992; Glover 1989). Students only ever sit in
 * sections they may join ({@link PlacementRules#allowed}: every placement rule of the rule set, locks,
 * levels), so those rules hold by construction; keep-together pairs are merged into units that move as a whole. The
 * remaining rules form an integer penalty that is 0 exactly when {@link PlacementRules#violations} is empty:
 * seats above capacity or below the minimum, each hard counting rule's breach (the co-taught cap, the school's own
 * rules, mean_within: {@link CountingRule#excess}), keep-apart pairs sharing a
 * section, and gifted clusters (too many or too few cluster sections, each scored by how far its gifted count is
 * from changing side, plus gifted students above a cluster's cap). Each step picks a broken rule at random, a unit
 * that takes part in it (both units of a keep-apart pair), and applies the best relocation of that unit or swap with
 * any other unit, even uphill, but never straight back where a unit recently left unless that beats the best
 * penalty seen; a few steps take a random move instead, to leave plateaus. Equally good moves are told apart by the
 * students they move, then by the scores they displace, so that the draft's structure survives. Penalty changes
 * are computed from per-section counts (size, each counting rule, gifted) and the keep-apart adjacency, never by
 * rechecking.
 *
 * <p>Deterministic: work is counted in move evaluations, randomness comes only from the seed, and every loop runs in
 * index order, so the same inputs give the same placement on any machine.
 */
final class RuleRepair {
    /** Per mille of steps that take a random move of the focus unit instead of its best one. */
    private static final int NOISE = 20;
    private static final int OVER = 0;
    private static final int UNDER = 1;
    private static final int GIFTED = 2;
    /** Kinds from here on: hard counting rule (kind − COUNTED) broken in a section. */
    private static final int COUNTED = 3;

    private final SectionProblem p;
    /** The gifted cluster rule, which the search keeps incrementally from each section's count. */
    private final ClusterShare clusterRule;
    private final int m;
    /** The hard rules on counts per section, and each unit's amount for each. */
    private final CountingRule[] counted;
    private final long[][] unitAmount;
    private final boolean giftedOn;
    private final int clusters;

    // Units: keep-together groups (singletons for everyone else), with what the rules count of them.
    private final int units;
    private final int[] unitOf;
    private final int[] weight;
    private final int[] giftedIn;
    private final long[] scoreIn;
    private final boolean[][] allowed;
    private final int[][] apartOf;
    private final int[][] apartPairs;
    private final int[][] canEnter;
    private final int[] giftedUnits;

    // State: where each unit sits, the sections' rosters and counts, and the penalty in parts.
    private final int[] at;
    private final int[][] roster;
    private final int[] rosterSize;
    private final int[] rosterSlot;
    private final int[] size;
    private final long[][] ruleCount;
    private final int[] gifted;
    private final long[] scoreSum;
    private final long[] sectionPenalty;
    private final int[] giftedHistogram;
    private int clusterSections;
    private long clusterPenalty;
    private long penalty;
    private long bestPenalty;

    private final long[][] tabuUntil;
    private final int[] violated;
    private int otherFocus;
    private long step;
    private long evaluations;

    private RuleRepair(SectionProblem p, long[] score, int[] unitOf, int units) {
        this.p = p;
        this.clusterRule = RuleSet.of(p).cluster();
        this.m = p.sections().size();
        this.unitOf = unitOf;
        this.units = units;
        counted = RuleSet.of(p, score).hardCounting().toArray(new CountingRule[0]);
        unitAmount = new long[counted.length][units];
        giftedOn = clusterRule.on();
        int totalGifted = clusterRule.marked();
        clusters = giftedOn ? clusterRule.count(m) : 0;
        weight = new int[units];
        giftedIn = new int[units];
        scoreIn = new long[units];
        allowed = new boolean[units][m];
        boolean[][] allowedPupil = PlacementRules.allowed(p, score);
        for (boolean[] row : allowed) {
            Arrays.fill(row, true);
        }
        for (int i = 0; i < unitOf.length; i++) {
            int u = unitOf[i];
            weight[u]++;
            for (int k = 0; k < counted.length; k++) {
                unitAmount[k][u] += counted[k].amount(i);
            }
            giftedIn[u] += clusterRule.marks(i) ? 1 : 0;
            scoreIn[u] += score[i];
            for (int s = 0; s < m; s++) {
                allowed[u][s] &= allowedPupil[i][s];
            }
        }
        apartPairs = p.apart().stream().map(q -> new int[] {unitOf[q[0]], unitOf[q[1]]}).toArray(int[][]::new);
        apartOf = adjacency(units, apartPairs);
        canEnter = new int[m][];
        for (int s = 0; s < m; s++) {
            int sec = s;
            canEnter[s] = java.util.stream.IntStream.range(0, units).filter(u -> allowed[u][sec]).toArray();
        }
        giftedUnits = java.util.stream.IntStream.range(0, units).filter(u -> giftedIn[u] > 0).toArray();
        at = new int[units];
        roster = new int[m][units];
        rosterSize = new int[m];
        rosterSlot = new int[units];
        size = new int[m];
        ruleCount = new long[counted.length][m];
        gifted = new int[m];
        scoreSum = new long[m];
        sectionPenalty = new long[m];
        giftedHistogram = new int[totalGifted + 1];
        tabuUntil = new long[units][m];
        violated = new int[(COUNTED + counted.length) * m + apartPairs.length + 1];
    }

    /**
     * A placement near {@code draft} that keeps every hard rule, or null if none was found within {@code budget}
     * move evaluations (or the rules plainly cannot all hold, e.g. a keep-together pair locked to two sections).
     * {@code score}: the students' scores in tenths, as {@link PlacementRules#allowed} takes them. A draft that
     * already keeps every rule comes back unchanged (as a copy).
     */
    static int[] repair(SectionProblem p, long[] score, int[] draft, long budget, long seed) {
        return repairCounting(p, score, draft, budget, seed).section();
    }

    /** A repair's placement (null if none found) and the work it took: move evaluations and search steps. */
    record Outcome(int[] section, long evaluations, long steps) {
    }

    /** {@link #repair}, also reporting the work done, for measurements and tests. */
    static Outcome repairCounting(SectionProblem p, long[] score, int[] draft, long budget, long seed) {
        int[] unitOf = new int[p.pupils().size()];
        int units = unitsOf(p, unitOf);
        RuleRepair search = new RuleRepair(p, score, unitOf, units);
        if (!search.possible()) {
            return new Outcome(null, 0, 0);
        }
        search.start(draft);
        int[] section = search.run(budget, new SplittableRandom(seed));
        return new Outcome(section, search.evaluations, search.step);
    }

    /** Keep-together groups ({@link PlacementRules#togetherUnits}); fills unitOf (pupil → unit) and counts them. */
    private static int unitsOf(SectionProblem p, int[] unitOf) {
        List<int[]> units = PlacementRules.togetherUnits(p);
        for (int u = 0; u < units.size(); u++) {
            for (int i : units.get(u)) {
                unitOf[i] = u;
            }
        }
        return units.size();
    }

    private static int[][] adjacency(int units, int[][] pairs) {
        List<List<Integer>> near = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            near.add(new ArrayList<>());
        }
        for (int[] q : pairs) {
            near.get(q[0]).add(q[1]);
            near.get(q[1]).add(q[0]);
        }
        return near.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** Conflicts no search can mend, so that they cost nothing rather than the whole budget. */
    private boolean possible() {
        long seats = 0;
        long least = 0;
        for (SectionProblem.Slot slot : p.sections()) {
            seats += slot.capacity();
            least += slot.minSize();
        }
        int n = unitOf.length;
        if (m == 0 || seats < n || least > n) {
            return false;
        }
        for (int u = 0; u < units; u++) {
            int room = -1;
            for (int s = 0; s < m; s++) {
                room = allowed[u][s] ? Math.max(room, p.sections().get(s).capacity()) : room;
            }
            if (room < weight[u]) {
                return false;
            }
        }
        for (int[] q : apartPairs) {
            if (q[0] == q[1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Seats each unit where the draft put it (its members' most common allowed draft section), and units the draft
     * put nowhere allowed where there is most room left.
     */
    private void start(int[] draft) {
        int[][] votes = new int[units][m];
        for (int i = 0; i < draft.length; i++) {
            int s = draft[i];
            if (s >= 0 && s < m && allowed[unitOf[i]][s]) {
                votes[unitOf[i]][s]++;
            }
        }
        Arrays.fill(at, -1);
        List<Integer> homeless = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            int best = -1;
            for (int s = 0; s < m; s++) {
                best = votes[u][s] > 0 && (best < 0 || votes[u][s] > votes[u][best]) ? s : best;
            }
            if (best < 0) {
                homeless.add(u);
            } else {
                seat(u, best);
            }
        }
        for (int u : homeless) {
            int best = -1;
            for (int s = 0; s < m; s++) {
                int room = p.sections().get(s).capacity() - size[s];
                best = allowed[u][s] && (best < 0 || room > p.sections().get(best).capacity() - size[best]) ? s : best;
            }
            seat(u, best);
        }
        for (int s = 0; s < m; s++) {
            giftedHistogram[gifted[s]]++;
            clusterSections += gifted[s] >= clusterRule.min() ? 1 : 0;
            sectionPenalty[s] = sectionPenalty(s, size[s], gifted[s], -1, -1);
            penalty += sectionPenalty[s];
        }
        for (int[] q : apartPairs) {
            penalty += at[q[0]] == at[q[1]] ? 1 : 0;
        }
        clusterPenalty = clusterPenalty();
        penalty += clusterPenalty;
        bestPenalty = penalty;
    }

    private void seat(int u, int s) {
        at[u] = s;
        rosterSlot[u] = rosterSize[s];
        roster[s][rosterSize[s]++] = u;
        size[s] += weight[u];
        for (int k = 0; k < counted.length; k++) {
            ruleCount[k][s] += unitAmount[k][u];
        }
        gifted[s] += giftedIn[u];
        scoreSum[s] += scoreIn[u];
    }

    private void unseat(int u) {
        int s = at[u];
        int last = roster[s][--rosterSize[s]];
        roster[s][rosterSlot[u]] = last;
        rosterSlot[last] = rosterSlot[u];
        size[s] -= weight[u];
        for (int k = 0; k < counted.length; k++) {
            ruleCount[k][s] -= unitAmount[k][u];
        }
        gifted[s] -= giftedIn[u];
        scoreSum[s] -= scoreIn[u];
    }

    private int[] run(long budget, SplittableRandom random) {
        while (penalty > 0 && evaluations < budget) {
            step++;
            evaluations++;
            int u = focus(random);
            if (u < 0) {
                continue;
            }
            if (random.nextInt(1000) < NOISE) {
                randomMove(u, random);
            } else {
                Choice choice = new Choice();
                bestMove(u, choice, random);
                if (otherFocus >= 0) {
                    bestMove(otherFocus, choice, random);
                }
                if (choice.to >= 0) {
                    apply(choice.unit, at[choice.unit], choice.with, choice.to, choice.delta, random);
                }
            }
        }
        if (penalty > 0) {
            return null;
        }
        int[] section = new int[unitOf.length];
        for (int i = 0; i < section.length; i++) {
            section[i] = at[unitOf[i]];
        }
        List<String> broken = PlacementRules.violations(p, section);
        assert broken.isEmpty() : "repair penalty 0 but the placement breaks " + broken;
        return broken.isEmpty() ? section : null;
    }

    /**
     * A unit taking part in a broken rule chosen at random (−1 if that rule offers none this time). For a keep-apart
     * pair, either unit is returned and the other left in {@link #otherFocus}, so that the better of their moves can
     * be taken (moving the unit that just arrived rather than the one that belongs there); else that is −1.
     */
    private int focus(SplittableRandom random) {
        otherFocus = -1;
        int count = 0;
        for (int s = 0; s < m; s++) {
            SectionProblem.Slot slot = p.sections().get(s);
            if (size[s] > slot.capacity()) {
                violated[count++] = OVER * m + s;
            }
            if (size[s] < slot.minSize()) {
                violated[count++] = UNDER * m + s;
            }
            for (int k = 0; k < counted.length; k++) {
                if (counted[k].excess(s, ruleCount[k][s], size[s]) > 0) {
                    violated[count++] = (COUNTED + k) * m + s;
                }
            }
            if (giftedOn && gifted[s] >= clusterRule.min() && gifted[s] > clusterRule.limit(size[s])) {
                violated[count++] = GIFTED * m + s;
            }
        }
        int sectionRules = count;
        for (int k = 0; k < apartPairs.length; k++) {
            if (at[apartPairs[k][0]] == at[apartPairs[k][1]]) {
                violated[count++] = k;
            }
        }
        int apartRules = count - sectionRules;
        if (clusterPenalty > 0) {
            violated[count++] = -1;
        }
        if (count == 0) {
            return -1;
        }
        int pick = random.nextInt(count);
        if (pick >= sectionRules + apartRules) {
            return clusterMember(random);
        }
        if (pick >= sectionRules) {
            int[] pair = apartPairs[violated[pick]];
            int side = random.nextInt(2);
            otherFocus = pair[1 - side];
            return pair[side];
        }
        int kind = violated[pick] / m;
        int s = violated[pick] % m;
        return switch (kind) {
            case OVER -> member(s, 0, random);
            case UNDER -> newcomer(s, random);
            case GIFTED -> member(s, GIFTED, random);
            default -> counted(kind - COUNTED, s, random);
        };
    }

    /**
     * A unit that can change counting rule k's count in section s: one of its members with an amount (moving out,
     * as a cap asks) or, as often, one with an amount from elsewhere that may join (moving in, as a minimum asks);
     * the best move of that unit then decides.
     */
    private int counted(int k, int s, SplittableRandom random) {
        if (random.nextBoolean()) {
            int chosen = -1;
            int seen = 0;
            for (int q = 0; q < rosterSize[s]; q++) {
                int u = roster[s][q];
                if (unitAmount[k][u] != 0 && random.nextInt(++seen) == 0) {
                    chosen = u;
                }
            }
            if (chosen >= 0) {
                return chosen;
            }
        }
        for (int tries = 0; tries < 20 && canEnter[s].length > 0; tries++) {
            int u = canEnter[s][random.nextInt(canEnter[s].length)];
            if (at[u] != s && unitAmount[k][u] != 0) {
                return u;
            }
        }
        return member(s, 0, random);
    }

    /** A random unit of section s (with a gifted student, if asked). */
    private int member(int s, int need, SplittableRandom random) {
        int chosen = -1;
        int seen = 0;
        for (int k = 0; k < rosterSize[s]; k++) {
            int u = roster[s][k];
            boolean fits = need != GIFTED || giftedIn[u] > 0;
            if (fits && random.nextInt(++seen) == 0) {
                chosen = u;
            }
        }
        return chosen;
    }

    /** A random unit from another section that may join s, which is short of its minimum. */
    private int newcomer(int s, SplittableRandom random) {
        for (int tries = 0; tries < 20 && canEnter[s].length > 0; tries++) {
            int u = canEnter[s][random.nextInt(canEnter[s].length)];
            if (at[u] != s) {
                return u;
            }
        }
        return -1;
    }

    /**
     * A gifted unit that can change the number of cluster sections: from a non-cluster section when there are too
     * few clusters (to gather them), from a cluster when there are too many (to dissolve one).
     */
    private int clusterMember(SplittableRandom random) {
        boolean tooFew = clusterSections < clusters;
        int chosen = -1;
        int seen = 0;
        for (int u : giftedUnits) {
            boolean inCluster = gifted[at[u]] >= clusterRule.min();
            if (inCluster != tooFew && random.nextInt(++seen) == 0) {
                chosen = u;
            }
        }
        return chosen;
    }

    /** The best move found so far in a step: unit moved to section {@code to}, swapped with {@code with} (or −1). */
    private static final class Choice {
        long delta = Long.MAX_VALUE;
        int moved = Integer.MAX_VALUE;
        long shift = Long.MAX_VALUE;
        int ties;
        int unit = -1;
        int to = -1;
        int with = -1;
    }

    /**
     * Offers u's relocations and swaps to the choice. Moves are ranked by penalty change (uphill if need be), then by
     * the students they move, then by the scores they displace (a partner of like score, or a section whose mean is
     * near u's), so that the draft's score structure, bands or a deal, survives the repair; remaining ties are broken
     * at random. A move that puts u (or its swap partner) back where it recently left is tabu unless it reaches a
     * penalty lower than any seen.
     */
    private void bestMove(int u, Choice choice, SplittableRandom random) {
        int s = at[u];
        for (int t = 0; t < m; t++) {
            if (t != s && allowed[u][t]) {
                long d = delta(u, s, -1, t);
                long shift = Math.abs(meanScore(u) - (size[t] > 0 ? scoreSum[t] / size[t] : meanScore(u)));
                consider(choice, d, weight[u], shift, u, t, -1, random);
            }
        }
        for (int v = 0; v < units; v++) {
            int t = at[v];
            if (t != s && allowed[u][t] && allowed[v][s]) {
                long d = delta(u, s, v, t);
                consider(choice, d, weight[u] + weight[v], Math.abs(meanScore(u) - meanScore(v)), u, t, v, random);
            }
        }
    }

    private void consider(Choice c, long d, int moved, long shift, int u, int t, int v, SplittableRandom random) {
        int order = d != c.delta ? Long.compare(d, c.delta) : moved != c.moved ? Integer.compare(moved, c.moved)
                : Long.compare(shift, c.shift);
        if (order > 0 || tabu(u, t, v, at[u]) && penalty + d >= bestPenalty) {
            return;
        }
        c.ties = order < 0 ? 1 : c.ties + 1;
        if (c.ties == 1 || random.nextInt(c.ties) == 0) {
            c.delta = d;
            c.moved = moved;
            c.shift = shift;
            c.unit = u;
            c.to = t;
            c.with = v;
        }
    }

    private long meanScore(int u) {
        return scoreIn[u] / weight[u];
    }

    private boolean tabu(int u, int t, int v, int s) {
        return tabuUntil[u][t] > step || v >= 0 && tabuUntil[v][s] > step;
    }

    /** A random relocation of u, or a swap with a random unit of the target section, whatever it costs. */
    private void randomMove(int u, SplittableRandom random) {
        int s = at[u];
        int t = random.nextInt(m);
        if (t == s || !allowed[u][t]) {
            return;
        }
        int v = -1;
        if (random.nextBoolean()) {
            int seen = 0;
            for (int k = 0; k < rosterSize[t]; k++) {
                int w = roster[t][k];
                if (allowed[w][s] && random.nextInt(++seen) == 0) {
                    v = w;
                }
            }
        }
        apply(u, s, v, t, delta(u, s, v, t), random);
    }

    /** The change in penalty if unit u moves from s to t and unit v (−1: nobody) from t to s. */
    private long delta(int u, int s, int v, int t) {
        evaluations++;
        int dz = weight[u] - (v >= 0 ? weight[v] : 0);
        int dg = giftedIn[u] - (v >= 0 ? giftedIn[v] : 0);
        long d = sectionPenalty(s, size[s] - dz, gifted[s] - dg, v, u) - sectionPenalty[s]
                + sectionPenalty(t, size[t] + dz, gifted[t] + dg, u, v) - sectionPenalty[t];
        for (int w : apartOf[u]) {
            int where = w == v ? s : at[w];
            d += (where == t ? 1 : 0) - (at[w] == s ? 1 : 0);
        }
        if (v >= 0) {
            for (int w : apartOf[v]) {
                int where = w == u ? t : at[w];
                d += (where == s ? 1 : 0) - (at[w] == t ? 1 : 0);
            }
        }
        if (giftedOn && dg != 0) {
            d += clusterPenaltyAfter(s, gifted[s] - dg, t, gifted[t] + dg) - clusterPenalty;
        }
        return d;
    }

    private void apply(int u, int s, int v, int t, long d, SplittableRandom random) {
        int tenure = 5 + random.nextInt(10);
        unseat(u);
        if (v >= 0) {
            unseat(v);
            seat(v, s);
            tabuUntil[v][t] = step + tenure;
        }
        seat(u, t);
        tabuUntil[u][s] = step + tenure;
        sectionPenalty[s] = sectionPenalty(s, size[s], gifted[s], -1, -1);
        sectionPenalty[t] = sectionPenalty(t, size[t], gifted[t], -1, -1);
        int dg = giftedIn[u] - (v >= 0 ? giftedIn[v] : 0);
        if (giftedOn && dg != 0) {
            shiftHistogram(gifted[s] + dg, gifted[s]);
            shiftHistogram(gifted[t] - dg, gifted[t]);
            clusterPenalty = clusterPenalty();
        }
        penalty += d;
        bestPenalty = Math.min(bestPenalty, penalty);
    }

    /** Moves a section's entry in the gifted histogram (and the cluster count) from one count to another. */
    private void shiftHistogram(int from, int to) {
        giftedHistogram[from]--;
        giftedHistogram[to]++;
        clusterSections += (to >= clusterRule.min() ? 1 : 0) - (from >= clusterRule.min() ? 1 : 0);
    }

    /**
     * Rules of one section at the given counts: seats outside [minSize, capacity], each hard counting rule's breach
     * with unit {@code plus} joining and unit {@code minus} leaving (−1: nobody), and for a cluster section gifted
     * students above its cap (so that a cluster too small to hold giftedMin is pushed to dissolve).
     */
    private long sectionPenalty(int s, int z, int g, int plus, int minus) {
        SectionProblem.Slot slot = p.sections().get(s);
        long d = Math.max(0, z - slot.capacity()) + Math.max(0, slot.minSize() - z);
        for (int k = 0; k < counted.length; k++) {
            long count = ruleCount[k][s] + (plus >= 0 ? unitAmount[k][plus] : 0)
                    - (minus >= 0 ? unitAmount[k][minus] : 0);
            d += counted[k].excess(s, count, z);
        }
        if (giftedOn && g >= clusterRule.min()) {
            d += Math.max(0, g - clusterRule.limit(z));
        }
        return d;
    }

    private long clusterPenaltyAfter(int s, int gs, int t, int gt) {
        shiftHistogram(gifted[s], gs);
        shiftHistogram(gifted[t], gt);
        long value = clusterPenalty();
        shiftHistogram(gt, gifted[t]);
        shiftHistogram(gs, gifted[s]);
        return value;
    }

    /**
     * How far the number of cluster sections is from the required one, with a slope: too few, the gifted students
     * the nearest non-cluster sections lack to reach giftedMin; too many, the gifted students the smallest clusters
     * must lose to drop below it.
     */
    private long clusterPenalty() {
        if (!giftedOn || clusterSections == clusters) {
            return 0;
        }
        int min = clusterRule.min();
        long sum = 0;
        if (clusterSections < clusters) {
            int need = clusters - clusterSections;
            for (int g = Math.min(min, giftedHistogram.length) - 1; g >= 0 && need > 0; g--) {
                int take = Math.min(need, giftedHistogram[g]);
                sum += (long) take * (min - g);
                need -= take;
            }
        } else {
            int need = clusterSections - clusters;
            for (int g = min; g < giftedHistogram.length && need > 0; g++) {
                int take = Math.min(need, giftedHistogram[g]);
                sum += (long) take * (g - min + 1);
                need -= take;
            }
        }
        return sum;
    }
}
