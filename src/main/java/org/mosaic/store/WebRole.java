package org.mosaic.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a web user may see: a district admin every school; a principal or counselor their school; a teacher their
 * sections. Stored by {@link #code()}.
 */
public enum WebRole {
    ADMIN, PRINCIPAL, COUNSELOR, TEACHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebRole> parse(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** Principals and counselors run their school: they build its classes and see its students by name. */
    public boolean runsASchool() {
        return this == PRINCIPAL || this == COUNSELOR;
    }
}
