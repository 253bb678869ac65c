package org.mosaic.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Race/ethnicity in OneRoster's demographic categories, reduced to one category per student the way NCES reports
 * enrollment: Hispanic/Latino of any race counts as Hispanic, more than one race as two-or-more.
 */
public enum Race {
    AMERICAN_INDIAN("americanIndianOrAlaskaNative", "american_indian"),
    ASIAN("asian", "asian"),
    BLACK("blackOrAfricanAmerican", "black"),
    PACIFIC_ISLANDER("nativeHawaiianOrOtherPacificIslander", "pacific_islander"),
    WHITE("white", "white"),
    TWO_OR_MORE("demographicRaceTwoOrMoreRaces", "two_or_more"),
    HISPANIC("hispanicOrLatinoEthnicity", "hispanic");

    private final String oneRosterField;
    private final String code;

    Race(String oneRosterField, String code) {
        this.oneRosterField = oneRosterField;
        this.code = code;
    }

    /** The column name in OneRoster's demographics.csv. */
    public String oneRosterField() {
        return oneRosterField;
    }

    /** The value written in Mosaic's students.csv. */
    public String code() {
        return code;
    }

    /** Accepts Mosaic codes and OneRoster field names, case-insensitively. */
    public static Optional<Race> parse(String text) {
        String t = text == null ? "" : text.trim();
        return Arrays.stream(values())
                .filter(r -> r.code.equalsIgnoreCase(t) || r.oneRosterField.equalsIgnoreCase(t))
                .findFirst();
    }

    public static String allowed() {
        return String.join(" | ", Arrays.stream(values()).map(Race::code).toList());
    }
}
