package org.mosaic.model;

import java.util.Map;
import java.util.Objects;

/**
 * One student. {@code sesTier} is 1 (lowest) to 4 (highest), from the census tract of the home address as in Chicago's
 * selective-enrollment tiers; 0 when unknown. {@code behavior} marks students whose placement a counselor wants spread
 * out. Names are optional and only used on printed rosters; they are never logged. {@code attributes}: the
 * extra columns of students.csv (a school's own flags such as {@code leader} or {@code support}), by column name;
 * class-formation rules and balance weights can name them (docs/formats.md).
 */
public record Student(String id, int grade, String schoolId, Location home, String zone, String tract, boolean frl,
                      Race race, Gender gender, boolean ell, boolean iep, boolean gifted, int sesTier,
                      boolean behavior, String givenName, String familyName, Map<String, String> attributes) {
    /** A student without extra columns. */
    public Student(String id, int grade, String schoolId, Location home, String zone, String tract, boolean frl,
                   Race race, Gender gender, boolean ell, boolean iep, boolean gifted, int sesTier, boolean behavior,
                   String givenName, String familyName) {
        this(id, grade, schoolId, home, zone, tract, frl, race, gender, ell, iep, gifted, sesTier, behavior, givenName,
                familyName, Map.of());
    }

    public Student {
        Objects.requireNonNull(id);
        Objects.requireNonNull(race);
        Objects.requireNonNull(gender);
        schoolId = schoolId == null ? "" : schoolId;
        zone = zone == null ? "" : zone;
        tract = tract == null ? "" : tract;
        givenName = givenName == null ? "" : givenName;
        familyName = familyName == null ? "" : familyName;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (sesTier < 0 || sesTier > 4) {
            throw new IllegalArgumentException("ses tier must be 0..4");
        }
    }

    public Student withSchool(String newSchoolId) {
        return new Student(id, grade, newSchoolId, home, zone, tract, frl, race, gender, ell, iep, gifted, sesTier,
                behavior, givenName, familyName, attributes);
    }
}
