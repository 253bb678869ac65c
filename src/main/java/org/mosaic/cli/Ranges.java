package org.mosaic.cli;

import java.util.Locale;

import org.mosaic.model.BadInputException;

/**
 * Range checks for numeric options, done before any work: a value out of range is exit 2 naming the option, the
 * value and the range, instead of being used (a negative draw count, zero threads, a time limit of 0).
 */
final class Ranges {
    private Ranges() {
    }

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new BadInputException(String.format(Locale.ROOT, "%s %d is out of range: use a whole number of at "
                    + "least %d", option, value, min));
        }
    }

    /** For options whose absence means "choose for me": checked only when given. */
    static void atLeast(String option, Integer value, long min) {
        if (value != null) {
            atLeast(option, (long) value, min);
        }
    }

    static void between(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BadInputException(String.format(Locale.ROOT, "%s %d is out of range: use a whole number from "
                    + "%d to %d", option, value, min, max));
        }
    }

    static void positive(String option, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s %s is out of range: use a number above 0 and at"
                    + " most %s", option, Double.toString(value), Double.toString(max)));
        }
    }

    static void atLeast(String option, Double value, double min) {
        if (value != null && !(value >= min && Double.isFinite(value))) {
            throw new BadInputException(String.format(Locale.ROOT, "%s %s is out of range: use a number of at least "
                    + "%s", option, value, Double.toString(min)));
        }
    }
}
