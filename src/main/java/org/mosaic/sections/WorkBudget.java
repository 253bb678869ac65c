package org.mosaic.sections;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one budget every phase of a solve spends from: the seconds of work that {@code --time-limit} buys
 * ({@link Effort}), charged phase by phase with what each phase counted (moves, CP-SAT work units, bound steps and
 * rounds, converted by {@link Effort}'s rates), never with a clock, so the same input gives the same decisions on any
 * machine. An optional phase starts only if its cost fits what is left ({@link #affords}); the first classes that keep
 * the rules are paid whatever the limit ({@link #spendRequired}), since a solve must return some.
 *
 * <p>Mutable, one per solve, used by the pipeline's thread only.
 */
final class WorkBudget {
    private final double total;
    private final Map<String, Double> optional = new LinkedHashMap<>();
    private final Map<String, Double> required = new LinkedHashMap<>();
    private double spent;

    WorkBudget(double seconds) {
        this.total = Math.max(0, seconds);
    }

    /** The seconds of work the limit buys. */
    double total() {
        return total;
    }

    /** What is left of it (never below 0). */
    double left() {
        return Math.max(0, total - spent);
    }

    /** Whether a phase costing {@code seconds} fits what is left. */
    boolean affords(double seconds) {
        return seconds <= left();
    }

    /** Charges an optional phase, which must have been affordable. */
    void spend(String phase, double seconds) {
        optional.merge(phase, seconds, Double::sum);
        spent += seconds;
    }

    /** Charges the work a solve cannot do without (the first rule-keeping classes), whatever the limit. */
    void spendRequired(String phase, double seconds) {
        required.merge(phase, seconds, Double::sum);
        spent += seconds;
    }

    /** Everything charged, in seconds of work. */
    double spent() {
        return spent;
    }

    /** Seconds charged to the required work (the first rule-keeping classes). */
    double required() {
        return required.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Optional phases by name, in the order they ran, with what each was charged. */
    Map<String, Double> optionalPhases() {
        return Collections.unmodifiableMap(optional);
    }

    /** Required work by name. */
    Map<String, Double> requiredPhases() {
        return Collections.unmodifiableMap(required);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "budget %.3f s: required %s, optional %s, left %.3f s", total,
                required, optional, left());
    }
}
