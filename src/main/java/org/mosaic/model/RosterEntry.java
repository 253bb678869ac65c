package org.mosaic.model;

/** A student enrolled in a section. */
public record RosterEntry(String sectionId, String studentId) {
}
