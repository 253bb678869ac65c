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
    /**
     * H2's page cache, in KB: 64 MB instead of H2's 16. A save is one transaction, and its commit visits every page
     * it changed; with 16 MB the 20,000-student sample's pages had left the cache by then and were read back from the
     * file (half the commit's time).
     */
    static final String H2_CACHE = ";CACHE_SIZE=65536";
    /**
     * No compaction when the database closes. H2 2.3.232 moves chunks in that compaction and then marks the file
     * cleanly shut down without committing the move (fixed in H2 2.4.240, its issue #4247): the 2.4 GB file of a
     * 1,000,000-student import could not be opened again ("Double mark"). The file is still compacted while open by
     * H2's background writer, and SHUTDOWN COMPACT (a full copy, not this move) still works.
     */
    static final String H2_NO_CLOSE_COMPACTION = ";MAX_COMPACT_TIME=0";
    /** Settings that make H2 accept the PostgreSQL dialect the migrations are written in. */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000" + H2_CACHE + H2_NO_CLOSE_COMPACTION;
    /** A password's value runs to the next {@code ;key=} or {@code &key=}, so one holding ';' or '&' is hidden whole. */
    private static final java.util.regex.Pattern PASSWORD = java.util.regex.Pattern.compile(
            "(?i)(password=)(.*?)(?=[;&][A-Za-z_][A-Za-z0-9_.]*=|$)");

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
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("TRACE_LEVEL_FILE")) {
            // H2's trace file, next to the database, would quote rejected rows (student names) with their SQL.
            url = url + ";TRACE_LEVEL_FILE=0";
        }
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("LOCK_TIMEOUT")) {
            url = url + ";LOCK_TIMEOUT=10000";
        }
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("CACHE_SIZE")) {
            url = url + H2_CACHE;
        }
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("MAX_COMPACT_TIME")) {
            url = url + H2_NO_CLOSE_COMPACTION;
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

    /** For {@code jdbc:h2:file:BASE;...} (or {@code jdbc:h2:BASE}), the BASE path; the database is BASE.mv.db. */
    public java.util.Optional<Path> h2FileBase() {
        if (!isH2() || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                || url.startsWith("jdbc:h2:ssl:")) {
            return java.util.Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        int semi = rest.indexOf(';');
        String base = semi < 0 ? rest : rest.substring(0, semi);
        if (base.startsWith("~")) {
            base = System.getProperty("user.home") + base.substring(1);
        }
        try {
            return java.util.Optional.of(Path.of(base));
        } catch (java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty();
        }
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL with any password replaced by ***, safe to print. */
    public String redacted() {
        return redact(url);
    }

    /**
     * {@code text} with every password of this database hidden: in URL userinfo ({@code //user:secret@host}), in
     * {@code password=} parameters (values holding ';' or '&' included) and the literal password wherever it appears.
     */
    public String scrub(String text) {
        if (text == null) {
            return "";
        }
        String s = text;
        for (String secret : secrets()) {
            if (secret.length() >= 3) {
                s = s.replace(secret, "***");
            }
        }
        return redact(s);
    }

    private java.util.List<String> secrets() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (password != null) {
            out.add(password);
        }
        java.util.regex.Matcher m = PASSWORD.matcher(url);
        while (m.find()) {
            out.add(m.group(2));
        }
        String user = userinfoPassword(url);
        if (user != null) {
            out.add(user);
        }
        out.sort((a, b) -> b.length() - a.length());
        return out;
    }

    static String redact(String text) {
        String s = PASSWORD.matcher(text).replaceAll("$1***");
        String secret = userinfoPassword(s);
        if (secret != null) {
            int at = userinfoEnd(s);
            int colon = s.indexOf(':', s.indexOf("//") + 2);
            s = s.substring(0, colon + 1) + "***" + s.substring(at);
        }
        return s;
    }

    /** The password in {@code scheme://user:password@host...}, if the URL has one. */
    private static String userinfoPassword(String url) {
        int slashes = url.indexOf("//");
        int at = userinfoEnd(url);
        if (slashes < 0 || at < 0) {
            return null;
        }
        String userinfo = url.substring(slashes + 2, at);
        int colon = userinfo.indexOf(':');
        return colon < 0 ? null : userinfo.substring(colon + 1);
    }

    private static int userinfoEnd(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return -1;
        }
        int query = url.indexOf('?', slashes);
        int at = url.lastIndexOf('@', query < 0 ? url.length() : query);
        return at > slashes ? at : -1;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
