package org.mosaic.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema migration 4: the dataset tables lose their foreign keys to {@code datasets}. Each key cost every inserted row
 * a lookup in {@code datasets} and, on H2, one more B-tree (H2 gives every foreign key an index of its own, although
 * each primary key already starts with {@code dataset_id}): about a third of the H2 work of a save.
 * {@link MosaicStore#delete} now deletes a dataset's rows table by table in the transaction that deletes the dataset,
 * which is what ON DELETE CASCADE did. Enrollment histories, runs and saved class lists keep their keys: they are not
 * part of a dataset's save.
 *
 * <p>Written in Java rather than SQL because the keys were created unnamed, and H2 and PostgreSQL named them
 * differently ({@code CONSTRAINT_C} against {@code scores_dataset_id_fkey}): the names are read from the standard
 * {@code information_schema}, which both have.
 */
final class DatasetRowsWithoutForeignKeys implements JavaMigration {
    /** The tables a save fills, keyed by dataset_id: the ones {@link MosaicStore#delete} empties itself. */
    static final List<String> TABLES = List.of("schools", "school_capacities", "clusters", "cluster_schools",
            "students", "scores", "choices", "priorities", "requests", "sections", "rosters");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "dataset rows without foreign keys";
    }

    @Override
    public Integer getChecksum() {
        // Flyway compares it on every start; a fixed value says this migration's meaning never changes.
        return 4_0001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<String[]> keys = new ArrayList<>();
        String sql = "SELECT tc.table_name, tc.constraint_name FROM information_schema.table_constraints tc "
                + "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = CURRENT_SCHEMA "
                + "AND LOWER(tc.table_name) IN (" + "?, ".repeat(TABLES.size() - 1) + "?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < TABLES.size(); i++) {
                ps.setString(i + 1, TABLES.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] k : keys) {
                s.execute("ALTER TABLE " + quoted(k[0]) + " DROP CONSTRAINT " + quoted(k[1]));
            }
        }
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
