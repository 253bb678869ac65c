package org.mosaic.store;

/** A run's output: the school a student was assigned to (empty when unassigned), and why (e.g. "choice 2"). */
public record Assignment(String studentId, String schoolId, String reason) {
    public Assignment {
        schoolId = schoolId == null ? "" : schoolId;
        reason = reason == null ? "" : reason;
    }
}
