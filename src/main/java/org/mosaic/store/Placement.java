package org.mosaic.store;

/** A run's output: a student placed in a section. */
public record Placement(String studentId, String sectionId) {
}
