package org.mosaic.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Function;

import org.flywaydb.core.Flyway;
import org.mosaic.io.DatasetCollector;
import org.mosaic.io.DatasetOutline;
import org.mosaic.io.DatasetSink;
import org.mosaic.io.RowSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.mosaic.model.BadInputException;
import org.mosaic.model.Choice;
import org.mosaic.model.Cluster;
import org.mosaic.model.Dataset;
import org.mosaic.model.Enrollment;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.InputProblem;
import org.mosaic.model.Location;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Priority;
import org.mosaic.model.Race;
import org.mosaic.model.RequestKind;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * Mosaic's database: dataset versions and the runs made on them, in an embedded H2 file or in PostgreSQL. A dataset
 * is saved in one transaction (all of it or none of it) with JDBC batch inserts, and loads back equal to what was
 * saved, checked by its SHA-256. One store holds one connection and is not meant for concurrent use.
 */
public final class MosaicStore implements AutoCloseable {
    private static final int BATCH = 5_000;
    /** Every table holding a dataset's own rows (none has a foreign key to cascade from: migrations 4 and 4.1). */
    static final List<String> DATASET_TABLES = java.util.stream.Stream.concat(
            DatasetRowsWithoutForeignKeys.TABLES.stream(), java.util.stream.Stream.of("student_attributes")).toList();
    private static final int FETCH = 5_000;
    /** The reason column's size (migration V3); a longer reason is cut there rather than refused. */
    static final int MAX_REASON = 4_000;

    private final DbUrl db;
    private final Connection conn;

    private MosaicStore(DbUrl db, Connection conn) {
        this.db = db;
        this.conn = conn;
    }

    /** Opens the database, creating it and bringing its schema up to date first. */
    public static MosaicStore open(DbUrl db) {
        // Connect first: a wrong password or host then reads as a connection error, not a migration error.
        Connection conn = connect(db);
        try {
            migrate(db);
        } catch (RuntimeException e) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // Reporting the migration failure matters more.
            }
            throw e;
        }
        return new MosaicStore(db, conn);
    }

    /** Applies pending schema migrations; returns how many were applied (0 when already up to date). */
    public static int migrate(DbUrl db) {
        try {
            MigrateResult r = Flyway.configure(MosaicStore.class.getClassLoader())
                    .dataSource(db.url(), db.user(), db.password())
                    .locations("classpath:db/migration")
                    // The web's V10 came before the store's V2-V5: a database made then must still take them.
                    .outOfOrder(true)
                    .javaMigrations(javaMigrations())
                    .load()
                    .migrate();
            return r.migrationsExecuted;
        } catch (org.flywaydb.core.api.FlywayException e) {
            // Flyway's messages carry SQL and connection errors, never rows: safe to show.
            throw new StoreException("could not migrate the database at " + db.redacted() + ": "
                    + db.scrub(firstLine(e.getMessage())));
        }
    }

    /** The migrations written in Java, beside the SQL files in db/migration. */
    static org.flywaydb.core.api.migration.JavaMigration[] javaMigrations() {
        return new org.flywaydb.core.api.migration.JavaMigration[] {new DatasetRowsWithoutForeignKeys()};
    }

    private static Connection connect(DbUrl db) {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        if (!db.isH2() && !db.url().contains("reWriteBatchedInserts")) {
            // One multi-row INSERT per batch instead of one round trip per row: ~5x faster imports.
            p.setProperty("reWriteBatchedInserts", "true");
        }
        java.util.Optional<java.nio.file.Path> file = db.h2FileBase();
        file.ifPresent(MosaicStore::createPrivateFolder);
        long waitUntil = System.nanoTime() + lockWait().toNanos();
        while (true) {
            try {
                Connection c = DriverManager.getConnection(db.url(), p);
                file.ifPresent(MosaicStore::makePrivate);
                return c;
            } catch (SQLException e) {
                // H2 90020: another process has the file open. Wait for it, as a second import should, not fail.
                if (e.getErrorCode() == 90020 && System.nanoTime() < waitUntil) {
                    sleep(250);
                    continue;
                }
                if (e.getErrorCode() == 90020) {
                    throw new StoreException("the database " + db.redacted() + " is in use by another program (another "
                            + "mosaic command?); waited " + lockWait().toSeconds() + " s for it. Run the command again "
                            + "when the other one has finished");
                }
                throw new StoreException("could not connect to " + db.redacted() + ": "
                        + db.scrub(firstLine(e.getMessage())));
            }
        }
    }

    /** How long to wait for a database another process holds: {@code -Dmosaic.db.wait=SECONDS}, 30 by default. */
    static java.time.Duration lockWait() {
        return java.time.Duration.ofSeconds(Long.getLong("mosaic.db.wait", 30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the database");
        }
    }

    /** The folder of an embedded database is created owner-only (0700): it holds student records. */
    private static void createPrivateFolder(java.nio.file.Path base) {
        java.nio.file.Path dir = base.toAbsolutePath().getParent();
        if (dir == null || java.nio.file.Files.isDirectory(dir)) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.setPosixFilePermissions(dir,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            // H2 creates it; on a non-POSIX file system its ACLs decide
        }
    }

    /** The database file is owner-only (0600), whatever the umask. */
    private static void makePrivate(java.nio.file.Path base) {
        java.nio.file.Path f = base.resolveSibling(base.getFileName() + ".mv.db");
        try {
            if (java.nio.file.Files.exists(f)) {
                java.nio.file.Files.setPosixFilePermissions(f,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException | java.io.IOException e) {
            // not POSIX, or not ours to change: leave it
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public DbUrl url() {
        return db;
    }

    // ------------------------------------------------------------------ datasets

    /**
     * Saves a dataset as a new version named {@code name}; returns its id. All or nothing: on any failure the
     * transaction is rolled back and no row of the dataset remains.
     */
    public long save(Dataset data, String name, String source) {
        return save(RowSource.of(data), name, source);
    }

    /**
     * Saves a streamed dataset (a checked directory read again row by row, say) as a new version named {@code name};
     * returns its id. The rows go to the database in JDBC batches as they arrive, never all held at once, inside one
     * transaction: on any failure, a row the database refuses or a problem the stream reports at its end, the
     * transaction is rolled back and no row of the dataset remains.
     */
    public long save(RowSource data, String name, String source) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInputException("a dataset name of 1 to 200 characters");
        }
        DatasetOutline outline = data.outline();
        return inTransaction("saving dataset '" + name + "'", () -> {
            if (find(name).isPresent()) {
                throw new BadInputException(List.of(new InputProblem("", 0, "--name", name,
                        "a name not already used by a stored dataset (see `mosaic db list`; delete the old one with "
                                + "`mosaic db delete --name " + name + "` or choose another --name)")));
            }
            long id = insertDataset(outline, name, source);
            writeOutline(id, outline);
            DatasetChecksum checksum = new DatasetChecksum(outline);
            try (Inserts inserts = new Inserts(id)) {
                data.rows(DatasetSink.both(checksum, inserts));
                inserts.flush();
            } catch (SqlFailure e) {
                throw e.getCause();
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE datasets SET checksum = ? WHERE id = ?")) {
                ps.setString(1, checksum.finish());
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return id;
        });
    }

    private long insertDataset(DatasetOutline d, String name, String source) throws SQLException {
        String sql = "INSERT INTO datasets (name, district_id, district_name, imported_at, source, checksum, "
                + "school_count, student_count, score_count, choice_count, section_count) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = conn.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, name);
            ps.setString(2, d.districtId());
            ps.setString(3, d.districtName());
            ps.setObject(4, now());
            ps.setString(5, source == null ? "" : truncate(source, 2000));
            // The checksum is known when the last row has passed; it is set before the transaction commits.
            ps.setString(6, "");
            ps.setInt(7, d.schools().size());
            ps.setInt(8, Math.toIntExact(d.counts().students()));
            ps.setInt(9, Math.toIntExact(d.counts().scores()));
            ps.setInt(10, Math.toIntExact(d.counts().choices()));
            ps.setInt(11, Math.toIntExact(d.counts().sections()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The small tables: schools with their capacities, and clusters with their schools. */
    private void writeOutline(long id, DatasetOutline d) throws SQLException {
        insertAll("schools", "dataset_id, seq, school_id, name, school_type, cluster_id, low_grade, high_grade, x, y,"
                + " zone", d.schools(), (ps, s, i) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, s.id());
                    ps.setString(4, s.name());
                    ps.setString(5, s.type().code());
                    ps.setString(6, s.clusterId());
                    ps.setInt(7, s.lowGrade());
                    ps.setInt(8, s.highGrade());
                    ps.setDouble(9, s.location().x());
                    ps.setDouble(10, s.location().y());
                    ps.setString(11, s.zone());
                }, School::id);
        List<String[]> capacities = new ArrayList<>();
        for (School s : d.schools()) {
            new java.util.TreeMap<>(s.capacityByGrade()).forEach((g, seats) ->
                    capacities.add(new String[] {s.id(), g.toString(), seats.toString()}));
        }
        insertAll("school_capacities", "dataset_id, school_id, grade, seats", capacities, (ps, c, i) -> {
            ps.setLong(1, id);
            ps.setString(2, c[0]);
            ps.setInt(3, Integer.parseInt(c[1]));
            ps.setInt(4, Integer.parseInt(c[2]));
        }, c -> c[0] + " grade " + c[1]);
        insertAll("clusters", "dataset_id, seq, cluster_id, name, high_school_id", d.clusters(),
                (ps, c, i) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, c.id());
                    ps.setString(4, c.name());
                    ps.setString(5, c.highSchoolId());
                }, Cluster::id);
        List<String[]> members = new ArrayList<>();
        for (Cluster c : d.clusters()) {
            for (int k = 0; k < c.schoolIds().size(); k++) {
                members.add(new String[] {c.id(), Integer.toString(k), c.schoolIds().get(k)});
            }
        }
        insertAll("cluster_schools", "dataset_id, cluster_id, seq, school_id", members, (ps, m, i) -> {
            ps.setLong(1, id);
            ps.setString(2, m[0]);
            ps.setInt(3, Integer.parseInt(m[1]));
            ps.setString(4, m[2]);
        }, m -> m[0] + "/" + m[2]);
    }

    /** A large table's insert: its columns, how a row binds to them (after dataset_id and seq), and its ids. */
    private record Table<T>(String name, String columns, Binder<T> binder, Function<T, String> key) {
        String sql() {
            int n = columns.split(",").length;
            return "INSERT INTO " + name + " (" + columns + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
        }
    }

    private static final Table<Student> STUDENTS = new Table<>("students", "dataset_id, seq, student_id, grade, "
            + "school_id, x, y, zone, tract, frl, race, gender, ell, iep, gifted, ses_tier, behavior, given_name, "
            + "family_name", (ps, s, i) -> {
                ps.setString(3, s.id());
                ps.setInt(4, s.grade());
                ps.setString(5, s.schoolId());
                ps.setDouble(6, s.home().x());
                ps.setDouble(7, s.home().y());
                ps.setString(8, s.zone());
                ps.setString(9, s.tract());
                ps.setBoolean(10, s.frl());
                ps.setString(11, s.race().code());
                ps.setString(12, s.gender().code());
                ps.setBoolean(13, s.ell());
                ps.setBoolean(14, s.iep());
                ps.setBoolean(15, s.gifted());
                ps.setInt(16, s.sesTier());
                ps.setBoolean(17, s.behavior());
                ps.setString(18, s.givenName());
                ps.setString(19, s.familyName());
            }, Student::id);
    private static final Table<Score> SCORES = new Table<>("scores", "dataset_id, seq, student_id, subject, strand, "
            + "score_year, term, scale, grade_equivalent", (ps, s, i) -> {
                ps.setString(3, s.studentId());
                ps.setString(4, s.subject());
                ps.setString(5, s.strand());
                ps.setInt(6, s.year());
                ps.setString(7, s.term());
                ps.setDouble(8, s.scale());
                if (s.gradeEquivalent().isPresent()) {
                    ps.setDouble(9, s.gradeEquivalent().getAsDouble());
                } else {
                    ps.setNull(9, Types.DOUBLE);
                }
            }, s -> s.studentId() + " " + s.subject());
    private static final Table<Choice> CHOICES = new Table<>("choices", "dataset_id, seq, student_id, choice_rank, "
            + "school_id", (ps, c, i) -> {
                ps.setString(3, c.studentId());
                ps.setInt(4, c.rank());
                ps.setString(5, c.schoolId());
            }, c -> c.studentId() + " rank " + c.rank());
    private static final Table<Priority> PRIORITIES = new Table<>("priorities", "dataset_id, seq, student_id, "
            + "school_id, priority_class", (ps, p, i) -> {
                ps.setString(3, p.studentId());
                ps.setString(4, p.schoolId());
                ps.setInt(5, p.priority());
            }, p -> p.studentId() + " at " + p.schoolId());
    private static final Table<PlacementRequest> REQUESTS = new Table<>("requests", "dataset_id, seq, student_a, "
            + "student_b, kind", (ps, r, i) -> {
                ps.setString(3, r.studentA());
                ps.setString(4, r.studentB());
                ps.setString(5, r.kind().code());
            }, r -> r.studentA() + "/" + r.studentB());
    private static final Table<Section> SECTIONS = new Table<>("sections", "dataset_id, seq, section_id, school_id, "
            + "grade, subject, capacity, section_level, co_taught, ell_certified, period, teacher, course_id, term_id",
            (ps, s, i) -> {
                ps.setString(3, s.id());
                ps.setString(4, s.schoolId());
                ps.setInt(5, s.grade());
                ps.setString(6, s.subject());
                ps.setInt(7, s.capacity());
                ps.setString(8, s.level());
                ps.setBoolean(9, s.coTaught());
                ps.setBoolean(10, s.ellCertified());
                ps.setString(11, s.period());
                ps.setString(12, s.teacher());
                ps.setString(13, s.course());
                ps.setString(14, s.term());
            }, Section::id);
    private static final Table<RosterEntry> ROSTERS = new Table<>("rosters", "dataset_id, seq, section_id, "
            + "student_id", (ps, r, i) -> {
                ps.setString(3, r.sectionId());
                ps.setString(4, r.studentId());
            }, r -> r.sectionId() + "/" + r.studentId());

    /** Carries a database failure out of a {@link DatasetSink} callback, which cannot throw SQLException. */
    private static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /**
     * Inserts streamed rows table by table with one prepared statement per table, sent in batches of {@link #BATCH}.
     * Only the rows of the batch in flight are held (to name the one the database refused).
     */
    private final class Inserts implements DatasetSink, AutoCloseable {
        private final long datasetId;
        private final int[] seq = new int[DatasetOutline.LISTS.size()];
        private final List<Object> batch = new ArrayList<>(BATCH);
        private Table<?> table;
        private PreparedStatement ps;
        /** The students' own columns go to student_attributes, batched beside the students. */
        private PreparedStatement attributes;
        private final List<String> attributeRows = new ArrayList<>();

        Inserts(long datasetId) {
            this.datasetId = datasetId;
        }

        private void addAttributes(Student s, int studentSeq) {
            try {
                if (attributes == null) {
                    attributes = conn.prepareStatement("INSERT INTO student_attributes (dataset_id, student_seq, "
                            + "name, val) VALUES (?, ?, ?, ?)");
                }
                for (Map.Entry<String, String> a : new java.util.TreeMap<>(s.attributes()).entrySet()) {
                    attributes.setLong(1, datasetId);
                    attributes.setInt(2, studentSeq);
                    attributes.setString(3, a.getKey());
                    attributes.setString(4, a.getValue());
                    attributes.addBatch();
                    attributeRows.add(s.id() + " column " + a.getKey());
                    if (attributeRows.size() == BATCH) {
                        flushAttributes();
                    }
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        private void flushAttributes() {
            if (attributeRows.isEmpty()) {
                return;
            }
            try {
                attributes.executeBatch();
            } catch (BatchUpdateException e) {
                throw rejected("student_attributes", e, db.isH2() ? failedRowKey(e, attributeRows, 0, k -> k) : "");
            } catch (SQLException e) {
                throw rejected("student_attributes", e, "");
            }
            attributeRows.clear();
        }

        private <T> void add(Table<T> t, int list, T row) {
            try {
                if (t != table) {
                    flush();
                    closeTable();
                    table = t;
                    ps = conn.prepareStatement(t.sql());
                }
                ps.setLong(1, datasetId);
                ps.setInt(2, seq[list]);
                t.binder().bind(ps, row, seq[list]++);
                ps.addBatch();
                batch.add(row);
                if (batch.size() == BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        @SuppressWarnings("unchecked")
        void flush() {
            flushAttributes();
            if (batch.isEmpty()) {
                return;
            }
            try {
                ps.executeBatch();
            } catch (BatchUpdateException e) {
                throw rejected(table.name(), e, db.isH2() ? failedRowKey(e, batch, 0,
                        (Function<Object, String>) table.key()) : "");
            } catch (SQLException e) {
                throw rejected(table.name(), e, "");
            }
            batch.clear();
        }

        @Override
        public void close() {
            closeTable();
            if (attributes != null) {
                try {
                    attributes.close();
                } catch (SQLException e) {
                    throw new SqlFailure(e);
                }
                attributes = null;
            }
        }

        private void closeTable() {
            if (ps != null) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    throw new SqlFailure(e);
                }
                ps = null;
            }
        }

        @Override
        public void student(Student s) {
            add(STUDENTS, 0, s);
            if (!s.attributes().isEmpty()) {
                addAttributes(s, seq[0] - 1);
            }
        }

        @Override
        public void score(Score s) {
            add(SCORES, 1, s);
        }

        @Override
        public void choice(Choice c) {
            add(CHOICES, 2, c);
        }

        @Override
        public void priority(Priority p) {
            add(PRIORITIES, 3, p);
        }

        @Override
        public void request(PlacementRequest r) {
            add(REQUESTS, 4, r);
        }

        @Override
        public void section(Section s) {
            add(SECTIONS, 5, s);
        }

        @Override
        public void roster(RosterEntry r) {
            add(ROSTERS, 6, r);
        }
    }

    /**
     * Saves the enrollment history of a stored dataset (enrollments.csv), replacing any saved before. All or nothing;
     * a repeated (student, year) is the user's error (exit 2), named by the student id.
     */
    public void saveEnrollments(long datasetId, List<Enrollment> enrollments) {
        inTransaction("saving the enrollment history of dataset " + datasetId, () -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM enrollments WHERE dataset_id = ?")) {
                ps.setLong(1, datasetId);
                ps.executeUpdate();
            }
            insertAll("enrollments", "dataset_id, seq, student_id, school_year, school_id, grade", enrollments,
                    (ps, e, i) -> {
                        ps.setLong(1, datasetId);
                        ps.setInt(2, i);
                        ps.setString(3, e.studentId());
                        ps.setInt(4, e.year());
                        ps.setString(5, e.schoolId());
                        ps.setInt(6, e.grade());
                    }, e -> e.studentId() + " " + e.year());
            return null;
        });
    }

    /** The enrollment history saved with a dataset, in the order it was imported (empty when none was saved). */
    public List<Enrollment> enrollments(long datasetId) {
        return inTransaction("loading the enrollment history of dataset " + datasetId, () -> rows(
                "SELECT student_id, school_year, school_id, grade FROM enrollments WHERE dataset_id = ? ORDER BY seq",
                datasetId, rs -> new Enrollment(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4))));
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T row, int index) throws SQLException;
    }

    private <T> void insertAll(String table, String columns, List<T> rows, Binder<T> binder,
                               Function<T, String> key) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = columns.split(",").length;
        String sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int batchStart = 0;
            for (int i = 0; i < rows.size(); i++) {
                binder.bind(ps, rows.get(i), i);
                ps.addBatch();
                if (i + 1 - batchStart == BATCH || i == rows.size() - 1) {
                    try {
                        ps.executeBatch();
                    } catch (BatchUpdateException e) {
                        throw rejected(table, e, db.isH2() ? failedRowKey(e, rows, batchStart, key) : "");
                    } catch (SQLException e) {
                        throw rejected(table, e, "");
                    }
                    batchStart = i + 1;
                }
            }
        }
    }

    /**
     * The ids of the row a batch failed on. Only H2 marks exactly the failed statement; pgJDBC's rewritten batches
     * mark the wrong one, and a wrong id would send the user to fix the wrong row.
     */
    private static <T> String failedRowKey(BatchUpdateException e, List<T> rows, int batchStart,
                                           Function<T, String> key) {
        int[] counts = e.getUpdateCounts();
        if (counts != null) {
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == Statement.EXECUTE_FAILED && batchStart + k < rows.size()) {
                    return key.apply(rows.get(batchStart + k));
                }
            }
        }
        return "";
    }

    /**
     * Turns a rejected insert into an error that names the table and the row's ids, never the driver's message
     * (which quotes the whole row, names included). Constraint and data errors are the user's to fix (exit 2).
     */
    private static RuntimeException rejected(String table, SQLException e, String rowKey) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("23")) {
            return new BadInputException(List.of(new InputProblem(table, 0, "", rowKey, "rows with distinct keys: "
                    + "this row repeats a key already in the dataset; the import stopped and nothing was saved")));
        }
        if (state.startsWith("22")) {
            return new BadInputException(List.of(new InputProblem(table, 0, "", rowKey, "values that fit the "
                    + "column sizes in docs/store.md (ids up to 100 characters, names up to 200); the import "
                    + "stopped and nothing was saved")));
        }
        return new StoreException("writing table " + table + (rowKey.isEmpty() ? "" : " at row " + rowKey)
                + " failed (SQL state " + state + ", error " + e.getErrorCode() + ")");
    }

    public Optional<DatasetInfo> find(String name) {
        return query("finding dataset '" + name + "'", "SELECT " + INFO_COLUMNS + " FROM datasets WHERE name = ?",
                ps -> ps.setString(1, name), MosaicStore::info).stream().findFirst();
    }

    public Optional<DatasetInfo> find(long id) {
        return query("finding dataset " + id, "SELECT " + INFO_COLUMNS + " FROM datasets WHERE id = ?",
                ps -> ps.setLong(1, id), MosaicStore::info).stream().findFirst();
    }

    /** Every stored dataset, oldest first. */
    public List<DatasetInfo> list() {
        return query("listing datasets", "SELECT " + INFO_COLUMNS + " FROM datasets ORDER BY id", ps -> { },
                MosaicStore::info);
    }

    private static final String INFO_COLUMNS = "id, name, district_id, district_name, imported_at, source, checksum,"
            + " school_count, student_count, score_count, choice_count, section_count";

    private static DatasetInfo info(ResultSet rs) throws SQLException {
        return new DatasetInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                rs.getInt(12));
    }

    /** Loads the dataset named {@code name}; a {@link BadInputException} when there is none. */
    public Dataset load(String name) {
        DatasetInfo info = find(name).orElseThrow(() -> new BadInputException(List.of(new InputProblem("", 0,
                "--name", name, "the name of a stored dataset (see `mosaic db list`)"))));
        return load(info);
    }

    public Dataset load(long id) {
        return load(find(id).orElseThrow(() -> new BadInputException("no stored dataset has id " + id)));
    }

    private Dataset load(DatasetInfo info) {
        DatasetCollector rows = new DatasetCollector();
        stream(info, rows);
        return rows.dataset();
    }

    /**
     * Streams the stored dataset named {@code name} to {@code sink} row by row (read with a fetch size inside one
     * transaction, so PostgreSQL uses a cursor and H2 buffers large results on disk), in the order it was imported,
     * and checks its SHA-256 on the way. A {@link StoreException} at the end when the rows do not match it: the sink's
     * output must then be thrown away. A {@link BadInputException} when no dataset has that name.
     */
    public DatasetInfo export(String name, DatasetSink sink) {
        DatasetInfo info = find(name).orElseThrow(() -> new BadInputException(List.of(new InputProblem("", 0,
                "--name", name, "the name of a stored dataset (see `mosaic db list`)"))));
        stream(info, sink);
        return info;
    }

    private void stream(DatasetInfo info, DatasetSink out) {
        long id = info.id();
        String checksum = inTransaction("loading dataset '" + info.name() + "'", () -> {
            Map<String, Map<Integer, Integer>> caps = new HashMap<>();
            for (Object[] c : rows("SELECT school_id, grade, seats FROM school_capacities WHERE dataset_id = ?", id,
                    rs -> new Object[] {rs.getString(1), rs.getInt(2), rs.getInt(3)})) {
                caps.computeIfAbsent((String) c[0], k -> new HashMap<>()).put((Integer) c[1], (Integer) c[2]);
            }
            List<School> schools = rows("SELECT school_id, name, school_type, cluster_id, low_grade, high_grade, x, "
                    + "y, zone FROM schools WHERE dataset_id = ? ORDER BY seq", id, rs -> new School(rs.getString(1),
                    rs.getString(2), SchoolType.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                    rs.getString(4), rs.getInt(5), rs.getInt(6), new Location(rs.getDouble(7), rs.getDouble(8)),
                    rs.getString(9), caps.getOrDefault(rs.getString(1), Map.of())));
            Map<String, List<String>> members = new LinkedHashMap<>();
            for (String[] m : rows("SELECT cluster_id, school_id FROM cluster_schools WHERE dataset_id = ? "
                    + "ORDER BY cluster_id, seq", id, rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                members.computeIfAbsent(m[0], k -> new ArrayList<>()).add(m[1]);
            }
            List<Cluster> clusters = rows("SELECT cluster_id, name, high_school_id FROM clusters WHERE dataset_id = ?"
                    + " ORDER BY seq", id, rs -> new Cluster(rs.getString(1), rs.getString(2), rs.getString(3),
                    members.getOrDefault(rs.getString(1), List.of())));
            long[] n = new long[DatasetOutline.LISTS.size()];
            List<String> tables = List.of("students", "scores", "choices", "priorities", "requests", "sections",
                    "rosters");
            for (int k = 0; k < n.length; k++) {
                n[k] = rows("SELECT COUNT(*) FROM " + tables.get(k) + " WHERE dataset_id = ?", id,
                        rs -> rs.getLong(1)).get(0);
            }
            List<String> attributeNames = rows("SELECT DISTINCT name FROM student_attributes WHERE dataset_id = ? "
                    + "ORDER BY name", id, rs -> rs.getString(1));
            DatasetOutline outline = new DatasetOutline(info.districtId(), info.districtName(), schools, clusters,
                    new DatasetOutline.RowCounts(n[0], n[1], n[2], n[3], n[4], n[5], n[6]), attributeNames);
            DatasetChecksum sum = DatasetChecksum.verifying(outline);
            DatasetSink sink = DatasetSink.both(sum, out);
            sink.start(outline);
            try (StudentAttributes attributes = new StudentAttributes(id, !attributeNames.isEmpty())) {
                each("SELECT student_id, grade, school_id, x, y, zone, tract, frl, race, gender,"
                        + " ell, iep, gifted, ses_tier, behavior, given_name, family_name, seq FROM students "
                        + "WHERE dataset_id = ? ORDER BY seq", id, rs -> sink.student(new Student(rs.getString(1),
                        rs.getInt(2), rs.getString(3), new Location(rs.getDouble(4), rs.getDouble(5)),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8), code(Race.parse(rs.getString(9)), "race"),
                        code(Gender.parse(rs.getString(10)), "gender"), rs.getBoolean(11), rs.getBoolean(12),
                        rs.getBoolean(13), rs.getInt(14), rs.getBoolean(15), rs.getString(16), rs.getString(17),
                        attributes.of(rs.getInt(18)))));
            }
            each("SELECT student_id, subject, strand, score_year, term, scale, grade_equivalent "
                    + "FROM scores WHERE dataset_id = ? ORDER BY seq", id, rs -> {
                        double ge = rs.getDouble(7);
                        OptionalDouble gradeEquivalent = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(ge);
                        sink.score(new Score(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getDouble(6), gradeEquivalent));
                    });
            each("SELECT student_id, choice_rank, school_id FROM choices WHERE dataset_id = ? ORDER BY seq", id,
                    rs -> sink.choice(new Choice(rs.getString(1), rs.getInt(2), rs.getString(3))));
            each("SELECT student_id, school_id, priority_class FROM priorities WHERE dataset_id = ? ORDER BY seq", id,
                    rs -> sink.priority(new Priority(rs.getString(1), rs.getString(2), rs.getInt(3))));
            each("SELECT student_a, student_b, kind FROM requests WHERE dataset_id = ? ORDER BY seq", id,
                    rs -> sink.request(new PlacementRequest(rs.getString(1), rs.getString(2),
                            RequestKind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)))));
            each("SELECT section_id, school_id, grade, subject, capacity, section_level, "
                    + "co_taught, ell_certified, period, teacher, course_id, term_id FROM sections "
                    + "WHERE dataset_id = ? ORDER BY seq", id, rs -> sink.section(new Section(rs.getString(1),
                    rs.getString(2), rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getBoolean(7),
                    rs.getBoolean(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12))));
            each("SELECT section_id, student_id FROM rosters WHERE dataset_id = ? ORDER BY seq", id,
                    rs -> sink.roster(new RosterEntry(rs.getString(1), rs.getString(2))));
            return sum.matching(info.checksum());
        });
        if (!checksum.equals(info.checksum())) {
            throw new StoreException("dataset '" + info.name() + "' (id " + id + ") does not match the checksum it "
                    + "was saved with: its rows were changed outside Mosaic; re-import it from the CSV files");
        }
    }

    /**
     * The stored students' own columns, read in one ordered pass beside the students (both ordered by the student's
     * position), so a million students' attributes are never held together.
     */
    private final class StudentAttributes implements AutoCloseable {
        private final PreparedStatement ps;
        private final ResultSet rs;
        private boolean more;

        StudentAttributes(long datasetId, boolean any) throws SQLException {
            if (!any) {
                ps = null;
                rs = null;
                return;
            }
            ps = conn.prepareStatement("SELECT student_seq, name, val FROM student_attributes WHERE dataset_id = ? "
                    + "ORDER BY student_seq, name");
            ps.setFetchSize(FETCH);
            ps.setLong(1, datasetId);
            rs = ps.executeQuery();
            more = rs.next();
        }

        /** The attributes of the student at {@code seq}; students come in increasing seq. */
        Map<String, String> of(int seq) throws SQLException {
            if (rs == null) {
                return Map.of();
            }
            while (more && rs.getInt(1) < seq) {
                more = rs.next();
            }
            Map<String, String> out = new HashMap<>();
            while (more && rs.getInt(1) == seq) {
                out.put(rs.getString(2), rs.getString(3));
                more = rs.next();
            }
            return out;
        }

        @Override
        public void close() throws SQLException {
            if (rs != null) {
                rs.close();
                ps.close();
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Passes one dataset's rows to {@code handler} one at a time, fetching {@link #FETCH} at a time. */
    private void each(String sql, long datasetId, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setLong(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        }
    }

    private static <E> E code(Optional<E> value, String what) {
        return value.orElseThrow(() -> new StoreException("unknown " + what + " code in table students"));
    }

    /**
     * Deletes a dataset with all its rows and runs, in one transaction; false when no dataset has that name. The
     * dataset tables have no foreign key to cascade from (migration 4, for the speed of saves): their rows are deleted
     * here, table by table; runs and saved class lists still cascade from the dataset's row.
     */
    public boolean delete(String name) {
        return inTransaction("deleting dataset '" + name + "'", () -> {
            Optional<DatasetInfo> found = find(name);
            if (found.isEmpty()) {
                return false;
            }
            for (String table : DATASET_TABLES) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM " + table + " WHERE dataset_id = ?")) {
                    ps.setLong(1, found.get().id());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM datasets WHERE id = ?")) {
                ps.setLong(1, found.get().id());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Rows of one dataset in a table (for checks and tests). */
    public long countRows(String table, long datasetId) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name");
        }
        return query("counting " + table, "SELECT COUNT(*) FROM " + table + " WHERE dataset_id = ?",
                ps -> ps.setLong(1, datasetId), rs -> rs.getLong(1)).get(0);
    }

    // ------------------------------------------------------------------ runs

    /** Records the start of a run; returns its id. {@code datasetId} may be null for runs on files. */
    public long startRun(Long datasetId, String command, String parametersJson, OptionalLong seed) {
        return inTransaction("recording a run", () -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs (dataset_id, command, parameters, "
                    + "seed, started_at, status) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                if (datasetId == null) {
                    ps.setNull(1, Types.BIGINT);
                } else {
                    ps.setLong(1, datasetId);
                }
                ps.setString(2, command);
                ps.setString(3, parametersJson == null ? "{}" : parametersJson);
                if (seed.isPresent()) {
                    ps.setLong(4, seed.getAsLong());
                } else {
                    ps.setNull(4, Types.BIGINT);
                }
                ps.setObject(5, now());
                ps.setString(6, RunRecord.RUNNING);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Records how a run ended: {@link RunRecord#SUCCEEDED} or {@link RunRecord#FAILED} and a JSON summary. */
    public void finishRun(long runId, String status, String summaryJson) {
        inTransaction("finishing run " + runId, () -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE runs SET finished_at = ?, status = ?, "
                    + "summary = ? WHERE id = ?")) {
                ps.setObject(1, now());
                ps.setString(2, status);
                ps.setString(3, summaryJson);
                ps.setLong(4, runId);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("no run has id " + runId);
                }
            }
            return null;
        });
    }

    /** Saves a run's school assignments, all or nothing. */
    public void saveAssignments(long runId, List<Assignment> assignments) {
        inTransaction("saving the assignments of run " + runId, () -> {
            insertAll("run_assignments", "run_id, student_id, school_id, reason", assignments, (ps, a, i) -> {
                ps.setLong(1, runId);
                ps.setString(2, a.studentId());
                ps.setString(3, a.schoolId());
                ps.setString(4, truncate(a.reason(), MAX_REASON));
            }, Assignment::studentId);
            return null;
        });
    }

    /** Saves a run's section placements, all or nothing. */
    public void savePlacements(long runId, List<Placement> placements) {
        inTransaction("saving the placements of run " + runId, () -> {
            insertAll("run_placements", "run_id, student_id, section_id", placements, (ps, p, i) -> {
                ps.setLong(1, runId);
                ps.setString(2, p.studentId());
                ps.setString(3, p.sectionId());
            }, p -> p.sectionId() + "/" + p.studentId());
            return null;
        });
    }

    public List<Assignment> assignments(long runId) {
        return query("reading run " + runId, "SELECT student_id, school_id, reason FROM run_assignments "
                + "WHERE run_id = ? ORDER BY student_id", ps -> ps.setLong(1, runId),
                rs -> new Assignment(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    public List<Placement> placements(long runId) {
        return query("reading run " + runId, "SELECT student_id, section_id FROM run_placements WHERE run_id = ? "
                + "ORDER BY student_id, section_id", ps -> ps.setLong(1, runId),
                rs -> new Placement(rs.getString(1), rs.getString(2)));
    }

    /** Every recorded run, oldest first. */
    public List<RunRecord> runs() {
        return query("listing runs", "SELECT id, dataset_id, command, parameters, seed, started_at, finished_at, "
                + "status, summary FROM runs ORDER BY id", ps -> { }, rs -> {
                    long datasetId = rs.getLong(2);
                    Long ds = rs.wasNull() ? null : datasetId;
                    long seed = rs.getLong(5);
                    OptionalLong s = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(seed);
                    return new RunRecord(rs.getLong(1), ds, rs.getString(3), rs.getString(4), s, instant(rs, 6),
                            instant(rs, 7), rs.getString(8), rs.getString(9));
                });
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface SqlWork<R> {
        R run() throws SQLException;
    }

    @FunctionalInterface
    private interface Params {
        void set(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<R> {
        R map(ResultSet rs) throws SQLException;
    }

    private <R> R inTransaction(String what, SqlWork<R> work) {
        try {
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            throw failure(what, e);
        }
        boolean done = false;
        try {
            R r = work.run();
            conn.commit();
            done = true;
            return r;
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (!done) {
                try {
                    conn.rollback();
                } catch (SQLException ignored) {
                    // The original failure is the one worth reporting; a dead connection rolls back anyway.
                }
            }
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // Same: nothing more useful to say than the first error.
            }
        }
    }

    private static StoreException failure(String what, SQLException e) {
        return new StoreException(what + " failed (SQL state " + e.getSQLState() + ", error " + e.getErrorCode()
                + "); nothing was changed");
    }

    private <R> List<R> query(String what, String sql, Params params, RowMapper<R> mapper) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            params.set(ps);
            List<R> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Streams one dataset's rows (inside a transaction, so PostgreSQL uses a cursor instead of buffering all). */
    private <R> List<R> rows(String sql, long datasetId, RowMapper<R> mapper) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setLong(1, datasetId);
            List<R> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    private static OffsetDateTime now() {
        // PostgreSQL keeps microseconds; truncating here makes what is read back equal what was written.
        return OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("closing the database", e);
        }
    }
}
