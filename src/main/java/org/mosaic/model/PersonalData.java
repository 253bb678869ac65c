package org.mosaic.model;

import java.util.Locale;
import java.util.Set;

/**
 * Columns whose values are personal student data (names, home location, race and ethnicity, FRL, IEP, EL, gifted,
 * scores, ...). Error messages never echo their values: they name file, line, column and the student id only, so a
 * terminal, a log or a support e-mail carries no student record.
 */
public final class PersonalData {
    private static final Set<String> COLUMNS = Set.of(
            // Mosaic CSV
            "given_name", "family_name", "x", "y", "zone", "tract", "frl", "race", "gender", "ell", "iep", "gifted",
            "ses_tier", "behavior", "score", "grade_equivalent",
            // OneRoster users.csv and demographics.csv
            "givenname", "familyname", "middlename", "preferredfirstname", "preferredmiddlename",
            "preferredlastname", "email", "sms", "phone", "username", "userids", "password", "birthdate", "sex",
            "americanindianoralaskanative", "asian", "blackorafricanamerican", "nativehawaiianorotherpacificislander",
            "white", "demographicracetwoormoreraces", "hispanicorlatinoethnicity", "countryofbirthcode",
            "stateofbirthabbreviation", "cityofbirth", "publicschoolresidencestatus");

    private PersonalData() {
    }

    /** True for a column whose values must not appear in messages; OneRoster's metadata.* columns all count. */
    public static boolean isPersonal(String column) {
        if (column == null) {
            return false;
        }
        String c = column.trim().toLowerCase(Locale.ROOT);
        return c.startsWith("metadata.") || COLUMNS.contains(c);
    }
}
