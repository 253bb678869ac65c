package org.mosaic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mosaic.measure.growth.ValueAdded;

/** The value-added rows are grouped by unit as a stable sort by unit id would (the oracle here) group them. */
class VamRowsOrderTest {
    @Test
    void groupingByUnitKeepsEachUnitsRowsInTheirOrder() {
        Random random = new Random(17);
        for (int trial = 0; trial < 50; trial++) {
            int units = 1 + random.nextInt(40);
            List<ValueAdded.Observation> rows = new ArrayList<>();
            for (int k = random.nextInt(500); k > 0; k--) {
                String unit = "U" + random.nextInt(units) + (random.nextBoolean() ? "" : "b");
                rows.add(new ValueAdded.Observation(unit, 3 + random.nextInt(6), k, random.nextGaussian(),
                        random.nextBoolean(), random.nextBoolean(), random.nextBoolean()));
            }
            List<ValueAdded.Observation> oracle = new ArrayList<>(rows);
            oracle.sort(Comparator.comparing(ValueAdded.Observation::unit));
            // records compare by value and every row's current score (k) is distinct: identity of order is checked
            assertThat(VamRows.byUnit(rows)).containsExactlyElementsOf(oracle);
        }
    }
}
