package org.mosaic.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.mosaic.model.BadInputException;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The web server's tables (migrations V10 and V5): users with bcrypt password hashes, the append-only audit log, saved
 * class-list versions and the saved results of long tasks (growth, frontier, scenarios). Safe for concurrent use: one connection, one statement at a time (these are small, rare writes;
 * the class builder's edits stay in memory until saved).
 */
public final class WebStore implements AutoCloseable {
    /** bcrypt's cost: 2^12 rounds, about 0.2 s per check on one core, which also slows password guessing. */
    public static final int COST = 12;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    public static final int MIN_PASSWORD = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DbUrl db;
    private final Connection conn;
    private final int cost;
    /** Checked against when a user does not exist, so that unknown and known names take the same time. */
    private String dummyHash;

    private WebStore(DbUrl db, Connection conn, int cost) {
        this.db = db;
        this.conn = conn;
        this.cost = cost;
    }

    /** Opens the database, applying pending migrations first; new passwords get bcrypt cost {@link #COST}. */
    public static WebStore open(DbUrl db) {
        return open(db, COST);
    }

    /** As {@link #open(DbUrl)} with another bcrypt cost for new hashes (4 to 31; tests use 4 to run fast). */
    public static WebStore open(DbUrl db, int bcryptCost) {
        MosaicStore.migrate(db);
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        try {
            return new WebStore(db, DriverManager.getConnection(db.url(), p), bcryptCost);
        } catch (SQLException e) {
            throw new StoreException("could not connect to " + db.redacted() + ": " + e.getMessage().lines()
                    .findFirst().orElse(""));
        }
    }

    public DbUrl url() {
        return db;
    }

    // ------------------------------------------------------------------ users

    /** Adds a user; the password is hashed with bcrypt and the array is wiped. */
    public synchronized WebUser addUser(String username, WebRole role, String schoolId, String sectionId,
                                        char[] password) {
        checkUser(username, role, schoolId, sectionId);
        String hash = hash(password, cost);
        if (findUser(username).isPresent()) {
            throw new BadInputException("user '" + username + "' already exists (use `mosaic users passwd` to "
                    + "change the password or `mosaic users remove` first)");
        }
        String sql = "INSERT INTO web_users (username, password_hash, role, school_id, section_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, username);
            ps.setString(2, hash);
            ps.setString(3, role.code());
            setNullable(ps, 4, role == WebRole.ADMIN ? null : schoolId);
            setNullable(ps, 5, role == WebRole.TEACHER ? sectionId : null);
            ps.setObject(6, now());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not add user '" + username + "': " + e.getMessage());
        }
        return findUser(username).orElseThrow();
    }

    private static void checkUser(String username, WebRole role, String schoolId, String sectionId) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new BadInputException("--user: 1 to 100 letters, digits or . _ @ -");
        }
        if (role != WebRole.ADMIN && (schoolId == null || schoolId.isBlank())) {
            throw new BadInputException("--school ID is required for the role " + role.code());
        }
        if (role == WebRole.TEACHER && (sectionId == null || sectionId.isBlank())) {
            throw new BadInputException("--section ID is required for the role teacher");
        }
    }

    private static String hash(char[] password, int cost) {
        try {
            if (password == null || password.length < MIN_PASSWORD) {
                throw new BadInputException("a password of at least " + MIN_PASSWORD + " characters on standard "
                        + "input");
            }
            return BCrypt.hashpw(new String(password), BCrypt.gensalt(cost, RANDOM));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    public synchronized Optional<WebUser> findUser(String username) {
        List<WebUser> found = users("WHERE username = ?", username);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public synchronized List<WebUser> listUsers() {
        return users("ORDER BY username", null);
    }

    private List<WebUser> users(String where, String arg) {
        String sql = "SELECT id, username, role, school_id, section_id, created_at FROM web_users " + where;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<WebUser> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WebUser(rs.getLong(1), rs.getString(2), WebRole.parse(rs.getString(3)).orElseThrow(),
                            rs.getString(4), rs.getString(5), instant(rs, 6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read users: " + e.getMessage());
        }
    }

    /**
     * The user when the password matches. An unknown name costs one bcrypt check too, so timing does not tell
     * which names exist. The password array is wiped.
     */
    public Optional<WebUser> authenticate(String username, char[] password) {
        String stored;
        Optional<WebUser> user;
        synchronized (this) {
            user = findUser(username == null ? "" : username);
            stored = user.isPresent() ? passwordHash(username) : dummyHash();
        }
        try {
            boolean ok = password != null && BCrypt.checkpw(new String(password), stored);
            return ok ? user : Optional.empty();
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private String passwordHash(String username) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT password_hash FROM web_users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : dummyHash();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read users: " + e.getMessage());
        }
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = BCrypt.hashpw("not a password of anyone", BCrypt.gensalt(cost, RANDOM));
        }
        return dummyHash;
    }

    /** Sets a new password; false when there is no such user. */
    public synchronized boolean setPassword(String username, char[] password) {
        String hash = hash(password, cost);
        return update("UPDATE web_users SET password_hash = ? WHERE username = ?", hash, username) > 0;
    }

    /** Removes a user; false when there is none by that name. */
    public synchronized boolean removeUser(String username) {
        return update("DELETE FROM web_users WHERE username = ?", username) > 0;
    }

    private int update(String sql, String... args) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not change users: " + e.getMessage());
        }
    }

    /**
     * The demo's accounts, each with a fresh random password returned here once (only hashes are stored): a district
     * admin ({@code demo-admin}), the principal and a counselor of {@code schoolId}, a teacher of {@code sectionId}
     * in that school and the principal of {@code otherSchoolId} (to show that a school sees only itself). A re-run
     * replaces the demo's earlier accounts.
     */
    public synchronized List<DemoLogin> createDemoUsers(String schoolId, String sectionId, String otherSchoolId) {
        List<DemoLogin> logins = new ArrayList<>();
        logins.add(new DemoLogin("demo-admin", WebRole.ADMIN, null, null, randomPassword()));
        logins.add(new DemoLogin("demo-principal", WebRole.PRINCIPAL, schoolId, null, randomPassword()));
        logins.add(new DemoLogin("demo-counselor", WebRole.COUNSELOR, schoolId, null, randomPassword()));
        if (sectionId != null) {
            logins.add(new DemoLogin("demo-teacher", WebRole.TEACHER, schoolId, sectionId, randomPassword()));
        }
        if (otherSchoolId != null) {
            logins.add(new DemoLogin("demo-principal-2", WebRole.PRINCIPAL, otherSchoolId, null, randomPassword()));
        }
        for (DemoLogin l : logins) {
            removeUser(l.username());
            addUser(l.username(), l.role(), l.schoolId(), l.sectionId(), l.password().toCharArray());
        }
        return logins;
    }

    /** 16 characters from a 56-letter alphabet without look-alikes (0/O, 1/l/I): about 93 bits. */
    static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ audit log

    /** Appends one audit row. There is deliberately no method that changes or removes one. */
    public synchronized void audit(String username, String action, String target) {
        String sql = "INSERT INTO web_audit_log (at, username, action, target) VALUES (?, ?, ?, ?)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, now());
            ps.setString(2, truncate(username, 100));
            ps.setString(3, truncate(action, 40));
            ps.setString(4, truncate(target, 400));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not write the audit log: " + e.getMessage());
        }
    }

    /** The newest {@code limit} audit rows, newest first. */
    public synchronized List<AuditEntry> auditLog(int limit) {
        String sql = "SELECT id, at, username, action, target FROM web_audit_log ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read the audit log: " + e.getMessage());
        }
    }

    /**
     * Inserts one saved version (a class list or a task's result) and returns its generated id. Values are bound in
     * order; a null is bound as a null text, the only nullable kind these rows have.
     */
    private long insertVersion(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql, new String[] {"id"})) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    // ------------------------------------------------------------------ class lists

    /** Saves a class list as the next version of {@code name} for this dataset and school; returns it. */
    public synchronized ClassListVersion saveClassList(long datasetId, String schoolId, String name, String createdBy,
                                                       String setupJson, String placementJson) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInputException("a class-list name of 1 to 200 characters");
        }
        int version = 1 + classLists(datasetId, schoolId).stream().filter(v -> v.name().equals(name))
                .mapToInt(ClassListVersion::version).max().orElse(0);
        String sql = "INSERT INTO web_class_lists (dataset_id, school_id, name, version, created_by, created_at, "
                + "setup, placement) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try {
            return classList(insertVersion(sql, datasetId, schoolId, name, version, createdBy, now(), setupJson,
                    placementJson)).orElseThrow();
        } catch (SQLException e) {
            throw new StoreException("could not save class list '" + name + "': " + e.getMessage());
        }
    }

    /** The saved versions of a school's class lists in a dataset, oldest first. */
    public synchronized List<ClassListVersion> classLists(long datasetId, String schoolId) {
        return classLists("WHERE dataset_id = ? AND school_id = ? ORDER BY id", datasetId, schoolId);
    }

    public synchronized Optional<ClassListVersion> classList(long id) {
        List<ClassListVersion> found = classLists("WHERE id = ?", id, null);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<ClassListVersion> classLists(String where, long key, String school) {
        String sql = "SELECT id, dataset_id, school_id, name, version, created_by, created_at, setup, placement "
                + "FROM web_class_lists " + where;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, key);
            if (school != null) {
                ps.setString(2, school);
            }
            List<ClassListVersion> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClassListVersion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), instant(rs, 7), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read class lists: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ results of long tasks (V5)

    /**
     * Saves a task's result as the next version of {@code (kind, schoolId, name)} in this dataset; returns it.
     * {@code schoolId} is {@link StoredResult#DISTRICT} for a district-wide result.
     */
    public synchronized StoredResult saveResult(long datasetId, String kind, String schoolId, String name,
                                                String createdBy, String resultJson) {
        String school = schoolId == null ? StoredResult.DISTRICT : schoolId;
        String label = truncate(name, 200);
        int version = 1 + results("WHERE dataset_id = ? AND kind = ? AND school_id = ? AND name = ? ORDER BY id",
                datasetId, kind, school, label).stream().mapToInt(StoredResult::version).max().orElse(0);
        String sql = "INSERT INTO web_results (dataset_id, kind, school_id, name, version, created_by, created_at, "
                + "result_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try {
            return result(insertVersion(sql, datasetId, kind, school, label, version, createdBy, now(), resultJson))
                    .orElseThrow();
        } catch (SQLException e) {
            throw new StoreException("could not save the " + kind + " result '" + label + "': " + e.getMessage());
        }
    }

    /** The newest version of a result, if one was saved. */
    public synchronized Optional<StoredResult> latestResult(long datasetId, String kind, String schoolId,
                                                            String name) {
        List<StoredResult> found = results("WHERE dataset_id = ? AND kind = ? AND school_id = ? AND name = ? "
                + "ORDER BY version DESC LIMIT 1", datasetId, kind, schoolId, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The newest result of a kind for a school (or the district), whatever its name. */
    public synchronized Optional<StoredResult> latestResult(long datasetId, String kind, String schoolId) {
        List<StoredResult> found = results("WHERE dataset_id = ? AND kind = ? AND school_id = ? ORDER BY id DESC "
                + "LIMIT 1", datasetId, kind, schoolId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every saved version of a kind for a school (or the district), oldest first. */
    public synchronized List<StoredResult> results(long datasetId, String kind, String schoolId) {
        return results("WHERE dataset_id = ? AND kind = ? AND school_id = ? ORDER BY id", datasetId, kind, schoolId);
    }

    public synchronized Optional<StoredResult> result(long id) {
        List<StoredResult> found = results("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<StoredResult> results(String where, Object... args) {
        String sql = "SELECT id, dataset_id, kind, school_id, name, version, created_by, created_at, result_json "
                + "FROM web_results " + where;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<StoredResult> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredResult(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), instant(rs, 8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read stored results: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null || v.isBlank()) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new StoreException("could not close " + db.redacted() + ": " + e.getMessage());
        }
    }
}
