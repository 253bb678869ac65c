package org.mosaic.model;

import java.util.Objects;

/**
 * One line of a student's enrollment history: the school and grade a student was enrolled in during a school year
 * (the year its spring falls in, as scores use). The history is what growth models and feeder flows are built from.
 */
public record Enrollment(String studentId, int year, String schoolId, int grade) {
    public Enrollment {
        Objects.requireNonNull(studentId);
        Objects.requireNonNull(schoolId);
    }
}
