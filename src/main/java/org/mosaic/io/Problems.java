package org.mosaic.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.model.BadInputException;
import org.mosaic.model.InputProblem;

/**
 * Collects every problem of an import so the user sees them all at once instead of fixing one per run. Each file
 * lists at most {@link #PER_FILE_CAP}; the rest are counted.
 */
public final class Problems {
    public static final int PER_FILE_CAP = 25;

    private final List<InputProblem> shown = new ArrayList<>();
    private final Map<String, Integer> perFile = new HashMap<>();
    private long omitted;
    private final java.util.Set<String> unreadable = new java.util.HashSet<>();

    public void add(InputProblem problem) {
        int n = perFile.merge(problem.file(), 1, Integer::sum);
        if (n <= PER_FILE_CAP) {
            shown.add(problem);
        } else {
            omitted++;
        }
    }

    public void add(String file, long line, String column, String value, String expected) {
        add(new InputProblem(file, line, column, value, expected));
    }

    /** Records that {@code file}'s rows could not be read (bad header, not UTF-8, ...), so checks against it stop. */
    public void unreadable(String file) {
        unreadable.add(file);
    }

    /** True when {@code file} was read in full: references to its ids can be checked. */
    public boolean readable(String file) {
        return !unreadable.contains(file);
    }

    public boolean isEmpty() {
        return shown.isEmpty() && omitted == 0;
    }

    public int count() {
        return shown.size() + (int) Math.min(Integer.MAX_VALUE, omitted);
    }

    public List<InputProblem> list() {
        return List.copyOf(shown);
    }

    /** Ends an all-or-nothing import: throws if anything was wrong. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new BadInputException(shown, omitted);
        }
    }
}
