package org.mosaic.model;

import java.util.List;

/**
 * Input the user can fix: malformed files, unknown ids, rules that contradict each other. The command line prints the
 * problems and exits with status 2; it never shows a stack trace for these.
 */
public class BadInputException extends RuntimeException {
    private final List<InputProblem> problems;
    private final long omitted;

    public BadInputException(List<InputProblem> problems, long omitted) {
        super(summary(problems, omitted));
        this.problems = List.copyOf(problems);
        this.omitted = omitted;
    }

    public BadInputException(List<InputProblem> problems) {
        this(problems, 0);
    }

    public BadInputException(String message) {
        this(List.of(InputProblem.general(message)), 0);
    }

    public List<InputProblem> problems() {
        return problems;
    }

    /** Problems found but not listed, because a file had more than the reporting cap. */
    public long omitted() {
        return omitted;
    }

    private static String summary(List<InputProblem> problems, long omitted) {
        StringBuilder sb = new StringBuilder();
        for (InputProblem p : problems) {
            if (sb.length() > 0) {
                sb.append(System.lineSeparator());
            }
            sb.append(p);
        }
        if (omitted > 0) {
            sb.append(System.lineSeparator()).append("... and ").append(omitted).append(" more problems not shown");
        }
        return sb.toString();
    }
}
