package org.mosaic.sections;

/**
 * Every choice the pipeline makes by the tracking dial, in one place. Mixed (t = 0), middle (0 < t < 1) and tracked
 * (t = 1) classes need different starts, shares of the limit and bounds:
 *
 * @param snakeDraft     start from the snake deal (every dial below 1)
 * @param bandDraft      start from score bands (every dial above 0)
 * @param continuation   walk the band draft's search down the dial from 1 (middle dials)
 * @param exchangeShare  the local search's share of the limit: half in the middle of the dial, where the annealing
 *                       finds better classes per second than CP-SAT (Elmhurst at dial 0.8: 52.5 million with a
 *                       quarter, 49.6 million with half, in the same 5 s); a quarter tracked, where CP-SAT closes
 *                       the gap on a school; mixed classes need little (a short anneal balances the benchmark
 *                       750-student grade perfectly in 0.6 s, against 2.5 s with a quarter)
 * @param cpShare        CP-SAT's share: in the middle it mostly adds the bound, so the smaller share; tracked, half,
 *                       a quarter being left for the seat-aware bound after it
 * @param countBound     bound the count terms ({@link CountBound}); tracked classes pay no count term
 * @param pricedCover    bound with the priced interval cover ({@link LagrangianCover}) after the search (middle)
 * @param capacityCover  bound with the seat-aware cover ({@link CapacityCover}) after CP-SAT (tracked)
 * @param longerAnneal   on a large grade, anneal on while it improves (mixed): perfect balance usually exists and
 *                       CP-SAT may not find it (a 750-student grade one band count off stayed there for 56 s)
 */
record DialRegime(boolean snakeDraft, boolean bandDraft, boolean continuation, double exchangeShare, double cpShare,
                  boolean countBound, boolean pricedCover, boolean capacityCover, boolean longerAnneal) {
    /** Students × sections above which a grade is large for the mixed end's longer annealing (750 × 25 is). */
    static final long LARGE_GRADE = 5_000;

    static DialRegime of(SectionProblem p) {
        double t = p.tracking();
        boolean mixed = t <= 0;
        boolean tracked = t >= 1;
        boolean middle = !mixed && !tracked;
        return new DialRegime(!tracked, !mixed, middle, mixed ? 0.05 : middle ? 0.5 : 0.25,
                middle ? 0.2 : tracked ? 0.5 : 0.8, !tracked, middle, tracked,
                mixed && (long) p.pupils().size() * p.sections().size() > LARGE_GRADE);
    }
}
