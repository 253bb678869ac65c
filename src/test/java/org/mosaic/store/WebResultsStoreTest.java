package org.mosaic.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The web's stored results (migration V5) on H2 and, when MOSAIC_TEST_PG_URL is set, on PostgreSQL in a scratch
 * schema of its own: each save of a (kind, school, name) is its next version, the newest is found by name or by
 * kind, and the JSON comes back as it went in. Also: a database migrated before V5 existed takes it later.
 */
class WebResultsStoreTest {
    @Test
    void resultsAreVersionedPerKindSchoolAndNameOnH2() {
        contract(new DbUrl("jdbc:h2:mem:results-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null));
    }

    @Test
    void resultsAreVersionedPerKindSchoolAndNameOnPostgres() throws Exception {
        String pg = System.getenv("MOSAIC_TEST_PG_URL");
        assumeTrue(pg != null && pg.startsWith("jdbc:postgresql:"), "MOSAIC_TEST_PG_URL is not set");
        // A schema of its own, so that other tests on the same database (which drop the public schema) do not race.
        String schema = "web_results_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            contract(new DbUrl(pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null));
        } finally {
            try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void contract(DbUrl db) {
        long dataset;
        try (MosaicStore store = MosaicStore.open(db)) {
            dataset = store.save(SyntheticDataset.of(600, 3), "results", "test");
        }
        try (WebStore s = WebStore.open(db, 4)) {
            StoredResult g1 = s.saveResult(dataset, "growth", StoredResult.DISTRICT, "math", "admin", "{\"v\":1}");
            StoredResult g2 = s.saveResult(dataset, "growth", StoredResult.DISTRICT, "math", "admin", "{\"v\":2}");
            StoredResult r1 = s.saveResult(dataset, "growth", StoredResult.DISTRICT, "reading", "admin", "{\"v\":3}");
            StoredResult fa = s.saveResult(dataset, "frontier", "school-a", "grade 6 math", "pat", "{\"v\":4}");
            StoredResult fb = s.saveResult(dataset, "frontier", "school-b", "grade 6 math", "sam", "{\"v\":5}");
            assertThat(List.of(g1.version(), g2.version(), r1.version(), fa.version(), fb.version()))
                    .containsExactly(1, 2, 1, 1, 1);
            assertThat(g2.districtWide()).isTrue();
            assertThat(fa.districtWide()).isFalse();
            assertThat(s.latestResult(dataset, "growth", StoredResult.DISTRICT, "math")).map(StoredResult::resultJson)
                    .hasValue("{\"v\":2}");
            assertThat(s.latestResult(dataset, "growth", StoredResult.DISTRICT)).map(StoredResult::id)
                    .hasValue(r1.id());
            assertThat(s.latestResult(dataset, "frontier", "school-a")).map(StoredResult::createdBy).hasValue("pat");
            assertThat(s.latestResult(dataset, "frontier", "school-c")).isEmpty();
            assertThat(s.latestResult(dataset + 1, "growth", StoredResult.DISTRICT, "math")).isEmpty();
            assertThat(s.results(dataset, "growth", StoredResult.DISTRICT)).extracting(StoredResult::id)
                    .containsExactly(g1.id(), g2.id(), r1.id());
            assertThat(s.result(fb.id())).hasValueSatisfying(r -> {
                assertThat(r.schoolId()).isEqualTo("school-b");
                assertThat(r.name()).isEqualTo("grade 6 math");
                assertThat(r.datasetId()).isEqualTo(dataset);
                assertThat(r.createdAt()).isNotNull();
            });
        }
    }

    @Test
    void aDatabaseMigratedBeforeV5ExistedTakesItLater() throws Exception {
        DbUrl db = new DbUrl("jdbc:h2:mem:late-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        MosaicStore.migrate(db);
        // As a database made when V10 was the newest: no V5 row, no table.
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
            s.execute("DROP TABLE web_results");
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '5'");
        }
        assertThat(MosaicStore.migrate(db)).isEqualTo(1);
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM web_results")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
