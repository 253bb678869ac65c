package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Every index on a three-group table with an empty unit and an empty group, against values computed term by term
 * from the textbook formulas in a separate script (Python, natural logarithms), and the table's own bookkeeping.
 */
class SegregationIndicesTest {
    /**
     * Units u1-u4, groups A-D (counts of A, B, C, D): u1 = 10, 0, 5, 0; u2 = 2, 8, 0, 0; u3 = 3, 3, 9, 0; u4 empty.
     * T = 40; group totals 15, 11, 14, 0.
     */
    static final GroupUnitTable T3 = new GroupUnitTable(List.of("A", "B", "C", "D"), List.of("u1", "u2", "u3", "u4"),
            new double[] {10, 0, 5, 0, 2, 8, 0, 0, 3, 3, 9, 0, 0, 0, 0, 0});

    @Test
    void informationIndicesMatchTheFormulasTermByTerm() {
        assertThat(Segregation.mutualInformation(T3)).isCloseTo(0.37012449210815046, within(1e-12));
        assertThat(Segregation.entropy(T3.groupTotals())).isCloseTo(1.0902693633157152, within(1e-12));
        assertThat(Segregation.theilH(T3)).isCloseTo(0.33947986118084794, within(1e-12));
        Map<String, Double> byUnit = Segregation.localByUnit(T3);
        assertThat(byUnit.get("u1")).isCloseTo(0.3673127085458972, within(1e-12));
        assertThat(byUnit.get("u2")).isCloseTo(0.72855077211661, within(1e-12));
        assertThat(byUnit.get("u3")).isCloseTo(0.13398542233143046, within(1e-12));
        assertThat(byUnit.get("u4")).isZero();
        Map<String, Double> byGroup = Segregation.localByGroup(T3);
        assertThat(byGroup.get("A")).isCloseTo(0.17403987679491642, within(1e-12));
        assertThat(byGroup.get("B")).isCloseTo(0.6897603496959313, within(1e-12));
        assertThat(byGroup.get("C")).isCloseTo(0.3290726918390732, within(1e-12));
        assertThat(byGroup.get("D")).isZero();
    }

    @Test
    void dissimilarityAndExposureMatchTheFormulas() {
        assertThat(Segregation.multigroupDissimilarity(T3)).isCloseTo(0.505671077504726, within(1e-12));
        assertThat(Segregation.normalizedExposure(T3)).isCloseTo(0.32611832611832614, within(1e-12));
        assertThat(Segregation.dissimilarity(T3, "A", "C")).isCloseTo(0.44285714285714284, within(1e-12));
        Map<String, Map<String, Double>> e = Segregation.exposure(T3);
        assertThat(e.get("A").get("B")).isCloseTo(0.14666666666666667, within(1e-12));
        assertThat(e.get("A").get("A")).isCloseTo(0.5111111111111111, within(1e-12));
        assertThat(e.get("C").get("B")).isCloseTo(0.1285714285714286, within(1e-12));
        assertThat(e.get("C").get("A")).isCloseTo(0.3666666666666667, within(1e-12));
        assertThat(e.get("D").values()).containsOnly(0.0);
        for (String g : List.of("A", "B", "C")) {
            assertThat(e.get(g).values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void aPairNeedsTwoGroupsThatOccur() {
        assertThatThrownBy(() -> Segregation.dissimilarity(T3, "A", "D")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both groups of the pair need at least one student");
        assertThatThrownBy(() -> Segregation.dissimilarity(T3, "D", "A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both groups of the pair need at least one student");
        assertThatThrownBy(() -> Segregation.dissimilarity(T3, "E", "A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group 'E' does not occur; groups are [A, B, C, D]");
    }

    @Test
    void emptyAndSingleGroupTablesAreNotSegregated() {
        GroupUnitTable empty = new GroupUnitTable(List.of("A", "B"), List.of("x"), new double[] {0, 0});
        assertThat(Segregation.mutualInformation(empty)).isZero();
        assertThat(Segregation.theilH(empty)).isZero();
        assertThat(Segregation.entropy(new double[] {0, 0})).isZero();
        GroupUnitTable one = new GroupUnitTable(List.of("A", "B"), List.of("x", "y"), new double[] {4, 0, 6, 0});
        assertThat(Segregation.theilH(one)).isZero();
        assertThat(Segregation.multigroupDissimilarity(one)).isZero();
        assertThat(Segregation.normalizedExposure(one)).isZero();
        assertThat(OrdinalSegregation.index(one, OrdinalSegregation.Kind.INFORMATION)).isZero();
        GroupUnitTable single = new GroupUnitTable(List.of("A"), List.of("x", "y"), new double[] {4, 6});
        assertThat(OrdinalSegregation.index(single, OrdinalSegregation.Kind.VARIATION_RATIO)).isZero();
    }

    /** Groups A < B < C as ordered categories, the same three units and the empty one. */
    @Test
    void ordinalIndicesMatchReardonsFormulas() {
        GroupUnitTable t = new GroupUnitTable(List.of("A", "B", "C"), List.of("u1", "u2", "u3", "u4"),
                new double[] {10, 0, 5, 2, 8, 0, 3, 3, 9, 0, 0, 0});
        assertThat(OrdinalSegregation.index(t, OrdinalSegregation.Kind.INFORMATION))
                .isCloseTo(0.2035839192468164, within(1e-12));
        assertThat(OrdinalSegregation.index(t, OrdinalSegregation.Kind.VARIATION_RATIO))
                .isCloseTo(0.22778529544429404, within(1e-12));
    }

    /** Units u1 and u2 in one district, u3 and u4 in another: between 0.0846606, within 0.2854639. */
    @Test
    void theDecompositionSplitsMBetweenAndWithinDistricts() {
        int[] district = {0, 0, 1, 1};
        Decomposition d = Decomposition.of(T3, List.of(district), List.of(List.of("d1", "d2")),
                List.of("district", "school"));
        assertThat(d.levels()).containsExactly("district", "school");
        assertThat(d.parts().get(0)).isCloseTo(0.08466056288725655, within(1e-12));
        assertThat(d.parts().get(1)).isCloseTo(0.2854639292208939, within(1e-12));
        assertThat(Decomposition.withinDirect(T3, district, 2)).isCloseTo(0.28546392922089386, within(1e-12));
        assertThat(d.total()).isCloseTo(0.37012449210815046, within(1e-12));
        assertThat(d.entropy()).isCloseTo(1.0902693633157152, within(1e-12));
        assertThat(d.totalH()).isCloseTo(0.33947986118084794, within(1e-12));
        assertThat(d.partH(0)).isCloseTo(0.08466056288725655 / 1.0902693633157152, within(1e-12));
        assertThat(d.partH(1)).isCloseTo(0.2854639292208939 / 1.0902693633157152, within(1e-12));
        GroupUnitTable oneGroup = new GroupUnitTable(List.of("A"), List.of("x", "y"), new double[] {3, 4});
        Decomposition flat = Decomposition.of(oneGroup, List.of(new int[] {0, 0}), List.of(List.of("d")),
                List.of("district", "school"));
        assertThat(flat.totalH()).isZero();
        assertThat(flat.partH(1)).isZero();
    }

    /** Nine groups declared before any row (past the builder's first stride of 8), then rows for two of them. */
    @Test
    void groupsDeclaredUpFrontKeepTheirOrderAndZeros() {
        GroupUnitTable.Builder b = GroupUnitTable.builder();
        for (int g = 0; g < 9; g++) {
            b.group("g" + g);
        }
        GroupUnitTable t = b.add("x", "g8", 2).add("y", "g0", 3).add("x", "g8", 1).group("g4").build();
        assertThat(t.groups()).containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8");
        assertThat(t.units()).containsExactly("x", "y");
        assertThat(t.count(0, 8)).isEqualTo(3);
        assertThat(t.count(1, 0)).isEqualTo(3);
        assertThat(t.total()).isEqualTo(6);
    }

    @Test
    void tablesRejectCellsThatAreNotCounts() {
        assertThatThrownBy(() -> new GroupUnitTable(List.of("A"), List.of("x"), new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("counts must have groups × units cells");
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new GroupUnitTable(List.of("A"), List.of("x"), new double[] {bad}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("counts must be finite and non-negative");
        }
        assertThat(new GroupUnitTable(List.of("A"), List.of("x"), new double[] {0}).total()).isZero();
    }

    @Test
    void subsetsAggregatesAndTransposesKeepTheCells() {
        assertThat(T3.total()).isEqualTo(40);
        assertThat(T3.groupTotals()).containsExactly(15, 11, 14, 0);
        assertThat(T3.unitTotals()).containsExactly(15, 10, 15, 0);
        GroupUnitTable sub = T3.subset(new int[] {2, 0});
        assertThat(sub.units()).containsExactly("u3", "u1");
        assertThat(sub.count(0, 2)).isEqualTo(9);
        assertThat(sub.count(1, 0)).isEqualTo(10);
        GroupUnitTable agg = T3.aggregate(new int[] {1, 0, 1, 0}, List.of("even", "odd"));
        assertThat(agg.units()).containsExactly("even", "odd");
        assertThat(agg.count(0, 1)).isEqualTo(8);
        assertThat(agg.count(1, 0)).isEqualTo(13);
        assertThat(agg.count(1, 2)).isEqualTo(14);
        GroupUnitTable tr = T3.transpose();
        assertThat(tr.groups()).containsExactly("u1", "u2", "u3", "u4");
        assertThat(tr.units()).containsExactly("A", "B", "C", "D");
        for (int u = 0; u < 4; u++) {
            for (int g = 0; g < 4; g++) {
                assertThat(tr.count(g, u)).isEqualTo(T3.count(u, g));
            }
        }
    }

    /** Rows in a shuffled order over 3 units and 20 groups (the builder re-strides past 8 and 16 groups). */
    @Test
    void theBuilderAddsEveryRowToItsCellHoweverManyGroupsAppear() {
        SplittableRandom r = new SplittableRandom(4);
        Map<String, Double> oracle = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            for (int g = 0; g < 20; g++) {
                rows.add(new String[] {"u" + u, "g" + g});
            }
        }
        java.util.Collections.shuffle(rows, new java.util.Random(4));
        GroupUnitTable.Builder b = GroupUnitTable.builder().group("declared");
        for (int k = 0; k < 400; k++) {
            // Every cell once in shuffled order, then cells at random.
            String[] row = k < rows.size() ? rows.get(k) : rows.get(r.nextInt(rows.size()));
            double w = 1 + r.nextInt(3);
            b.add(row[0], row[1], w);
            oracle.merge(row[0] + "|" + row[1], w, Double::sum);
        }
        b.group("g3").group("late");
        GroupUnitTable t = b.build();
        assertThat(t.groups().get(0)).isEqualTo("declared");
        assertThat(t.groups()).contains("late").hasSize(22);
        double sum = 0;
        for (int u = 0; u < t.unitCount(); u++) {
            for (int g = 0; g < t.groupCount(); g++) {
                double expected = oracle.getOrDefault(t.units().get(u) + "|" + t.groups().get(g), 0.0);
                assertThat(t.count(u, g)).as("%s %s", t.units().get(u), t.groups().get(g)).isEqualTo(expected);
                sum += expected;
            }
        }
        assertThat(t.total()).isEqualTo(sum);
    }
}
