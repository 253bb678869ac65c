package org.mosaic.model;

import java.util.Optional;

/** OneRoster 1.2's sex vocabulary (1.1 has only male and female). */
public enum Gender {
    FEMALE("female", "F"), MALE("male", "M"), OTHER("other", "X"), UNSPECIFIED("unspecified", "U");

    private final String code;
    private final String letter;

    Gender(String code, String letter) {
        this.code = code;
        this.letter = letter;
    }

    public String code() {
        return code;
    }

    public static Optional<Gender> parse(String text) {
        String t = text == null ? "" : text.trim();
        for (Gender g : values()) {
            if (g.code.equalsIgnoreCase(t) || g.letter.equalsIgnoreCase(t)) {
                return Optional.of(g);
            }
        }
        return t.isEmpty() ? Optional.of(UNSPECIFIED) : Optional.empty();
    }
}
