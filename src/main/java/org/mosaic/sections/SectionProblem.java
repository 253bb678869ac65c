package org.mosaic.sections;

import java.util.List;
import java.util.Map;

/**
 * One class-formation problem: the students of one school, grade and subject (or a homeroom cohort), the sections to
 * fill, the requests and locks, and the rules. Pure data; {@link SectionSolver} solves it.
 */
public record SectionProblem(List<Pupil> pupils, List<Slot> sections, double tracking, int levels,
                             List<int[]> apart, List<int[]> together, Map<Integer, Integer> locks, Rules rules,
                             Weights weights, double timeLimit, int workers, long seed) {

    /** The same problem at another setting of the tracking dial. */
    public SectionProblem atDial(double dial) {
        return new SectionProblem(pupils, sections, dial, levels, apart, together, locks, rules, weights, timeLimit,
                workers, seed);
    }

    /** A student as the solver sees them. {@code accelerated}: from the grade below, placed up (flagged). */
    public record Pupil(String id, double score, boolean frl, String race, String gender, boolean ell, boolean iep,
                        boolean gifted, boolean behavior, boolean accelerated) {
    }

    /** A section to fill: capacity, minimum size and the attributes that hard rules use. */
    public record Slot(String id, int capacity, int minSize, boolean coTaught, boolean ellCertified, String level) {
    }

    /**
     * Hard rules and their defaults: IEP students only in co-taught sections, at most {@code iepShare} of a section
     * and {@code iepMax} students (New York's ICT rule: 40 % and 12); English learners only with an EL-certified
     * teacher; gifted students clustered {@code giftedMin}-{@code giftedMax} per cluster section and at most
     * {@code giftedShare} of it.
     */
    public record Rules(boolean clusterIep, double iepShare, int iepMax, boolean clusterEll, boolean clusterGifted,
                        int giftedMin, int giftedMax, double giftedShare) {
        public static Rules defaults() {
            return new Rules(true, 0.40, 12, true, true, 4, 8, 0.25);
        }
    }

    /**
     * Relative weights of the balance terms (0 turns one off). English learners and IEP students are balanced only
     * when their clustering rule is off: clustered, they are placed by the rule instead.
     */
    public record Weights(double gender, double frl, double race, double ell, double iep, double behavior,
                          double size) {
        public static Weights defaults() {
            return new Weights(1, 1, 1, 1, 1, 1, 1);
        }
    }
}
