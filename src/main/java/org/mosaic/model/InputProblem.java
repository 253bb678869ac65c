package org.mosaic.model;

/**
 * One thing wrong with a user's input, phrased so that the user can fix it: where (file, line, column), what was
 * there, and what was expected. {@code file} is empty and {@code line} 0 for problems that are not tied to a file
 * position (an infeasible set of rules, say); {@code columnNumber} is 1-based, 0 when unknown.
 */
public record InputProblem(String file, long line, String column, int columnNumber, String value, String expected) {
    /** Stands for the value of a personal column (see {@link PersonalData}), which is never kept or shown. */
    public static final String NOT_SHOWN = "\u0000not shown";

    public InputProblem {
        file = file == null ? "" : file;
        column = column == null ? "" : column;
        value = value == null ? "" : value;
        expected = expected == null ? "" : expected;
        if (!value.isEmpty() && PersonalData.isPersonal(column)) {
            value = NOT_SHOWN;
        }
    }

    public InputProblem(String file, long line, String column, String value, String expected) {
        this(file, line, column, 0, value, expected);
    }

    public static InputProblem general(String message) {
        return new InputProblem("", 0, "", 0, "", message);
    }

    /** e.g. {@code students.csv, line 3, column 2 (grade): found 'thirteen'; expected a grade: PK, K, or 1 to 12}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        boolean located = !file.isEmpty();
        if (located) {
            sb.append(file);
            if (line > 0) {
                sb.append(", line ").append(line);
            }
            if (!column.isEmpty()) {
                sb.append(", column ");
                sb.append(columnNumber > 0 ? columnNumber + " (" + column + ")" : column);
            }
            sb.append(": ");
        }
        if (!column.isEmpty() || !value.isEmpty()) {
            sb.append(value.isEmpty() ? "found an empty value" : value.equals(NOT_SHOWN)
                    ? "found a value not shown here (" + column + " is personal data)" : "found '" + shorten(value) + "'");
            sb.append("; expected ").append(expected);
        } else {
            sb.append(expected);
        }
        return sb.toString();
    }

    private static String shorten(String v) {
        StringBuilder sb = new StringBuilder();
        v.codePoints().forEach(c -> {
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (Character.isISOControl(c)) {
                // a terminal must never receive a raw escape sequence from a file
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        String oneLine = sb.toString();
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
