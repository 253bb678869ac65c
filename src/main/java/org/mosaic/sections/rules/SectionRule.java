package org.mosaic.sections.rules;

import java.util.List;

import com.google.ortools.sat.Literal;
import org.mosaic.sections.Violation;

/**
 * One rule a school writes about its classes, in one place: how it judges a finished class list, how it is stated to
 * CP-SAT, whether a student may sit in a section at all, and the count arithmetic that shows it cannot hold. Rules on
 * counts per section ({@link CountingRule}) also give the local search and the repair an incremental test of a move.
 *
 * <p>Bounds: a rule that adds no term to a lower bound is still correct there, since adding constraints (or a
 * non-negative penalty) never lowers the minimum; the bounds of {@code org.mosaic.sections} use the built-in rules'
 * structure where it tightens them (co-taught and EL-certified families, gifted clusters) and ignore the others.
 */
public interface SectionRule {
    /** The rule's name, as violations, conflict messages and docs/sections.md give it. */
    String name();

    /** Hard: the classes must keep it. Soft: breaches cost their weight in the objective. */
    boolean hard();

    /** Every breach in a complete placement (the section index of each student), with the students concerned. */
    List<Violation> check(int[] section);

    /** Whether student i may sit in section s at all (rules that restrict where a student goes). */
    default boolean allows(int i, int s) {
        return true;
    }

    /** Whether this rule restricts where students go (so {@link #allows} must be asked). */
    default boolean restrictsPlacement() {
        return false;
    }

    /**
     * States the rule to CP-SAT: a hard rule as constraints behind {@code enforce} (the rule family's literal, so
     * that an infeasible model names it), a soft rule as penalties added to the objective.
     */
    void model(ModelContext m, Literal enforce);

    /** Count arithmetic showing that the rule cannot hold with these students and sections (empty when it may). */
    default List<String> conflicts() {
        return List.of();
    }

    /** Why student i had to sit where the rule let them (the placements' reason column); null when it did not bind. */
    default String reason(int i) {
        return null;
    }

    /** What the rule cannot do with these students kept together in one section (empty when it may). */
    default List<String> unitConflicts(int[] unit) {
        return List.of();
    }

    /** What the rule cannot do with student i locked into section s (empty when it may). */
    default List<String> lockConflicts(int i, int s) {
        return List.of();
    }
}
