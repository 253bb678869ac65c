package org.mosaic.model;

/** A family's ranked school choice: rank 1 is the first choice. */
public record Choice(String studentId, int rank, String schoolId) {
}
