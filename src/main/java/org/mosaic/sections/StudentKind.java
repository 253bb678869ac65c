package org.mosaic.sections;

/**
 * The kinds of student the rule-aware bounds ({@link CapacityCover}, {@link LagrangianCover}) tell apart, as bits:
 * an IEP student under the co-taught rule, an English learner under the EL-certified rule, a gifted student under the
 * cluster rule. A bit is set only while its rule is on, so with a rule off its students are like any other.
 */
final class StudentKind {
    static final int IEP = 1;
    static final int EL = 2;
    static final int GIFTED = 4;
    /** Every combination of the bits. */
    static final int KINDS = 8;

    private StudentKind() {
    }

    /** Each student's kind. */
    static int[] of(SectionProblem p) {
        boolean iep = PlacementRules.iepActive(p);
        boolean ell = PlacementRules.ellActive(p);
        boolean gifted = PlacementRules.giftedActive(p);
        int[] kind = new int[p.pupils().size()];
        for (int i = 0; i < kind.length; i++) {
            SectionProblem.Pupil pu = p.pupils().get(i);
            kind[i] = (iep && pu.iep() ? IEP : 0) | (ell && pu.ell() ? EL : 0) | (gifted && pu.gifted() ? GIFTED : 0);
        }
        return kind;
    }

    /** Whether a section, co-taught and EL-certified as given (under the rules), may take students of a kind. */
    static boolean allowedIn(int kind, boolean coTaught, boolean certified) {
        return ((kind & IEP) == 0 || coTaught) && ((kind & EL) == 0 || certified);
    }
}
