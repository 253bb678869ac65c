package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The interner against a HashMap of Strings: dense ids in order of first appearance, with and without a base. */
class ByteInternerTest {
    private static int intern(ByteInterner in, String key) {
        byte[] b = ("," + key + ",").getBytes(StandardCharsets.UTF_8);
        return in.intern(b, 1, b.length - 2);
    }

    private static int find(ByteInterner in, String key) {
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        return in.find(b, 0, b.length);
    }

    @Test
    void idsAreDenseInOrderOfFirstAppearanceAndAnOverlayNumbersAfterItsBase() {
        Random random = new Random(3);
        ByteInterner base = new ByteInterner();
        Map<String, Integer> oracle = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            String key = "S" + random.nextInt(8_000) + (random.nextInt(50) == 0 ? "-a-longer-key-of-more-than-32-bytes" : "");
            Integer expected = oracle.computeIfAbsent(key, x -> oracle.size());
            assertThat(intern(base, key)).isEqualTo(expected);
            keys.add(key);
        }
        assertThat(base.size()).isEqualTo(oracle.size());
        assertThat(find(base, "nobody")).isEqualTo(-1);
        ByteInterner overlay = new ByteInterner(base);
        Map<String, Integer> added = new HashMap<>();
        for (int k = 0; k < 5_000; k++) {
            String key = random.nextBoolean() ? keys.get(random.nextInt(keys.size())) : "X" + random.nextInt(2_000);
            int expected = oracle.containsKey(key) ? oracle.get(key)
                    : added.computeIfAbsent(key, x -> oracle.size() + added.size());
            assertThat(intern(overlay, key)).isEqualTo(expected);
            assertThat(find(overlay, key)).isEqualTo(expected);
            assertThat(overlay.name(expected)).isEqualTo(key);
        }
        assertThat(overlay.size()).isEqualTo(oracle.size() + added.size());
        assertThat(overlay.ownSize()).isEqualTo(added.size());
        // the base saw none of the overlay's keys
        assertThat(base.size()).isEqualTo(oracle.size());
        added.keySet().forEach(key -> assertThat(find(base, key)).isEqualTo(-1));
        // copying the overlay's own keys into the base in order numbers them as the overlay did
        for (int j = 0; j < overlay.ownSize(); j++) {
            assertThat(base.internOwnOf(overlay, j)).isEqualTo(oracle.size() + j);
        }
        added.forEach((key, id) -> assertThat(find(base, key)).isEqualTo(id));
    }
}
