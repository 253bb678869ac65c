package org.mosaic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.model.BadInputException;

class H2StoreTest extends MosaicStoreContract {
    @TempDir
    Path dir;

    @Override
    boolean namesRefusedRow() {
        return true;
    }

    @Override
    DbUrl freshDatabase() {
        return DbUrl.h2File(dir.resolve("db-" + System.nanoTime()).resolve("mosaic"));
    }

    @Test
    void embeddedDatabaseIsAFileThatSurvivesReopening() {
        Path base = dir.resolve("work").resolve("mosaic");
        try (MosaicStore store = MosaicStore.open(DbUrl.h2File(base))) {
            store.save(SyntheticDataset.of(30, 2), "d", "test");
        }
        assertThat(Files.exists(dir.resolve("work").resolve("mosaic.mv.db"))).isTrue();
        try (MosaicStore store = MosaicStore.open(DbUrl.h2File(base))) {
            assertThat(store.load("d")).isEqualTo(SyntheticDataset.of(30, 2));
        }
    }

    @Test
    void urlsResolveFromOptionThenEnvironmentThenDefault() {
        Path home = dir.resolve("home");
        assertThat(DbUrl.resolve(null, Map.of(), home).url())
                .isEqualTo("jdbc:h2:file:" + home.toAbsolutePath() + DbUrl.H2_SETTINGS);
        DbUrl env = DbUrl.resolve(null, Map.of("MOSAIC_DB_URL", "jdbc:postgresql://db/mosaic",
                "MOSAIC_DB_USER", "u", "MOSAIC_DB_PASSWORD", "secret"), home);
        assertThat(env.url()).isEqualTo("jdbc:postgresql://db/mosaic");
        assertThat(env.user()).isEqualTo("u");
        assertThat(env.password()).isEqualTo("secret");
        assertThat(env.toString()).doesNotContain("secret");
        DbUrl option = DbUrl.resolve("jdbc:postgresql://h/db?user=a&password=hunter2&ssl=true",
                Map.of("MOSAIC_DB_URL", "jdbc:h2:mem:x"), home);
        assertThat(option.redacted()).isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(DbUrl.resolve("jdbc:h2:file:/tmp/x", Map.of(), home).url())
                .isEqualTo("jdbc:h2:file:/tmp/x" + DbUrl.H2_SETTINGS);
        assertThatThrownBy(() -> DbUrl.resolve("mysql://x", Map.of(), home))
                .isInstanceOf(BadInputException.class);
    }
}
