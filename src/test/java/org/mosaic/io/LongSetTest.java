package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The import's pair checks rest on LongSet; it must answer exactly as a HashSet of boxed longs does. */
class LongSetTest {
    @Test
    void addsAndRefusesExactlyAsAHashSetDoes() {
        Random random = new Random(7);
        LongSet set = new LongSet();
        Set<Long> oracle = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            long v = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(5_000);
                case 2 -> LongSet.pair(random.nextInt(3_000), random.nextInt(40));
                default -> i % 1_000 == 3 ? Long.MIN_VALUE : -random.nextInt(100);
            };
            assertThat(set.add(v)).as("add %d", v).isEqualTo(oracle.add(v));
        }
        assertThat(set.size()).isEqualTo(oracle.size());
    }

    @Test
    void pairsOfDistinctIdsNeverCollide() {
        LongSet set = new LongSet();
        for (int a = 0; a < 300; a++) {
            for (int b = -5; b < 300; b++) {
                assertThat(set.add(LongSet.pair(a, b))).isTrue();
            }
        }
        assertThat(set.add(LongSet.pair(7, -1))).isFalse();
    }
}
