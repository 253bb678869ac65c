package org.mosaic.store;

import java.time.Instant;

/** One stored dataset version, as listed by {@code mosaic db list}: counts only, no student data. */
public record DatasetInfo(long id, String name, String districtId, String districtName, Instant importedAt,
                          String source, String checksum, int schools, int students, int scores, int choices,
                          int sections) {
}
