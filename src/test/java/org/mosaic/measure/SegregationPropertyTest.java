package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mosaic.PropertySeed;

class SegregationPropertyTest {
    /** A random table: 2-5 groups, 2-8 units, each unit in one of 1-3 parents, counts 0-40. */
    record Case(GroupUnitTable table, int[] parent, int parents) {
    }

    @Provide
    Arbitrary<Case> tables() {
        return Combinators.combine(Arbitraries.integers().between(2, 5), Arbitraries.integers().between(2, 8),
                Arbitraries.integers().between(1, 3), Arbitraries.longs()).as((g, u, p, seed) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    double[] cells = new double[g * u];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(41);
                    }
                    cells[0] += 1;
                    cells[cells.length - 1] += 1;
                    List<String> groups = new ArrayList<>();
                    for (int i = 0; i < g; i++) {
                        groups.add("g" + i);
                    }
                    List<String> units = new ArrayList<>();
                    int[] parent = new int[u];
                    for (int i = 0; i < u; i++) {
                        units.add("u" + i);
                        parent[i] = r.nextInt(p);
                    }
                    return new Case(new GroupUnitTable(groups, units, cells), parent, p);
                });
    }

    private static List<String> names(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("p" + i);
        }
        return l;
    }

    @Property(tries = 300, seed = PropertySeed.FIXED)
    void betweenPlusWithinEqualsTotal(@ForAll("tables") Case c) {
        Decomposition d = Decomposition.of(c.table(), List.of(c.parent()), List.of(names(c.parents())),
                List.of("parent", "unit"));
        assertThat(d.parts().get(0) + d.parts().get(1)).isCloseTo(d.total(), within(1e-12));
        assertThat(d.parts().get(1)).isCloseTo(Decomposition.withinDirect(c.table(), c.parent(), c.parents()),
                within(1e-10));
        assertThat(d.partH(0) + d.partH(1)).isCloseTo(d.totalH(), within(1e-12));
    }

    @Property(tries = 300, seed = PropertySeed.FIXED)
    void mutualInformationIsSymmetricAndHIsBetweenZeroAndOne(@ForAll("tables") Case c) {
        double m = Segregation.mutualInformation(c.table());
        assertThat(Segregation.mutualInformation(c.table().transpose())).isCloseTo(m, within(1e-12));
        assertThat(Segregation.theilH(c.table())).isBetween(0.0, 1.0 + 1e-12);
        // M = Σ_u p_u ls_u and M = Σ_g p_g ls_g
        double[] tu = c.table().unitTotals();
        double[] tg = c.table().groupTotals();
        double total = c.table().total();
        double byUnit = 0;
        int i = 0;
        for (double ls : Segregation.localByUnit(c.table()).values()) {
            byUnit += tu[i++] / total * ls;
        }
        double byGroup = 0;
        i = 0;
        for (double ls : Segregation.localByGroup(c.table()).values()) {
            byGroup += tg[i++] / total * ls;
        }
        assertThat(byUnit).isCloseTo(m, within(1e-12));
        assertThat(byGroup).isCloseTo(m, within(1e-12));
        assertThat(Segregation.multigroupDissimilarity(c.table())).isBetween(0.0, 1.0 + 1e-12);
        Segregation.exposure(c.table()).forEach((x, row) -> {
            if (tg[c.table().groups().indexOf(x)] > 0) {
                assertThat(row.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-12));
            }
        });
        assertThat(OrdinalSegregation.index(c.table(), OrdinalSegregation.Kind.INFORMATION)).isBetween(-1e-12,
                1.0 + 1e-12);
    }

    @Property(tries = 200, seed = PropertySeed.FIXED)
    void invariantToRowOrderAndToSplittingARow(@ForAll("tables") Case c, @ForAll long seed) {
        GroupUnitTable t = c.table();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int u = 0; u < t.unitCount(); u++) {
            for (int g = 0; g < t.groupCount(); g++) {
                double n = t.count(u, g);
                if (n > 1 && r.nextBoolean()) {
                    double part = Math.floor(n / 2);
                    rows.add(new double[] {u, g, part});
                    rows.add(new double[] {u, g, n - part});
                } else {
                    rows.add(new double[] {u, g, n});
                }
            }
        }
        java.util.Collections.shuffle(rows, new java.util.Random(seed));
        GroupUnitTable.Builder b = GroupUnitTable.builder();
        for (String g : t.groups()) {
            b.group(g);
        }
        for (double[] row : rows) {
            b.add(t.units().get((int) row[0]), t.groups().get((int) row[1]), row[2]);
        }
        GroupUnitTable rebuilt = b.build();
        assertThat(Segregation.mutualInformation(rebuilt)).isCloseTo(Segregation.mutualInformation(t), within(1e-12));
        assertThat(Segregation.theilH(rebuilt)).isCloseTo(Segregation.theilH(t), within(1e-12));
    }
}
