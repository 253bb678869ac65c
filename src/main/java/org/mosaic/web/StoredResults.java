package org.mosaic.web;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mosaic.store.StoredResult;
import org.mosaic.store.WebRole;
import org.mosaic.store.WebStore;
import org.mosaic.store.WebUser;

/**
 * The long tasks' results kept in the store (table {@code web_results}), so a restart of the server keeps them: each
 * finished task saves the next version of its result, pages show the newest, and every read asks {@link Access}
 * first. A district-wide result is for admins; a school's result for those who may build that school's classes.
 */
final class StoredResults {
    /** Growth fits of the district, by subject. */
    static final String GROWTH = "growth";
    /** A school's tracking frontier, by grade and subject. */
    static final String FRONTIER = "frontier";
    /** The district's integration x tracking scenarios. */
    static final String SCENARIOS = "scenarios";
    /** Duflo, Dupas & Kremer (2011) re-run in the model. */
    static final String DDK = "ddk2011";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final WebStore store;

    StoredResults(WebStore store) {
        this.store = store;
    }

    /** Saves a finished task's result as the next version of its name and records who did it in the audit log. */
    StoredResult save(long datasetId, String kind, String schoolId, String name, String username, Object result) {
        StoredResult saved = store.saveResult(datasetId, kind, schoolId, name, username, write(result));
        store.audit(username, "save-result", "dataset " + datasetId + " " + kind + " result " + saved.id()
                + " version " + saved.version());
        return saved;
    }

    /** The newest version of a named result, read back into its record. */
    <T> Optional<Saved<T>> latest(long datasetId, String kind, String schoolId, String name, Class<T> type) {
        return store.latestResult(datasetId, kind, schoolId, name).map(r -> new Saved<>(r, read(r, type)));
    }

    /** The newest result of a kind for a school or the district, whatever its name. */
    <T> Optional<Saved<T>> latest(long datasetId, String kind, String schoolId, Class<T> type) {
        return store.latestResult(datasetId, kind, schoolId).map(r -> new Saved<>(r, read(r, type)));
    }

    /**
     * A stored result by id, if the user may read it: 403 for another school's result or, for anyone but an
     * admin, a district-wide one; only an admin learns that an id does not exist (as with school ids).
     */
    StoredResult readable(WebUser u, long id) {
        Optional<StoredResult> found = store.result(id);
        if (found.isEmpty()) {
            throw u.role() == WebRole.ADMIN ? WebError.notFound("result " + id) : WebError.forbidden("result " + id);
        }
        StoredResult r = found.get();
        boolean allowed = r.districtWide() ? u.role() == WebRole.ADMIN : Access.buildsClasses(u, r.schoolId());
        if (!allowed) {
            throw WebError.forbidden("result " + id);
        }
        return r;
    }

    /** A stored result with the record it holds. */
    record Saved<T>(StoredResult stored, T value) {
        /** "version 3, saved by pat at 2026-…": what the page says under the result. */
        String provenance() {
            return "version " + stored.version() + " of “" + stored.name() + "”, saved by " + stored.createdBy()
                    + " at " + stored.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (result "
                    + stored.id() + ")";
        }
    }

    private static String write(Object result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result could not be written as JSON", e);
        }
    }

    private static <T> T read(StoredResult r, Class<T> type) {
        try {
            return JSON.readValue(r.resultJson(), type);
        } catch (JsonProcessingException e) {
            // Written by this class from the same record; a failure means the record changed shape since.
            throw new IllegalStateException("stored " + r.kind() + " result " + r.id() + " could not be read back: "
                    + e.getOriginalMessage(), e);
        }
    }
}
