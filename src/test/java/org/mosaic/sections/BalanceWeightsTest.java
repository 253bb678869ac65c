package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At dial 0 the default weights balance gender, FRL and race: two placements that differ only in where one attribute
 * lies (twins alike in score and everything else trade places) must cost differently, both in the search's cost and
 * in the CP-SAT model. A zero weight for any of them makes the two cost the same, and this test fail.
 */
class BalanceWeightsTest {
    /** Four pairs of twins, scores 100, 110, 120, 130, differing only in {@code attribute}. */
    static SectionProblem twins(String attribute) {
        List<SectionProblem.Pupil> pupils = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            for (int twin = 0; twin < 2; twin++) {
                boolean on = twin == 0;
                pupils.add(new SectionProblem.Pupil("p" + j + twin, 100 + 10 * j,
                        attribute.equals("frl") && on, attribute.equals("race") && on ? "black" : "white",
                        attribute.equals("gender") && on ? "male" : "female", false, false, false, false, false));
            }
        }
        List<SectionProblem.Slot> slots = List.of(new SectionProblem.Slot("a", 4, 4, false, false, ""),
                new SectionProblem.Slot("b", 4, 4, false, false, ""));
        return SectionProblem.builder(pupils, slots).timeLimit(2).seed(1).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frl", "race", "gender"})
    void oneAttributeOutOfBalanceCostsMore(String attribute) {
        SectionProblem p = twins(attribute);
        // Balanced: section a takes the attribute's twin of pairs 0 and 2 and the other twin of pairs 1 and 3.
        int[] balanced = {0, 1, 1, 0, 0, 1, 1, 0};
        // Pair 0's twins trade places: section a has the attribute once, b three times; all else is the same.
        int[] lopsided = {1, 0, 1, 0, 0, 1, 1, 0};
        SectionCost cost = new SectionCost(p);
        assertThat(cost.total(lopsided)).as("search cost").isGreaterThan(cost.total(balanced));
        assertThat(SectionSolver.modelObjective(p, lopsided)).as("CP-SAT model")
                .isGreaterThan(SectionSolver.modelObjective(p, balanced));
        assertThat(SectionSolver.objectiveTerms(p, lopsided).get("balance")).isPositive();
        assertThat(SectionSolver.objectiveTerms(p, balanced).get("balance")).isZero();
    }
}
