package org.mosaic.model;

/**
 * Grades are plain ints so that "grade + 1" (acceleration, feeder transitions) is arithmetic.
 * Kindergarten is 0 and pre-kindergarten -1, as in the NCES Common Core of Data.
 */
public final class Grades {
    public static final int PRE_K = -1;
    public static final int K = 0;
    public static final int TWELFTH = 12;

    private Grades() {
    }

    /** Parses "PK", "K", "KG", "0".."12" (also OneRoster's "01".."12"); returns null when it is not a grade. */
    public static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toUpperCase();
        switch (t) {
            case "PK": case "PREK": case "PRE-K": case "-1":
                return PRE_K;
            case "K": case "KG": case "KN": case "0": case "00":
                return K;
            default:
                try {
                    int g = Integer.parseInt(t);
                    return g >= 1 && g <= TWELFTH ? g : null;
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    /** The label a person would write: "PK", "K", "1" … "12". */
    public static String label(int grade) {
        return grade == PRE_K ? "PK" : grade == K ? "K" : Integer.toString(grade);
    }

    /** OneRoster's two-digit grade codes: "PK", "KG", "01" … "12". */
    public static String oneRosterCode(int grade) {
        return grade == PRE_K ? "PK" : grade == K ? "KG" : String.format("%02d", grade);
    }
}
