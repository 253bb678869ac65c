package org.mosaic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Enrollment;

class EnrollmentStoreTest {
    @TempDir
    Path dir;

    @Test
    void enrollmentHistoryIsSavedWithADatasetReplacedWholeAndDeletedWithIt() {
        List<Enrollment> history = List.of(new Enrollment("S1", 2025, "E1", 5), new Enrollment("S1", 2026, "M1", 6),
                new Enrollment("S2", 2026, "E1", 0));
        try (MosaicStore store = MosaicStore.open(DbUrl.h2File(dir.resolve("mosaic")))) {
            long id = store.save(SyntheticDataset.of(30, 2), "d", "test");
            assertThat(store.enrollments(id)).isEmpty();
            store.saveEnrollments(id, history);
            assertThat(store.enrollments(id)).isEqualTo(history);
            store.saveEnrollments(id, history.subList(0, 1));
            assertThat(store.enrollments(id)).containsExactly(history.get(0));
            List<Enrollment> repeated = List.of(history.get(0), history.get(0));
            assertThatThrownBy(() -> store.saveEnrollments(id, repeated)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("enrollments");
            assertThat(store.enrollments(id)).containsExactly(history.get(0));
            store.delete("d");
            assertThat(store.countRows("enrollments", id)).isZero();
        }
    }
}
