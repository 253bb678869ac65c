package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The pieces around the CP-SAT model: the objective computed in Java agrees with the model's, the exchange search
 * keeps every hard rule and never makes classes worse, and the interval-cover bound never exceeds the true optimum
 * (checked against every assignment of small instances).
 */
class SectionSearchTest {
    private static final String[] RACES = {"black", "white", "hispanic"};

    /** A small random school: flags, ties in scores, co-taught and certified sections, all rules on. */
    static SectionProblem random(SplittableRandom r, int n, int m, double dial, boolean rules) {
        return random(r, n, m, dial, rules, 3, 0.3);
    }

    static SectionProblem random(SplittableRandom r, int n, int m, double dial, boolean rules, int iepMax,
                                 double giftedShare) {
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pupils.add(new SectionProblem.Pupil("p" + i, 180 + r.nextInt(40) + (r.nextBoolean() ? 0.5 : 0),
                    r.nextBoolean(), RACES[r.nextInt(RACES.length)], r.nextBoolean() ? "female" : "male",
                    rules && r.nextDouble() < 0.2, rules && r.nextDouble() < 0.2, rules && r.nextDouble() < giftedShare,
                    r.nextDouble() < 0.2, false));
        }
        int cap = (n + m - 1) / m + r.nextInt(3);
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            slots.add(new SectionProblem.Slot("s" + s, cap, Math.max(0, n / m - 2), s == 0 || r.nextBoolean(),
                    s == m - 1 || r.nextBoolean(), ""));
        }
        SectionProblem.Rules d = SectionProblem.Rules.defaults();
        SectionProblem.Rules rule = new SectionProblem.Rules(rules, 0.5, iepMax, rules, rules, 2, 3, 0.5);
        return SectionProblem.builder(pupils, slots).tracking(dial)
                .rules(rules ? rule : new SectionProblem.Rules(false, d.iepShare(), d.iepMax(), false, false,
                        d.giftedMin(), d.giftedMax(), d.giftedShare()))
                .timeLimit(1).seed(7).build();
    }

    @Test
    void javaObjectiveEqualsTheModelsObjective() {
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 12; k++) {
            SectionProblem p = random(r, 24, 3, new double[] {0, 0.3, 0.5, 0.8, 1}[k % 5], k % 2 == 0);
            int[] placement;
            try {
                placement = SectionSolver.solve(p).section();
            } catch (org.mosaic.model.BadInputException infeasible) {
                continue;
            }
            assertThat(SectionSolver.modelObjective(p, placement)).as("instance %d", k)
                    .isEqualTo(new SectionCost(p).total(placement));
        }
    }

    @Test
    void exchangeSearchKeepsEveryRuleAndNeverWorsens() {
        SplittableRandom r = new SplittableRandom(12);
        int checked = 0;
        for (int k = 0; k < 30; k++) {
            SectionProblem p = random(r, 40, 4, r.nextDouble(), true, 8, 0.12);
            List<int[]> apart = List.of(new int[] {0, 1}, new int[] {2, 3});
            p = p.toBuilder().levels(0).apart(apart).together(List.of(new int[] {4, 5})).locks(Map.of(6, 1)).workers(1)
                    .build();
            int[] start;
            try {
                start = SectionSolver.feasiblePlacement(p, SectionSolver.snakeDraft(p));
            } catch (org.mosaic.model.BadInputException infeasible) {
                continue;
            }
            assertThat(IndependentRules.broken(p, start)).isEmpty();
            SectionCost cost = new SectionCost(p);
            int[] better = ExchangeSearch.improve(p, cost, start, 2_000_000, k);
            assertThat(IndependentRules.broken(p, better)).as("instance %d", k).isEmpty();
            assertThat(cost.total(better)).isLessThanOrEqualTo(cost.total(start));
            assertThat(better[6]).isEqualTo(1);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void coverBoundNeverExceedsTheOptimumOfAnySmallSchool() {
        SplittableRandom r = new SplittableRandom(13);
        int tight = 0;
        int checked = 0;
        for (int k = 0; k < 150; k++) {
            int m = 2 + r.nextInt(2);
            int n = m == 2 ? 6 + r.nextInt(4) : 6 + r.nextInt(2);
            SectionProblem p = random(r, n, m, new double[] {0, 0.25, 0.5, 0.75, 1}[k % 5], r.nextBoolean());
            SectionCost cost = new SectionCost(p);
            long optimum = bruteForceOptimum(p, cost);
            if (optimum == Long.MAX_VALUE) {
                continue;
            }
            long bound = CoverBound.lowerBound(p, cost);
            assertThat(bound).as("instance %d (n %d, m %d, dial %s)", k, n, m, p.tracking())
                    .isLessThanOrEqualTo(optimum);
            tight += bound == optimum ? 1 : 0;
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
        assertThat(tight).as("the bound is exact on some instances").isGreaterThan(0);
    }

    @Test
    void countBoundNeverExceedsTheCountTermsOfAnyRuleKeepingPlacementAndIsOftenExact() {
        SplittableRandom r = new SplittableRandom(21);
        int positive = 0;
        int exact = 0;
        int checked = 0;
        int levelled = 0;
        int byUnits = 0;
        for (int k = 0; k < 160; k++) {
            int m = 2 + r.nextInt(2);
            int n = m == 2 ? 6 + r.nextInt(5) : 6 + r.nextInt(3);
            SectionProblem p = random(r, n, m, new double[] {0, 0, 0.3, 0.6}[k % 4], k % 5 != 0, 1 + r.nextInt(3),
                    0.2 + 0.2 * r.nextInt(3));
            if (k % 7 == 3) {
                // A pinned student: the bound may only send them where their lock allows.
                p = p.toBuilder().locks(Map.of(r.nextInt(n), r.nextInt(m))).build();
            } else if (k % 7 == 1 || k % 7 == 6) {
                // Keep-together requests, one pair or a chain of three: a unit goes to one section.
                List<int[]> together = new ArrayList<>(List.of(new int[] {0, 1 + r.nextInt(n - 1)}));
                if (k % 7 == 6) {
                    together.add(new int[] {together.get(0)[1], n - 1});
                }
                p = p.toBuilder().together(together).build();
            } else if (k % 7 == 5) {
                // Levels: students only in their level's sections, which the families must keep apart.
                List<SectionProblem.Slot> slots = p.sections().stream().map(x -> new SectionProblem.Slot(x.id(),
                        x.capacity(), x.minSize(), x.coTaught(), x.ellCertified(), x.id().equals("s0") ? "low"
                        : "high")).toList();
                p = SectionProblem.builder(p.pupils(), slots).tracking(p.tracking()).levels(2).apart(p.apart())
                        .together(p.together()).locks(p.locks()).rules(p.rules()).weights(p.weights())
                        .timeLimit(p.timeLimit()).workers(p.workers()).seed(p.seed()).build();
                levelled++;
            }
            SectionCost cost = new SectionCost(p);
            long least = ruleKeeping(p).stream().mapToLong(x -> {
                long[] terms = cost.terms(x);
                return terms[1] + terms[3] + terms[4];
            }).min().orElse(Long.MAX_VALUE);
            if (least == Long.MAX_VALUE) {
                continue;
            }
            long bound = CountBound.lowerBound(p, cost);
            assertThat(bound).as("instance %d (n %d, m %d, dial %s, rules %s)", k, n, m, p.tracking(), p.rules())
                    .isLessThanOrEqualTo(least);
            positive += bound > 0 ? 1 : 0;
            exact += bound == least && least > 0 ? 1 : 0;
            if (!p.together().isEmpty()) {
                SectionProblem apart = p.toBuilder().together(List.of()).build();
                byUnits += bound > CountBound.lowerBound(apart, new SectionCost(apart)) ? 1 : 0;
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
        assertThat(levelled).isGreaterThan(10);
        assertThat(byUnits).as("students kept together raise the bound on some schools").isGreaterThan(2);
        assertThat(positive).as("the rules force unbalanced counts on some schools").isGreaterThan(15);
        assertThat(exact).as("and the bound finds exactly how unbalanced on some").isGreaterThan(3);
    }

    @Test
    void countBoundProvesAHighSchoolGradeWhoseGiftedClustersCannotBeBalanced() {
        // Seed 51 of the high-school benchmark: 94 gifted students, eleven cluster sections that can take four of
        // the two top score bands each, fourteen others at most three; six top-band students must sit above a fair
        // share somewhere. No placement search proved it (CP-SAT ended at its limit with bound 0).
        SectionProblem p = org.mosaic.bench.SectionsHighSchool.problem(0, 10, 1, "all", 51);
        SectionCost cost = new SectionCost(p);
        assertThat(CountBound.lowerBound(p, cost)).isEqualTo(6 * cost.bandCoef);
        SectionSolver.Solution s = SectionSolver.solve(p);
        assertThat(IndependentRules.broken(p, s.section())).isEmpty();
        assertThat(s.status()).isEqualTo("OPTIMAL");
        assertThat(s.objective()).isEqualTo(6 * cost.bandCoef);
        // And the answer says so: the rules force all of it, in the score bands.
        assertThat(s.unavoidable()).containsEntry("score_bands", 6 * cost.bandCoef).containsEntry("spread", 0L)
                .containsEntry("means", 0L);
        // Seed 85: an IEP English learner must sit with a student of the lowest band, so that student goes to a
        // co-taught certified section too, one more of that band than its fair share. Without the request the
        // bound is 0.
        SectionProblem pair = org.mosaic.bench.SectionsHighSchool.problem(0, 10, 1, "all", 85);
        assertThat(CountBound.lowerBound(pair, new SectionCost(pair))).isEqualTo(cost.bandCoef);
        SectionProblem alone = pair.toBuilder().tracking(0).levels(0).together(List.of()).timeLimit(10).workers(1)
                .seed(1).build();
        assertThat(CountBound.lowerBound(alone, new SectionCost(alone))).isZero();
    }

    @Test
    void typedCoverBoundNeverExceedsTheOptimumWhenFewSectionsAreCoTaught() {
        SplittableRandom r = new SplittableRandom(16);
        int raised = 0;
        int checked = 0;
        for (int k = 0; k < 160; k++) {
            int m = 2 + r.nextInt(2);
            int n = m == 2 ? 7 + r.nextInt(4) : 6 + r.nextInt(3);
            SectionProblem base = random(r, n, m, new double[] {0, 0.25, 0.5, 0.75, 1}[k % 5], true, 3, 0.1);
            List<SectionProblem.Slot> slots = new ArrayList<>();
            for (SectionProblem.Slot slot : base.sections()) {
                slots.add(new SectionProblem.Slot(slot.id(), slot.capacity(), slot.minSize(), slots.isEmpty(), true,
                        ""));
            }
            SectionProblem p = SectionProblem.builder(base.pupils(), slots).tracking(base.tracking())
                    .rules(base.rules()).weights(base.weights()).timeLimit(1).seed(7).build();
            SectionCost cost = new SectionCost(p);
            long optimum = bruteForceOptimum(p, cost);
            if (optimum == Long.MAX_VALUE) {
                continue;
            }
            long bound = CoverBound.lowerBound(p, cost);
            assertThat(bound).as("instance %d (n %d, m %d, dial %s)", k, n, m, p.tracking())
                    .isLessThanOrEqualTo(optimum);
            SectionProblem untyped = p.toBuilder().levels(0).apart(List.of()).together(List.of()).locks(Map.of())
                    .rules(new SectionProblem.Rules(false, 0.5, 3, true, true, 2, 3, 0.5))
                    .weights(new SectionProblem.Weights(1, 1, 1, 1, 0, 1, 1)).timeLimit(1).workers(1).seed(7).build();
            assertThat(new SectionCost(untyped).attributes).isEqualTo(cost.attributes);
            raised += bound > CoverBound.lowerBound(untyped, new SectionCost(untyped)) ? 1 : 0;
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(raised).as("co-taught sections covering the IEP scores raise the bound on some instances")
                .isGreaterThan(3);
    }

    @Test
    void bandPricesNeverLiftTheCoverAboveTheOptimumAndSometimesLiftIt() {
        SplittableRandom r = new SplittableRandom(18);
        int raised = 0;
        int byRules = 0;
        int coarseUseful = 0;
        int checked = 0;
        for (int k = 0; k < 150; k++) {
            int m = 2 + r.nextInt(2);
            int n = m == 2 ? 7 + r.nextInt(4) : 6 + r.nextInt(3);
            SectionProblem p = random(r, n, m, new double[] {0.1, 0.3, 0.5, 0.7, 0.9}[k % 5], r.nextBoolean());
            if (p.sections().stream().anyMatch(slot -> slot.minSize() == 0)) {
                continue;
            }
            SectionCost cost = new SectionCost(p);
            long optimum = bruteForceOptimum(p, cost);
            if (optimum == Long.MAX_VALUE) {
                continue;
            }
            long priced = LagrangianCover.lowerBound(p, cost, optimum, 60);
            assertThat(priced).as("instance %d (n %d, m %d, dial %s)", k, n, m, p.tracking())
                    .isLessThanOrEqualTo(optimum);
            raised += priced > CoverBound.lowerBound(p, cost) ? 1 : 0;
            // Merged score cells (as for a large grade) must stay below the optimum too.
            long coarse = LagrangianCover.lowerBound(p, cost, optimum, 60, 2 + k % 3);
            assertThat(coarse).as("instance %d on %d cells", k, 2 + k % 3).isLessThanOrEqualTo(optimum);
            coarseUseful += coarse > 0 ? 1 : 0;
            if (p.rules().clusterIep()) {
                // The same objective (IEP and EL not balanced) with and without the rules.
                SectionProblem.Weights w = p.weights();
                SectionProblem.Weights noIepEl = new SectionProblem.Weights(w.gender(), w.frl(), w.race(), 0, 0,
                        w.behavior(), w.size());
                SectionProblem.Rules q = p.rules();
                SectionProblem ruled = withRules(p, q.clusterIep(), q.clusterEll(), q.clusterGifted(), noIepEl);
                SectionProblem free = withRules(p, false, false, false, noIepEl);
                SectionCost ruledCost = new SectionCost(ruled);
                long ruledOptimum = bruteForceOptimum(ruled, ruledCost);
                if (ruledOptimum < Long.MAX_VALUE) {
                    long withRules = LagrangianCover.lowerBound(ruled, ruledCost, ruledOptimum, 60);
                    assertThat(withRules).as("instance %d with rules", k).isLessThanOrEqualTo(ruledOptimum);
                    // Above the best classes without the rules: out of reach of any bound blind to them.
                    byRules += withRules > bruteForceOptimum(free, new SectionCost(free)) ? 1 : 0;
                }
            }
            checked++;
        }
        assertThat(byRules).as("the rules' counts raise the priced bound on some schools").isGreaterThan(3);
        assertThat(coarseUseful).as("the bound on merged cells is positive on some instances").isGreaterThan(10);
        assertThat(checked).isGreaterThan(40);
        assertThat(raised).as("band prices raise the cover bound on some instances").isGreaterThan(3);
    }

    @Test
    void capacityBoundNeverExceedsTheTrackedOptimumAndSometimesBeatsThePriorBound() {
        SectionSolver.load();
        SplittableRandom r = new SplittableRandom(21);
        int raised = 0;
        int positive = 0;
        int byClusters = 0;
        int checked = 0;
        for (int k = 0; k < 160; k++) {
            int m = 2 + r.nextInt(2);
            int n = m == 2 ? 7 + r.nextInt(4) : 6 + r.nextInt(3);
            SectionProblem p = random(r, n, m, 1, true, 1 + r.nextInt(3), k % 3 == 0 ? 0.5 : 0.2);
            if (k % 5 == 0) {
                // Co-taught sections without the IEP rule are plain sections here (no type of their own).
                p = withRules(p, false, p.rules().clusterEll(), p.rules().clusterGifted(), p.weights());
            }
            SectionCost cost = new SectionCost(p);
            int[] best = bestPlacement(p, cost);
            if (best == null) {
                continue;
            }
            long optimum = cost.total(best);
            // With and without a start (slack rows), on every distinct score and on a few merged cells.
            int cells = k % 2 == 0 ? ScoreAxis.CELLS : 2 + k % 3;
            long bound = CapacityCover.lowerBound(p, cost, k % 4 < 2 ? best : null, 60, cells);
            assertThat(bound).as("instance %d (n %d, m %d, %d cells)", k, n, m, cells).isLessThanOrEqualTo(optimum);
            positive += bound > 0 ? 1 : 0;
            raised += bound > SectionSolver.Prior.of(p).bound() ? 1 : 0;
            if (p.rules().clusterGifted()
                    && p.pupils().stream().filter(SectionProblem.Pupil::gifted).count() >= p.rules().giftedMin()) {
                SectionProblem noClusters = withRules(p, p.rules().clusterIep(), p.rules().clusterEll(), false,
                        p.weights());
                long without = CapacityCover.lowerBound(noClusters, new SectionCost(noClusters),
                        k % 4 < 2 ? best : null, 60, cells);
                byClusters += bound > without ? 1 : 0;
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
        assertThat(positive).as("the capacity bound is positive on most schools").isGreaterThan(checked / 2);
        assertThat(raised).as("seats and the IEP cap raise the bound on some schools").isGreaterThan(3);
        assertThat(byClusters).as("gifted clusters raise the bound on some schools").isGreaterThan(3);
    }

    @Test
    void ruleAwareRangeBoundNeverExceedsTheLeastRangesOfAnyRuleKeepingPlacement() {
        SplittableRandom r = new SplittableRandom(14);
        int stronger = 0;
        int checked = 0;
        for (int k = 0; k < 200; k++) {
            int m = 2 + r.nextInt(3);
            int n = m == 2 ? 7 + r.nextInt(4) : m == 3 ? 6 + r.nextInt(3) : 6 + r.nextInt(2);
            SectionProblem p = random(r, n, m, 1, true, 1 + r.nextInt(3), 0.2);
            // Few co-taught and certified sections, as in real schools, so each family has its own sections.
            List<SectionProblem.Slot> slots = new ArrayList<>();
            for (SectionProblem.Slot slot : p.sections()) {
                int s = slots.size();
                slots.add(new SectionProblem.Slot(slot.id(), slot.capacity(), slot.minSize(),
                        s == 0 || (s == 1 && r.nextInt(4) == 0), s == m - 1 || (s == 0 && r.nextInt(3) == 0), ""));
            }
            p = SectionProblem.builder(p.pupils(), slots).tracking(1).rules(p.rules()).weights(p.weights()).timeLimit(1)
                    .seed(7).build();
            long[] score = new SectionCost(p).score;
            List<RangeBound.Part> parts = RangeBound.parts(p, score);
            long least = Long.MAX_VALUE;
            long[] leastPerPart = new long[parts.size()];
            java.util.Arrays.fill(leastPerPart, Long.MAX_VALUE);
            for (int[] section : ruleKeeping(p)) {
                long[] range = ranges(score, section, m);
                least = Math.min(least, java.util.Arrays.stream(range).sum());
                for (int q = 0; q < parts.size(); q++) {
                    leastPerPart[q] = Math.min(leastPerPart[q],
                            parts.get(q).sections().stream().mapToLong(s -> range[s]).sum());
                }
            }
            if (least == Long.MAX_VALUE) {
                continue;
            }
            for (int q = 0; q < parts.size(); q++) {
                assertThat(parts.get(q).bound()).as("instance %d, %s", k, parts.get(q).family())
                        .isLessThanOrEqualTo(leastPerPart[q]);
            }
            SectionCost cost = new SectionCost(p);
            assertThat(SectionSolver.rangeLowerBound(p, cost)).as("instance %d", k).isLessThanOrEqualTo(least);
            stronger += RangeBound.total(p, score) > cost.leastRange ? 1 : 0;
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
        assertThat(stronger).as("the rules raise the bound above contiguous bands on some instances")
                .isGreaterThan(5);
    }

    @Test
    void spanProgrammesMatchEnumeration() {
        // leastSpan against every way of giving each score a group or a skip.
        SplittableRandom r = new SplittableRandom(15);
        for (int k = 0; k < 300; k++) {
            int n = 1 + r.nextInt(7);
            long[] x = new long[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(30);
            }
            java.util.Arrays.sort(x);
            int groups = 1 + r.nextInt(3);
            int cap = 1 + r.nextInt(3);
            int skips = r.nextInt(3);
            long best = Long.MAX_VALUE;
            int[] g = new int[n];
            for (long code = 0; code < Math.round(Math.pow(groups + 1, n)); code++) {
                long c = code;
                for (int i = 0; i < n; i++) {
                    g[i] = (int) (c % (groups + 1)) - 1;
                    c /= groups + 1;
                }
                long[] lo = new long[groups];
                long[] hi = new long[groups];
                int[] count = new int[groups];
                java.util.Arrays.fill(lo, Long.MAX_VALUE);
                java.util.Arrays.fill(hi, Long.MIN_VALUE);
                int skipped = 0;
                for (int i = 0; i < n; i++) {
                    if (g[i] < 0) {
                        skipped++;
                    } else {
                        count[g[i]]++;
                        lo[g[i]] = Math.min(lo[g[i]], x[i]);
                        hi[g[i]] = Math.max(hi[g[i]], x[i]);
                    }
                }
                boolean ok = skipped <= skips && java.util.Arrays.stream(count).allMatch(v -> v <= cap);
                if (ok) {
                    long span = 0;
                    for (int q = 0; q < groups; q++) {
                        span += count[q] == 0 ? 0 : hi[q] - lo[q];
                    }
                    best = Math.min(best, span);
                }
            }
            long expected = best == Long.MAX_VALUE ? 0 : best;
            assertThat(RangeBound.leastSpan(x, groups, cap, skips))
                    .as("x %s groups %d cap %d skips %d", java.util.Arrays.toString(x), groups, cap, skips)
                    .isEqualTo(expected);
        }
    }

    /** The same school with the clustering rules switched as given and the weights {@code w}; all else kept. */
    private static SectionProblem withRules(SectionProblem p, boolean iep, boolean ell, boolean gifted,
                                            SectionProblem.Weights w) {
        SectionProblem.Rules q = p.rules();
        return p.toBuilder()
                .rules(new SectionProblem.Rules(iep, q.iepShare(), q.iepMax(), ell, gifted, q.giftedMin(),
                        q.giftedMax(), q.giftedShare()))
                .weights(w).build();
    }

    /** The least objective over every rule-keeping placement (Long.MAX_VALUE if none): m^n of them. */
    private static long bruteForceOptimum(SectionProblem p, SectionCost cost) {
        int[] best = bestPlacement(p, cost);
        return best == null ? Long.MAX_VALUE : cost.total(best);
    }

    /** The cheapest rule-keeping placement of a small school, by enumeration; null if none keeps the rules. */
    private static int[] bestPlacement(SectionProblem p, SectionCost cost) {
        return ruleKeeping(p).stream().min(java.util.Comparator.comparingLong(cost::total)).orElse(null);
    }

    /** Every placement of a small school that keeps every hard rule. */
    private static List<int[]> ruleKeeping(SectionProblem p) {
        int n = p.pupils().size();
        int m = p.sections().size();
        List<int[]> out = new ArrayList<>();
        for (long code = 0; code < Math.round(Math.pow(m, n)); code++) {
            int[] section = new int[n];
            long c = code;
            for (int i = 0; i < n; i++) {
                section[i] = (int) (c % m);
                c /= m;
            }
            if (IndependentRules.broken(p, section).isEmpty()) {
                out.add(section);
            }
        }
        return out;
    }

    private static long[] ranges(long[] score, int[] section, int m) {
        long[] lo = new long[m];
        long[] hi = new long[m];
        java.util.Arrays.fill(lo, Long.MAX_VALUE);
        java.util.Arrays.fill(hi, Long.MIN_VALUE);
        for (int i = 0; i < score.length; i++) {
            lo[section[i]] = Math.min(lo[section[i]], score[i]);
            hi[section[i]] = Math.max(hi[section[i]], score[i]);
        }
        long[] range = new long[m];
        for (int s = 0; s < m; s++) {
            range[s] = lo[s] <= hi[s] ? hi[s] - lo[s] : 0;
        }
        return range;
    }

    @Test
    void aLargeGradeWithEveryRuleIsProvenOptimalWhenMixed() {
        SplittableRandom r = new SplittableRandom(14);
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean frl = r.nextBoolean();
            double z = r.nextGaussian() + (frl ? -0.4 : 0.4);
            pupils.add(new SectionProblem.Pupil("h" + i, Math.round((250 + 15 * z) * 10) / 10.0, frl,
                    RACES[r.nextInt(RACES.length)], r.nextBoolean() ? "female" : "male", r.nextDouble() < 0.10,
                    r.nextDouble() < 0.13, z > 1.4, r.nextDouble() < 0.05, false));
        }
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            slots.add(new SectionProblem.Slot("S" + s, 32, 26, s < 4, s == 0 || s >= 8, ""));
        }
        SectionProblem p = SectionProblem.builder(pupils, slots).apart(List.of(new int[] {5, 6}))
                .together(List.of(new int[] {1, 2})).timeLimit(10).seed(1).build();
        SectionSolver.Solution s = SectionSolver.solve(p);
        assertThat(IndependentRules.broken(p, s.section())).isEmpty();
        assertThat(s.status()).isEqualTo("OPTIMAL");
        assertThat(s.gap()).isZero();
    }
}
