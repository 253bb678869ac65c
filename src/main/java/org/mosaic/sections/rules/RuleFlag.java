package org.mosaic.sections.rules;

import java.util.function.Predicate;

import org.mosaic.sections.SectionProblem;

/**
 * The student flags the built-in placement and cluster rules act on, in the order class tables show their counts.
 * Statistics count students per class by iterating these, so that which flags the rules know has one home, here.
 */
public enum RuleFlag {
    /** Students with an IEP: placed by the co-taught rule. */
    IEP("iep", SectionProblem.Pupil::iep),
    /** English learners: placed by the EL-certified rule. */
    ELL("ell", SectionProblem.Pupil::ell),
    /** Gifted students: gathered by the cluster rule. */
    GIFTED("gifted", SectionProblem.Pupil::gifted);

    private final String column;
    private final Predicate<SectionProblem.Pupil> marks;

    RuleFlag(String column, Predicate<SectionProblem.Pupil> marks) {
        this.column = column;
        this.marks = marks;
    }

    /** The name of its count in tables and JSON ("iep", "ell", "gifted"). */
    public String column() {
        return column;
    }

    /** Whether a pupil carries the flag. */
    public boolean marks(SectionProblem.Pupil p) {
        return marks.test(p);
    }
}
