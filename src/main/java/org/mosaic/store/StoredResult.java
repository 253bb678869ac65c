package org.mosaic.store;

import java.time.Instant;

/**
 * A saved result of one of the web's long tasks (migration V5): its kind ({@code growth}, {@code frontier},
 * {@code scenarios}, {@code ddk2011}), the school it belongs to ({@code ""}: district-wide), its name within that
 * kind (a subject, a grade and subject, ...), its version (each save of a name is the next one) and the result as
 * JSON.
 */
public record StoredResult(long id, long datasetId, String kind, String schoolId, String name, int version,
                           String createdBy, Instant createdAt, String resultJson) {
    /** The school id of a district-wide result. */
    public static final String DISTRICT = "";

    public boolean districtWide() {
        return schoolId.isEmpty();
    }
}
