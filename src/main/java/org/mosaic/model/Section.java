package org.mosaic.model;

import java.util.Objects;

/**
 * A class section: one teacher, one subject, one period. {@code level} is a label such as "advanced" or empty;
 * {@code coTaught} marks integrated co-teaching (special + general educator); {@code ellCertified} a teacher certified
 * for English learners. {@code course} and {@code term} carry the SIS's course and academic-session ids (OneRoster
 * sourcedIds) so that formed classes can be sent back to the SIS under the ids it knows; both may be empty.
 */
public record Section(String id, String schoolId, int grade, String subject, int capacity, String level,
                      boolean coTaught, boolean ellCertified, String period, String teacher, String course,
                      String term) {
    public Section {
        Objects.requireNonNull(id);
        level = level == null ? "" : level;
        period = period == null ? "" : period;
        teacher = teacher == null ? "" : teacher;
        course = course == null ? "" : course;
        term = term == null ? "" : term;
    }
}
