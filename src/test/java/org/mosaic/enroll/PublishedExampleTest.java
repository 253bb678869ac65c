package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.io.MosaicCsvReader;
import org.mosaic.model.Dataset;

/** Abdulkadiroğlu & Sönmez (2003), appendix example: the shipped dataset gives the published assignments. */
class PublishedExampleTest {
    static final Path EXAMPLE = Path.of("examples/abdulkadiroglu-sonmez-2003");

    static Map<String, String> assignment(Mechanism mechanism) {
        Dataset d = MosaicCsvReader.read(EXAMPLE);
        Market m = Market.of(d, 6, Policy.plain(), TieBreak.SINGLE, 1);
        Outcome o = Assigner.run(m, mechanism);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < m.applicants(); i++) {
            out.put(m.students().get(i).id(), o.schoolOf(i) < 0 ? "" : m.schools().get(o.schoolOf(i)).id());
        }
        return out;
    }

    @Test
    void topTradingCycles() {
        assertThat(assignment(Mechanism.TTC)).containsExactlyEntriesOf(Map.of("i1", "s2", "i2", "s1", "i3", "s3",
                "i4", "s3", "i5", "s1", "i6", "s4", "i7", "s2", "i8", "s4").entrySet().stream().sorted(
                Map.Entry.comparingByKey()).collect(LinkedHashMap::new, (mm, e) -> mm.put(e.getKey(), e.getValue()),
                Map::putAll));
    }

    @Test
    void deferredAcceptance() {
        assertThat(assignment(Mechanism.DA)).containsAllEntriesOf(Map.of("i1", "s1", "i2", "s1", "i3", "s3", "i4",
                "s3", "i5", "s3", "i6", "s4", "i7", "s2", "i8", "s2")).hasSize(8);
    }

    @Test
    void bostonByHand() {
        // Round 1: s1 gets i2, i5, i7, i8 → keeps its top 2 by priority: i2, i5. s2: i1. s3: i3, i4 (cap 3). s4: i6.
        // Round 2: i7 and i8 apply to s2, which has 1 seat left; s2 ranks i8 above i7, so i8 gets it.
        // Round 3: i7 applies to s3 (1 seat left) and gets it.
        assertThat(assignment(Mechanism.BOSTON)).containsAllEntriesOf(Map.of("i1", "s2", "i2", "s1", "i3", "s3",
                "i4", "s3", "i5", "s1", "i6", "s4", "i7", "s3", "i8", "s2")).hasSize(8);
    }
}
