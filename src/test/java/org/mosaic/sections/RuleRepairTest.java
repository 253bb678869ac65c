package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;

/**
 * Rule repair: from any draft of a school that has a rule-keeping placement it finds one (checked against
 * {@link IndependentRules}, not the production rules), repeats itself exactly, gives up with null on schools that
 * have none, leaves a rule-keeping draft alone, and repairs the high-school benchmark's drafts.
 */
class RuleRepairTest {
    private static final long BUDGET = 3_000_000;

    /** A random school built around a placement that keeps every rule, so a repair is known to exist. */
    record Planted(SectionProblem problem, int[] plan) {
    }

    static Planted planted(SplittableRandom r) {
        int m = 3 + r.nextInt(8);
        int n = Math.max(30, 10 * m) + r.nextInt(300 - Math.max(30, 10 * m) + 1);
        int gmin = 2 + r.nextInt(2);
        int gmax = gmin + 1 + r.nextInt(4 - gmin);
        SectionProblem.Rules rules = new SectionProblem.Rules(r.nextInt(5) > 0, 0.4, 2 + r.nextInt(5),
                r.nextInt(5) > 0, r.nextInt(4) > 0, gmin, gmax, 0.4);
        int[] plan = dealt(n, m, r);
        List<List<Integer>> members = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(plan[i]).add(i);
        }
        boolean[] coTaught = new boolean[m];
        boolean[] certified = new boolean[m];
        for (int s = 0; s < m; s++) {
            coTaught[s] = s == 0 || r.nextInt(3) == 0;
            certified[s] = s == m - 1 || s == 0 && r.nextBoolean() || r.nextInt(3) == 0;
        }
        int[] giftedPlan = giftedCounts(r, m, gmin, gmax);
        // A third of the schools have every section exactly full, so that only swaps can mend them.
        boolean tight = r.nextInt(3) == 0;
        boolean[] iep = new boolean[n];
        boolean[] ell = new boolean[n];
        boolean[] gifted = new boolean[n];
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            List<Integer> in = members.get(s);
            int z = in.size();
            int iepCount = coTaught[s] ? r.nextInt(Math.min(rules.iepMax(), 4 * z / 10) + 1) : 0;
            for (int k = 0; k < z; k++) {
                int i = in.get(k);
                iep[i] = k < iepCount;
                gifted[i] = k >= iepCount && k < iepCount + giftedPlan[s];
                ell[i] = certified[s] && r.nextInt(4) == 0;
            }
            slots.add(new SectionProblem.Slot("s" + s, tight ? z : z + r.nextInt(3),
                    tight ? z : Math.max(0, z - r.nextInt(4)), coTaught[s], certified[s], ""));
        }
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pupils.add(new SectionProblem.Pupil("p" + i, 150 + r.nextInt(100) + 0.5 * r.nextInt(2), r.nextBoolean(),
                    r.nextBoolean() ? "black" : "white", r.nextBoolean() ? "female" : "male", ell[i], iep[i],
                    gifted[i], r.nextInt(10) == 0, false));
        }
        List<int[]> apart = new ArrayList<>();
        List<int[]> together = new ArrayList<>();
        int requests = n / (4 + r.nextInt(16));
        for (int k = 0; k < requests; k++) {
            int a = r.nextInt(n);
            int b = r.nextInt(n);
            if (plan[a] != plan[b]) {
                apart.add(new int[] {a, b});
            }
            List<Integer> in = members.get(r.nextInt(m));
            int c = in.get(r.nextInt(in.size()));
            int d = in.get(r.nextInt(in.size()));
            if (c != d) {
                together.add(new int[] {c, d});
            }
        }
        Map<Integer, Integer> locks = new HashMap<>();
        for (int k = 0; k < n / 40; k++) {
            int i = r.nextInt(n);
            locks.put(i, plan[i]);
        }
        SectionProblem p = SectionProblem.builder(pupils, slots).tracking(r.nextDouble()).apart(apart)
                .together(together).locks(locks).rules(rules).timeLimit(5).seed(3).build();
        assertThat(IndependentRules.broken(p, plan)).as("planted placement").isEmpty();
        return new Planted(p, plan);
    }

    /** Students dealt to sections in a random order, so that sizes differ by at most one. */
    private static int[] dealt(int n, int m, SplittableRandom r) {
        int[] order = shuffled(n, r);
        int[] plan = new int[n];
        for (int k = 0; k < n; k++) {
            plan[order[k]] = k % m;
        }
        return plan;
    }

    private static int[] shuffled(int n, SplittableRandom r) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int k = n - 1; k > 0; k--) {
            int q = r.nextInt(k + 1);
            int t = order[k];
            order[k] = order[q];
            order[q] = t;
        }
        return order;
    }

    /**
     * Gifted students per section that make exactly clusterCount clusters: C full clusters (or one of giftedMin..max
     * when C is 1) and fewer than giftedMax stragglers, under giftedMin in each other section.
     */
    private static int[] giftedCounts(SplittableRandom r, int m, int gmin, int gmax) {
        int c = 1 + r.nextInt(Math.max(1, m - 1));
        int[] g = new int[m];
        int[] order = shuffled(m, r);
        for (int k = 0; k < c; k++) {
            g[order[k]] = c == 1 ? gmin + r.nextInt(gmax - gmin + 1) : gmax;
        }
        int extra = 0;
        for (int k = c; k < m; k++) {
            int add = r.nextInt(gmin);
            if (extra + add < gmax) {
                g[order[k]] = add;
                extra += add;
            }
        }
        return g;
    }

    private static long[] score(SectionProblem p) {
        return p.pupils().stream().mapToLong(pu -> Math.round(pu.score() * 10)).toArray();
    }

    private static void assertKeepsEveryRule(SectionProblem p, int[] section, String what) {
        assertThat(section).as(what).isNotNull();
        assertThat(IndependentRules.broken(p, section)).as(what).isEmpty();
        p.locks().forEach((i, s) -> assertThat(section[i]).as(what + ": lock of %d", i).isEqualTo(s));
    }

    @Test
    void repairsEveryKindOfDraftOfSchoolsThatHaveAnAnswer() {
        SplittableRandom r = new SplittableRandom(21);
        for (int k = 0; k < 16; k++) {
            Planted planted = planted(r);
            SectionProblem p = planted.problem();
            int n = p.pupils().size();
            int m = p.sections().size();
            int[] random = new int[n];
            for (int i = 0; i < n; i++) {
                random[i] = r.nextInt(m);
            }
            Map<String, int[]> drafts = Map.of("random", random, "all in section 0", new int[n],
                    "snake", SectionSolver.snakeDraft(p), "band", SectionSolver.bandDraft(p));
            for (String name : List.of("random", "all in section 0", "snake", "band")) {
                String what = "instance " + k + " (n " + n + ", m " + m + "), " + name + " draft";
                int[] draft = drafts.get(name);
                int[] before = draft.clone();
                int[] repaired = RuleRepair.repair(p, score(p), draft, BUDGET, k);
                assertKeepsEveryRule(p, repaired, what);
                assertThat(draft).as("the draft is not modified").isEqualTo(before);
            }
        }
    }

    @Test
    void repairsWhatCpSatFindsRepairable() {
        // Small schools in the style of SectionSearchTest, some with levels; CP-SAT says whether an answer exists.
        SplittableRandom r = new SplittableRandom(22);
        int checked = 0;
        int withLevels = 0;
        for (int k = 0; k < 12; k++) {
            SectionProblem base = SectionSearchTest.random(r, 40, 4, r.nextDouble(), true, 8, 0.12);
            // Levels split the school in two; every section then co-teaches and is certified, and nobody is locked
            // or paired, or the levels would seldom leave any answer.
            boolean levels = k % 3 == 0;
            List<SectionProblem.Slot> slots = base.sections().stream().map(s -> new SectionProblem.Slot(s.id(),
                    s.capacity(), s.minSize(), levels || s.coTaught(), levels || s.ellCertified(),
                    !levels ? "" : s.id().compareTo("s2") >= 0 ? "high" : "low")).toList();
            SectionProblem p = SectionProblem.builder(base.pupils(), slots).tracking(base.tracking())
                    .levels(levels ? 2 : 0).apart(List.of(new int[] {0, 1}, new int[] {2, 3}))
                    .together(levels ? List.of() : List.of(new int[] {4, 5})).locks(levels ? Map.of() : Map.of(6, 1))
                    .rules(base.rules()).weights(base.weights()).timeLimit(2).seed(base.seed()).build();
            int[] draft = SectionSolver.snakeDraft(p);
            try {
                SectionSolver.feasiblePlacement(p, draft);
            } catch (BadInputException infeasible) {
                assertThat(RuleRepair.repair(p, score(p), draft, 50_000, k)).as("instance %d", k).isNull();
                continue;
            }
            assertKeepsEveryRule(p, RuleRepair.repair(p, score(p), draft, BUDGET, k), "instance " + k);
            checked++;
            withLevels += levels ? 1 : 0;
        }
        assertThat(checked).isGreaterThan(5);
        assertThat(withLevels).isGreaterThan(0);
    }

    @Test
    void sameInputsAndSeedGiveTheSamePlacement() {
        SplittableRandom r = new SplittableRandom(23);
        for (int k = 0; k < 4; k++) {
            SectionProblem p = planted(r).problem();
            int[] draft = SectionSolver.bandDraft(p);
            int[] first = RuleRepair.repair(p, score(p), draft, BUDGET, 99);
            int[] second = RuleRepair.repair(p, score(p), draft, BUDGET, 99);
            assertThat(first).as("instance %d", k).isNotNull();
            assertThat(second).as("instance %d", k).isEqualTo(first);
        }
    }

    @Test
    void aDraftThatKeepsEveryRuleComesBackUnchanged() {
        SplittableRandom r = new SplittableRandom(24);
        for (int k = 0; k < 8; k++) {
            Planted planted = planted(r);
            int[] plan = planted.plan();
            int[] repaired = RuleRepair.repair(planted.problem(), score(planted.problem()), plan, BUDGET, k);
            assertThat(repaired).isEqualTo(plan).isNotSameAs(plan);
        }
    }

    @Test
    void staysCloseToADraftThatBreaksOneRule() {
        // The planted placement with one keep-apart pair brought together by a swap of like students: a move or two
        // mends it, where a fresh solve would reshuffle the school.
        SplittableRandom r = new SplittableRandom(25);
        int checked = 0;
        for (int k = 0; k < 120 && checked < 8; k++) {
            Planted planted = planted(r);
            SectionProblem p = planted.problem();
            int[] draft = planted.plan().clone();
            if (p.apart().isEmpty() || !plain(p, p.apart().get(0)[0], true)) {
                continue;
            }
            int free = p.apart().get(0)[0];
            int target = draft[p.apart().get(0)[1]];
            int partner = -1;
            for (int j = 0; j < draft.length && partner < 0; j++) {
                partner = draft[j] == target && plain(p, j, false) && like(p, free, j) ? j : -1;
            }
            if (partner < 0 || !sameAttributes(p, draft[free], target)) {
                continue;
            }
            draft[partner] = draft[free];
            draft[free] = target;
            RuleRepair.Outcome out = RuleRepair.repairCounting(p, score(p), draft, BUDGET, k);
            assertKeepsEveryRule(p, out.section(), "instance " + k);
            int changed = 0;
            for (int i = 0; i < draft.length; i++) {
                changed += out.section()[i] != draft[i] ? 1 : 0;
            }
            assertThat(changed).as("instance %d: students moved", k).isBetween(1, 2);
            checked++;
        }
        assertThat(checked).isEqualTo(8);
    }

    /** No lock, no keep-together request, and (unless allowed) no keep-apart request. */
    private static boolean plain(SectionProblem p, int i, boolean apartAllowed) {
        return !p.locks().containsKey(i) && p.together().stream().noneMatch(q -> q[0] == i || q[1] == i)
                && (apartAllowed || p.apart().stream().noneMatch(q -> q[0] == i || q[1] == i));
    }

    /** Students the rules cannot tell apart. */
    private static boolean like(SectionProblem p, int i, int j) {
        SectionProblem.Pupil a = p.pupils().get(i);
        SectionProblem.Pupil b = p.pupils().get(j);
        return a.iep() == b.iep() && a.ell() == b.ell() && a.gifted() == b.gifted();
    }

    private static boolean sameAttributes(SectionProblem p, int s, int t) {
        SectionProblem.Slot a = p.sections().get(s);
        SectionProblem.Slot b = p.sections().get(t);
        return a.coTaught() == b.coTaught() && a.ellCertified() == b.ellCertified();
    }

    @Test
    void schoolsWithoutAnAnswerGiveNull() {
        List<SectionProblem.Slot> slots = SectionSolverTest.slots(3, 12, 1, 3);
        // 8 IEP students, but one co-taught section of 12 holds at most 4 (40 %).
        SectionProblem tooManyIep = SectionSolverTest.problem(SectionSolverTest.pupils(30, 1, 8, 0, 0), slots, 0,
                List.of(), List.of(), Map.of());
        assertThat(tooManyIep.pupils().stream().filter(SectionProblem.Pupil::iep).count()).isEqualTo(8);
        assertThat(RuleRepair.repair(tooManyIep, score(tooManyIep), new int[30], 200_000, 1)).isNull();
        // A keep-together pair locked to different sections.
        SectionProblem lockedApart = SectionSolverTest.problem(SectionSolverTest.pupils(30, 2, 0, 0, 0), slots, 0,
                List.of(), List.of(new int[] {3, 4}), Map.of(3, 0, 4, 1));
        assertThat(RuleRepair.repair(lockedApart, score(lockedApart), new int[30], 200_000, 1)).isNull();
        // Kept apart and together at once (through a third student).
        SectionProblem both = SectionSolverTest.problem(SectionSolverTest.pupils(30, 3, 0, 0, 0), slots, 0,
                List.of(new int[] {5, 7}), List.of(new int[] {5, 6}, new int[] {6, 7}), Map.of());
        assertThat(RuleRepair.repair(both, score(both), new int[30], 200_000, 1)).isNull();
        // Fewer seats than students.
        SectionProblem crowded = SectionSolverTest.problem(SectionSolverTest.pupils(40, 4, 0, 0, 0), slots, 0,
                List.of(), List.of(), Map.of());
        assertThat(RuleRepair.repair(crowded, score(crowded), new int[40], 200_000, 1)).isNull();
    }

    @Test
    void repairsTheHighSchoolDrafts() {
        for (double dial : new double[] {0, 1}) {
            SectionProblem p = highSchool(dial);
            for (String name : List.of("snake", "band")) {
                int[] draft = name.equals("snake") ? SectionSolver.snakeDraft(p) : SectionSolver.bandDraft(p);
                // Speed is for the benchmarks (BENCHMARKS.md); here the repair is counted in steps, not timed.
                RuleRepair.Outcome out = RuleRepair.repairCounting(p, score(p), draft, 5_000_000, 1);
                String what = "high school, dial " + dial + ", " + name + " draft";
                assertKeepsEveryRule(p, out.section(), what);
                int moved = 0;
                for (int i = 0; i < draft.length; i++) {
                    moved += out.section()[i] != draft[i] ? 1 : 0;
                }
                assertThat(IndependentRules.broken(p, draft)).as(what + ": the draft needed repair").isNotEmpty();
                System.out.printf("%s: broke %s; repaired with %d evaluations, %d steps, %d students moved%n", what,
                        IndependentRules.broken(p, draft).keySet(), out.evaluations(), out.steps(), moved);
            }
        }
    }

    /** The 750-student benchmark of {@code org.mosaic.bench.SectionsHighSchool}, every rule on. */
    static SectionProblem highSchool(double dial) {
        return org.mosaic.bench.SectionsHighSchool.problem(dial, 30, 1, "all");
    }
}
