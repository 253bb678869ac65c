package org.mosaic.model;

/** A student's priority class at a school: smaller wins (1 = sibling, say, before 2 = walk zone). */
public record Priority(String studentId, String schoolId, int priority) {
}
