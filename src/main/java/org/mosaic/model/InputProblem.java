package org.mosaic.model;

/**
 * One thing wrong with a user's input, phrased so that the user can fix it: where (file, line, column), what was
 * there, and what was expected. {@code file} is empty and {@code line} 0 for problems that are not tied to a file
 * position (an infeasible set of rules, say).
 */
public record InputProblem(String file, long line, String column, String value, String expected) {
    public static InputProblem general(String message) {
        return new InputProblem("", 0, "", "", message);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!file.isEmpty()) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            if (!column.isEmpty()) {
                sb.append(" column ").append(column);
            }
            sb.append(": ");
        }
        if (!value.isEmpty() || !column.isEmpty()) {
            sb.append("found '").append(value).append("'; ");
        }
        sb.append(expected);
        return sb.toString();
    }
}
