package org.mosaic.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One assessment result. {@code strand} is empty for the overall subject score and names a skill strand
 * (e.g. "fractions") otherwise; {@code term} is empty for the annual score and names a window ("fall", "winter",
 * "spring", "unit-3") otherwise. {@code gradeEquivalent} is the grade level the score corresponds to (6.0 = start of
 * grade 6), when the assessment reports one.
 */
public record Score(String studentId, String subject, String strand, int year, String term, double scale,
                    OptionalDouble gradeEquivalent) {
    public Score {
        Objects.requireNonNull(studentId);
        Objects.requireNonNull(subject);
        strand = strand == null ? "" : strand;
        term = term == null ? "" : term;
        gradeEquivalent = gradeEquivalent == null ? OptionalDouble.empty() : gradeEquivalent;
    }

    public static Score annual(String studentId, String subject, int year, double scale) {
        return new Score(studentId, subject, "", year, "", scale, OptionalDouble.empty());
    }
}
