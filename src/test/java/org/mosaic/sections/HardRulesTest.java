package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;

/**
 * Every hard rule of docs/sections.md against {@link IndependentRules}, the test code's own reading of the rule table:
 * the production check and the CP-SAT model accept exactly the placements it accepts, and on one tiny school per rule,
 * where the rule binds (the solver's classes without it break it), the solver's classes keep it.
 */
class HardRulesTest {
    /** n students with scores 100, 101, ... in order; flags by index. */
    static List<SectionProblem.Pupil> ranked(int n, Function<Integer, String> flags) {
        List<SectionProblem.Pupil> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String f = flags.apply(i);
            out.add(new SectionProblem.Pupil("p" + i, 100 + i, i % 2 == 0, i % 3 == 0 ? "black" : "white",
                    i % 2 == 1 ? "female" : "male", f.contains("E"), f.contains("I"), f.contains("G"), false, false));
        }
        return out;
    }

    static List<SectionProblem.Slot> slots(int m, int cap, int min, int coTaught, int certified) {
        List<SectionProblem.Slot> out = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            out.add(new SectionProblem.Slot("s" + s, cap, min, s < coTaught, s >= m - certified, ""));
        }
        return out;
    }

    static SectionProblem problem(List<SectionProblem.Pupil> pupils, List<SectionProblem.Slot> slots, double dial,
                                  SectionProblem.Rules rules) {
        return SectionProblem.builder(pupils, slots).tracking(dial).rules(rules).timeLimit(2).seed(7).build();
    }

    static SectionProblem withRules(SectionProblem p, SectionProblem.Rules rules) {
        return p.toBuilder().rules(rules).build();
    }

    static SectionProblem.Rules rules(boolean iep, double share, int max, boolean ell, boolean gifted) {
        SectionProblem.Rules d = SectionProblem.Rules.defaults();
        return new SectionProblem.Rules(iep, share, max, ell, gifted, d.giftedMin(), d.giftedMax(), d.giftedShare());
    }

    /**
     * The rule binds (the solver's classes for {@code without} break it, judged under {@code with}'s rules) and the
     * solver keeps it (its classes for {@code with} keep every rule).
     */
    static int[] assertBindsAndHolds(SectionProblem with, SectionProblem without, String rule) {
        int[] free = SectionSolver.solve(without).section();
        assertThat(IndependentRules.broken(with, free)).as("without the rule its classes break it").containsKey(rule);
        int[] kept = SectionSolver.solve(with).section();
        assertThat(IndependentRules.broken(with, kept)).as("with the rule").isEmpty();
        return kept;
    }

    @Test
    void theCoTaughtCapOf12BindsWhere40PercentWouldAllowMore() {
        // Sections of up to 40 (40 % would allow 16); the 36 lowest scorers have an IEP and the 3 co-taught sections
        // can take 12 each. Tracked classes without the cap put 14 or more of them in the lowest band.
        List<SectionProblem.Pupil> pupils = ranked(140, i -> i < 36 ? "I" : "");
        SectionProblem with = problem(pupils, slots(4, 40, 20, 3, 0), 1, SectionProblem.Rules.defaults());
        SectionProblem without = withRules(with, rules(true, 0.4, 16, true, true));
        int[] kept = assertBindsAndHolds(with, without, IndependentRules.IEP);
        int[] iep = new int[4];
        for (int i = 0; i < 36; i++) {
            iep[kept[i]]++;
        }
        assertThat(iep).containsExactly(12, 12, 12, 0);
    }

    @Test
    void theCoTaughtShareOf40PercentBinds() {
        // Sections of 20 hold at most 8 IEP students (40 %), below the cap of 12.
        List<SectionProblem.Pupil> pupils = ranked(70, i -> i < 12 ? "I" : "");
        SectionProblem with = problem(pupils, slots(4, 20, 10, 2, 0), 1, SectionProblem.Rules.defaults());
        SectionProblem without = withRules(with, rules(true, 1.0, 12, true, true));
        assertBindsAndHolds(with, without, IndependentRules.IEP);
    }

    @Test
    void iepStudentsOnlyInCoTaughtSections() {
        // Two IEP students at each end of the scores: tracked classes without the rule put them in two sections,
        // only one of which is co-taught.
        List<SectionProblem.Pupil> pupils = ranked(30, i -> i < 2 || i >= 28 ? "I" : "");
        SectionProblem with = problem(pupils, slots(3, 10, 8, 1, 0), 1, SectionProblem.Rules.defaults());
        SectionProblem without = withRules(with, rules(false, 0.4, 12, true, true));
        assertBindsAndHolds(with, without, IndependentRules.IEP);
    }

    @Test
    void englishLearnersOnlyWithAnElCertifiedTeacher() {
        List<SectionProblem.Pupil> pupils = ranked(30, i -> i < 2 || i >= 28 ? "E" : "");
        SectionProblem with = problem(pupils, slots(3, 10, 8, 0, 1), 1, SectionProblem.Rules.defaults());
        SectionProblem without = withRules(with, rules(true, 0.4, 12, false, true));
        assertBindsAndHolds(with, without, IndependentRules.EL);
    }

    @Test
    void giftedStudentsAreClustered() {
        // 8 gifted top scorers: mixed classes without the rule deal them 2 per section; the rule wants one cluster
        // section with 5-8 of them (others below 4), at most a quarter of it.
        List<SectionProblem.Pupil> pupils = ranked(80, i -> i >= 72 ? "G" : "");
        SectionProblem with = problem(pupils, slots(4, 24, 16, 0, 0), 0, SectionProblem.Rules.defaults());
        SectionProblem without = withRules(with, rules(true, 0.4, 12, true, false));
        assertBindsAndHolds(with, without, IndependentRules.GIFTED);
    }

    @Test
    void keepApartAndKeepTogetherRequests() {
        List<SectionProblem.Pupil> pupils = ranked(30, i -> "");
        SectionProblem plain = problem(pupils, slots(3, 10, 8, 0, 0), 1, SectionProblem.Rules.defaults());
        // Neighbours in score share a band; the top and bottom students do not.
        SectionProblem apart = SectionProblem.builder(pupils, plain.sections()).tracking(1)
                .apart(List.<int[]>of(new int[] {14, 15})).rules(plain.rules()).weights(plain.weights()).timeLimit(2)
                .seed(7).build();
        assertBindsAndHolds(apart, plain, IndependentRules.APART);
        SectionProblem together = SectionProblem.builder(pupils, plain.sections()).tracking(1)
                .together(List.<int[]>of(new int[] {0, 29})).rules(plain.rules()).weights(plain.weights()).timeLimit(2)
                .seed(7).build();
        assertBindsAndHolds(together, plain, IndependentRules.TOGETHER);
    }

    @Test
    void locks() {
        List<SectionProblem.Pupil> pupils = ranked(30, i -> "");
        SectionProblem plain = problem(pupils, slots(3, 10, 8, 0, 0), 1, SectionProblem.Rules.defaults());
        SectionProblem locked = SectionProblem.builder(pupils, plain.sections()).tracking(1).locks(Map.of(0, 0, 29, 0))
                .rules(plain.rules()).weights(plain.weights()).timeLimit(2).seed(7).build();
        assertBindsAndHolds(locked, plain, IndependentRules.LOCKS);
    }

    @Test
    void capacityAndMinimumSize() {
        // Scores in three clumps of 20, 10 and 10; sizes weigh nothing, so tracked classes follow the clumps unless
        // the seats (14) or the minimum (12) stop them.
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pupils.add(new SectionProblem.Pupil("p" + i, i < 20 ? 100 + 0.1 * i : i < 30 ? 200 + 0.1 * i : 300 + 0.1
                    * i, false, "white", "female", false, false, false, false, false));
        }
        SectionProblem.Weights noSizes = new SectionProblem.Weights(1, 1, 1, 1, 1, 1, 0);
        SectionProblem loose = SectionProblem.builder(pupils, slots(3, 30, 1, 0, 0)).tracking(1).weights(noSizes)
                .timeLimit(2).seed(7).build();
        SectionProblem seats = SectionProblem.builder(pupils, slots(3, 14, 1, 0, 0)).tracking(1).rules(loose.rules())
                .weights(noSizes).timeLimit(2).seed(7).build();
        assertBindsAndHolds(seats, loose, IndependentRules.CAPACITY);
        SectionProblem minimum = SectionProblem.builder(pupils, slots(3, 30, 12, 0, 0)).tracking(1).rules(loose.rules())
                .weights(noSizes).timeLimit(2).seed(7).build();
        assertBindsAndHolds(minimum, loose, IndependentRules.CAPACITY);
    }

    @Test
    void levels() {
        // Two levels, mixed within each: without levels, mixed classes mix every score.
        List<SectionProblem.Pupil> pupils = ranked(40, i -> "");
        List<SectionProblem.Slot> slots = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            slots.add(new SectionProblem.Slot("s" + s, 10, 8, false, false, s < 2 ? "standard" : "advanced"));
        }
        SectionProblem mixed = SectionProblem.builder(pupils, slots).timeLimit(2).seed(7).build();
        SectionProblem levels = SectionProblem.builder(pupils, slots).levels(2).rules(mixed.rules())
                .weights(mixed.weights()).timeLimit(2).seed(7).build();
        assertBindsAndHolds(levels, mixed, IndependentRules.LEVELS);
    }

    @Test
    void productionRulesAgreeWithTheIndependentCheckOnRandomSchools() {
        SplittableRandom r = new SplittableRandom(20261202);
        int broken = 0;
        for (int k = 0; k < 300; k++) {
            RuleRepairTest.Planted planted = RuleRepairTest.planted(r);
            SectionProblem p = planted.problem();
            assertThat(IndependentRules.broken(p, planted.plan())).as("planted school %d", k).isEmpty();
            int[] x = nearby(p, planted.plan(), r);
            TreeSet<String> production = new TreeSet<>(PlacementRules.violations(p, x));
            TreeSet<String> independent = new TreeSet<>(IndependentRules.broken(p, x).keySet());
            assertThat(production).as("school %d", k).isEqualTo(independent);
            broken += independent.isEmpty() ? 0 : 1;
        }
        assertThat(broken).as("placements that break a rule").isBetween(100, 290);
    }

    @Test
    void theCpSatModelAcceptsExactlyWhatTheIndependentCheckAccepts() {
        // Every student locked to a placement: the model is feasible exactly when the placement keeps every rule,
        // and otherwise the conflict names the locks and a rule the placement breaks.
        SplittableRandom r = new SplittableRandom(7);
        int kept = 0;
        int refused = 0;
        for (int k = 0; k < 16; k++) {
            RuleRepairTest.Planted planted = RuleRepairTest.planted(r);
            while (planted.problem().pupils().size() > 90) {
                // Small schools: a refusal is explained by a deletion filter of several solves.
                planted = RuleRepairTest.planted(r);
            }
            SectionProblem p = planted.problem();
            int[] x = nearby(p, planted.plan(), r);
            Map<Integer, Integer> all = new HashMap<>();
            for (int i = 0; i < x.length; i++) {
                all.put(i, x[i]);
            }
            SectionProblem pinned = p.toBuilder().locks(all).workers(1).build();
            Map<String, List<String>> broken = IndependentRules.broken(p, x);
            if (broken.isEmpty()) {
                assertThat(SectionSolver.feasiblePlacement(pinned, x)).as("school %d", k).containsExactly(x);
                kept++;
            } else {
                assertThatThrownBy(() -> SectionSolver.feasiblePlacement(pinned, x)).as("school %d: %s", k, broken)
                        .isInstanceOf(BadInputException.class)
                        .hasMessageContaining("locks")
                        .satisfies(e -> assertThat(broken.keySet()).anyMatch(e.getMessage()::contains));
                refused++;
            }
        }
        assertThat(kept).isPositive();
        assertThat(refused).isPositive();
    }

    /**
     * The planted placement after 0-2 random relocations of students not locked in the problem: about half keep
     * every rule.
     */
    private static int[] nearby(SectionProblem p, int[] plan, SplittableRandom r) {
        int[] x = plan.clone();
        int moves = r.nextInt(3);
        for (int k = 0; k < moves; k++) {
            int i = r.nextInt(x.length);
            if (!p.locks().containsKey(i)) {
                x[i] = r.nextInt(p.sections().size());
            }
        }
        return x;
    }
}
