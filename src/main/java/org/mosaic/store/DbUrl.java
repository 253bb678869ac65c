package org.mosaic.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Mosaic database lives: a JDBC URL plus optional user and password. An embedded H2 file database by
 * default; PostgreSQL (or another H2 file) when the user gives a URL with {@code --db} or {@code MOSAIC_DB_URL}.
 * H2 URLs are put in PostgreSQL mode so that the same migrations and SQL run on both.
 */
public record DbUrl(String url, String user, String password) {
    /** Settings that make H2 accept the PostgreSQL dialect the migrations are written in. */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public DbUrl {
        Objects.requireNonNull(url);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new org.mosaic.model.BadInputException("--db must be a JDBC URL starting with jdbc:h2: or "
                    + "jdbc:postgresql: (found one starting with '" + url.substring(0, Math.min(12, url.length()))
                    + "')");
        }
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains(";MODE=")) {
            url = url + H2_SETTINGS;
        }
        if (url.startsWith("jdbc:h2:mem:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_DELAY")) {
            // Keep an in-memory database alive between the migration's connection and the store's.
            url = url + ";DB_CLOSE_DELAY=-1";
        }
    }

    /** An embedded H2 database stored in {@code <base>.mv.db}. */
    public static DbUrl h2File(Path base) {
        return new DbUrl("jdbc:h2:file:" + base.toAbsolutePath().normalize() + H2_SETTINGS, null, null);
    }

    /** The CLI's default database: {@code ~/.mosaic/mosaic.mv.db}. */
    public static Path defaultLocation() {
        return Path.of(System.getProperty("user.home"), ".mosaic", "mosaic");
    }

    /**
     * The database a command uses: {@code --db} if given, else {@code MOSAIC_DB_URL}, else the embedded default.
     * {@code MOSAIC_DB_USER} and {@code MOSAIC_DB_PASSWORD} supply credentials kept out of the URL (and so out of
     * shell history and process lists).
     */
    public static DbUrl resolve(String option, Map<String, String> env, Path defaultBase) {
        String url = option != null && !option.isBlank() ? option.trim() : env.get("MOSAIC_DB_URL");
        if (url == null || url.isBlank()) {
            return h2File(defaultBase);
        }
        return new DbUrl(url.trim(), blankToNull(env.get("MOSAIC_DB_USER")), blankToNull(env.get("MOSAIC_DB_PASSWORD")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL with any password replaced by ***, safe to print. */
    public String redacted() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
