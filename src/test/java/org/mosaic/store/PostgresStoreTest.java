package org.mosaic.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract against a real PostgreSQL, when MOSAIC_TEST_PG_URL points at one (scripts/ci-postgres.sh sets
 * one up). Each test starts from an empty public schema of that database, so point it at a scratch database.
 */
@EnabledIfEnvironmentVariable(named = "MOSAIC_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class PostgresStoreTest extends MosaicStoreContract {
    @Override
    boolean namesRefusedRow() {
        return false;
    }

    @Override
    DbUrl freshDatabase() throws Exception {
        DbUrl db = new DbUrl(System.getenv("MOSAIC_TEST_PG_URL"), null, null);
        try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return db;
    }
}
