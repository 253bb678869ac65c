package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The summary of tables small enough to work out by hand: counts (group a, group b) per unit. */
class SegregationSummaryTest {
    private static final double LN2 = Math.log(2);

    /** Four classes in two schools; each class holds one group only, each school both equally. */
    private static GroupUnitTable sorted() {
        return new GroupUnitTable(List.of("a", "b"), List.of("c1", "c2", "c3", "c4"),
                new double[] {2, 0, 0, 2, 2, 0, 0, 2});
    }

    private static final SegregationSummary.Nesting SCHOOLS = new SegregationSummary.Nesting(List.of("school"),
            List.of(new int[] {0, 0, 1, 1}), List.of(List.of("s1", "s2")));

    @Test
    void completeSegregationInsideEvenSchoolsIsAllWithinAndEveryIndexIsAtItsMaximum() {
        SegregationSummary s = SegregationSummary.of(sorted(), "class", SCHOOLS,
                new SegregationSummary.Options(List.of("a", "b"), List.of("a", "b"), 0, 0.95, 1));
        // Entropy of a 50/50 split is ln 2; knowing the class tells the group exactly, so M = ln 2 and H = 1.
        assertThat(s.entropy()).isCloseTo(LN2, within(1e-12));
        assertThat(s.m()).isCloseTo(LN2, within(1e-12));
        assertThat(s.h()).isCloseTo(1, within(1e-12));
        // Both schools are 50/50: nothing between them, everything between the classes inside them.
        assertThat(s.between()).containsExactly(new SegregationSummary.Part("school", 0, 0));
        assertThat(s.within().level()).isEqualTo("class");
        assertThat(s.within().m()).isCloseTo(LN2, within(1e-12));
        assertThat(s.within().h()).isCloseTo(1, within(1e-12));
        assertThat(s.dissimilarity()).isCloseTo(1, within(1e-12));
        assertThat(s.multigroupDissimilarity()).isCloseTo(1, within(1e-12));
        // Two ordered categories: one threshold, split 50/50 overall and 100/0 in every class.
        assertThat(s.ordinalInformation()).isCloseTo(1, within(1e-12));
        assertThat(s.ordinalVariationRatio()).isCloseTo(1, within(1e-12));
        // Each class differs from the district's 50/50 by ln 2 (the KL divergence of a certain outcome).
        assertThat(s.local()).hasSize(4).allSatisfy((u, v) -> assertThat(v).isCloseTo(LN2, within(1e-12)));
        assertThat(s.smallUnits()).isNull();
    }

    @Test
    void aPartlySortedTableMatchesTheFormulasWrittenOutHere() {
        // c1: 3 a and 1 b; c2: 1 a and 3 b.
        GroupUnitTable t = new GroupUnitTable(List.of("a", "b"), List.of("c1", "c2"), new double[] {3, 1, 1, 3});
        SegregationSummary s = SegregationSummary.of(t, "class", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of("a", "b"), List.of(), 0, 0.95, 1));
        double inClass = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        assertThat(s.m()).isCloseTo(LN2 - inClass, within(1e-12));
        assertThat(s.h()).isCloseTo((LN2 - inClass) / LN2, within(1e-12));
        // D = half the sum over classes of |share of a's - share of b's| = (|3/4 - 1/4| + |1/4 - 3/4|) / 2.
        assertThat(s.dissimilarity()).isCloseTo(0.5, within(1e-12));
        // Exposure of a to b: an a's class is, on average, (3/4 * 1/4 + 1/4 * 3/4) = 3/8 b.
        assertThat(s.exposure().get("a").get("b")).isCloseTo(0.375, within(1e-12));
        assertThat(s.between()).isEmpty();
        assertThat(s.within()).isNull();
        assertThat(s.ordinalInformation()).isNaN();
    }

    @Test
    void theOrderOfTheGroupsChangesOnlyTheOrdinalIndices() {
        GroupUnitTable t = new GroupUnitTable(List.of("low", "mid", "high"), List.of("u1", "u2"),
                new double[] {4, 0, 0, 0, 0, 4});
        SegregationSummary natural = SegregationSummary.of(t, "u", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of(), List.of("low", "mid", "high"), 0, 0.95, 1));
        SegregationSummary reversed = SegregationSummary.of(t, "u", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of(), List.of("high", "mid", "low"), 0, 0.95, 1));
        // The empty middle group adds nothing: as with two groups, each unit holds one end, so both indices are 1
        // in either direction; M is the same table's either way.
        assertThat(natural.ordinalInformation()).isCloseTo(1, within(1e-12));
        assertThat(reversed.ordinalInformation()).isCloseTo(1, within(1e-12));
        assertThat(natural.m()).isEqualTo(reversed.m());
        SegregationSummary middleFirst = SegregationSummary.of(t, "u", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of(), List.of("mid", "low", "high"), 0, 0.95, 1));
        // mid first: thresholds at 0 and 1/2 overall, and at 0 and 1 (or 0 and 0) in the units: still one split.
        assertThat(middleFirst.ordinalVariationRatio()).isCloseTo(1, within(1e-12));
    }

    @Test
    void theBootstrapRunsOnlyWhenAskedAndRepeatsFromItsSeed() {
        SegregationSummary a = SegregationSummary.of(sorted(), "class", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of(), List.of(), 20, 0.9, 7));
        SegregationSummary b = SegregationSummary.of(sorted(), "class", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of(), List.of(), 20, 0.9, 7));
        assertThat(a.smallUnits()).isNotNull().isEqualTo(b.smallUnits());
        assertThat(a.smallUnits().replications()).isEqualTo(20);
        assertThat(a.smallUnits().m().observed()).isCloseTo(LN2, within(1e-12));
    }

    @Test
    void aPairOrAnOrderThatDoesNotFitTheTableIsRefused() {
        assertThatThrownBy(() -> SegregationSummary.of(sorted(), "class", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of("a", "z"), List.of(), 0, 0.95, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SegregationSummary.of(sorted(), "class", SegregationSummary.Nesting.NONE,
                new SegregationSummary.Options(List.of(), List.of("a"), 0, 0.95, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing [b]");
    }
}
