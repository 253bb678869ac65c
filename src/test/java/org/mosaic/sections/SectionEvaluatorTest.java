package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The evaluator gives the solver's own objective and terms for any class list, after any sequence of moves, and
 * the same broken rules as {@link IndependentRules}, the test code's reading of the rule table.
 */
class SectionEvaluatorTest {
    @Test
    void movesAreScoredExactlyAsTheWholeListWouldBe() {
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 30; k++) {
            RuleRepairTest.Planted planted = RuleRepairTest.planted(r);
            SectionProblem p = planted.problem();
            int[] x = planted.plan().clone();
            SectionEvaluator ev = SectionEvaluator.of(p, x);
            SectionCost cost = new SectionCost(p);
            assertThat(ev.objective()).isEqualTo(cost.total(x));
            assertThat(ev.violations()).isEmpty();
            for (int step = 0; step < 40; step++) {
                int i = r.nextInt(x.length);
                x[i] = r.nextInt(p.sections().size());
                long after = ev.move(i, x[i]);
                assertThat(after).as("school %d, move %d", k, step).isEqualTo(cost.total(x));
            }
            assertThat(ev.placement()).containsExactly(x);
            assertThat(ev.terms()).isEqualTo(SectionSolver.objectiveTerms(p, x));
            assertThat(new TreeSet<>(ev.violations().stream().map(Violation::rule).toList()))
                    .isEqualTo(new TreeSet<>(IndependentRules.broken(p, x).keySet()));
            assertThat(ev.sections().stream().mapToInt(SectionEvaluator.SectionStats::size).sum()).isEqualTo(x.length);
            assertThat(ev.sections().stream().mapToLong(SectionEvaluator.SectionStats::cost).sum())
                    .isEqualTo(ev.objective());
        }
    }

    @Test
    void aBrokenCapNamesTheSectionAndItsStudents() {
        // The co-taught cap of 12 in a section of 40: 13 IEP students there break it, and all 13 are named.
        java.util.List<SectionProblem.Pupil> pupils = HardRulesTest.ranked(80, i -> i < 13 ? "I" : "");
        SectionProblem p = HardRulesTest.problem(pupils, HardRulesTest.slots(2, 40, 1, 2, 0), 0,
                SectionProblem.Rules.defaults());
        int[] x = new int[80];
        for (int i = 40; i < 80; i++) {
            x[i] = 1;
        }
        SectionEvaluator.Evaluation e = SectionEvaluator.of(p, x).evaluate();
        assertThat(e.keepsEveryRule()).isFalse();
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(IndependentRules.IEP);
            assertThat(v.section()).isEqualTo("s0");
            assertThat(v.students()).hasSize(13).contains("p0", "p12");
            assertThat(v.detail()).contains("13 of 40").contains("at most 12");
        });
        SectionEvaluator ev = SectionEvaluator.of(p, x);
        // Swapped with a student of the other section: 12 IEP students, and every rule holds again.
        ev.move(0, 1);
        ev.move(40, 0);
        assertThat(ev.violations()).isEmpty();
        assertThat(ev.objective()).isEqualTo(new SectionCost(p).total(ev.placement()));
    }
}
