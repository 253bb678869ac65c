package org.mosaic.store;

import java.time.Instant;

/**
 * A person who signs in to {@code mosaic serve}. {@code schoolId} is set for principals, counselors and teachers,
 * {@code sectionId} for teachers; the password hash never leaves {@link WebStore}.
 */
public record WebUser(long id, String username, WebRole role, String schoolId, String sectionId, Instant createdAt) {
}
