package org.mosaic.store;

import java.time.Instant;

/**
 * A saved version of one school's classes. {@code setupJson} holds what was formed (grade, subject, sections,
 * dial, locks); {@code placementJson} maps student id to section id.
 */
public record ClassListVersion(long id, long datasetId, String schoolId, String name, int version, String createdBy,
                               Instant createdAt, String setupJson, String placementJson) {
}
