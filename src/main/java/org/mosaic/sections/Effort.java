package org.mosaic.sections;

/**
 * What {@code --time-limit} buys, as deterministic amounts of work: CP-SAT work units (deterministic time, with a fixed
 * number of workers), candidate moves for the local search, and rounds or steps for the bounds. None of these reads a
 * clock, so the same input, options and seed give the same classes, objective and bound on any machine; the rates
 * below make a solve take about the limit on a quiet two-core machine (docs/sections.md, "Time limit"). A slower or
 * busier machine takes longer for the same answer. The only clock is {@link SafetyStop}, recorded when it fires.
 *
 * <p>Every amount is proportional to the limit, without a floor of a whole second: {@code --time-limit 0.01} does
 * the drafts, their repair and a few thousand moves, and stops.
 */
record Effort(double seconds) {
    /*
     * Measured in process CPU time (mosaic.solverLog prints it with each phase) on Elmhurst's grade 6, 125 students
     * in 4 sections, on the shared machine: a unit of CP-SAT's interleaved portfolio took 2.3 CPU s on its two
     * workers (1.2 s of a quiet two-core machine); the exchange search looked at 5.7 million moves a CPU second; a
     * round of the seat-aware bound took 0.26 s and a step of the priced cover 0.035 s. What a solve does before
     * any search (the count and range bounds, about 0.8 s there) is not counted against the limit.
     */

    /** CP-SAT work units per second of the limit. */
    static final double CP_UNITS_PER_SECOND = 0.8;

    /** Candidate moves of the exchange search per second of the limit at a share of 1. */
    static final double MOVES_PER_SECOND = 6e6;

    /** Column-generation rounds of the seat-aware bound per second of the limit, at most {@link #MAX_ROUNDS}. */
    static final double ROUNDS_PER_SECOND = 1;

    static final int MAX_ROUNDS = 200;

    /** Subgradient steps of the priced cover per second of the limit, at most {@link #MAX_PRICE_STEPS}. */
    static final double PRICE_STEPS_PER_SECOND = 6;

    static final int MAX_PRICE_STEPS = 40;

    static Effort of(SectionProblem p) {
        return new Effort(Math.max(0, p.timeLimit()));
    }

    /** CP-SAT work units for a phase given {@code share} of the limit. */
    double cpUnits(double share) {
        return Math.max(1e-3, share * seconds * CP_UNITS_PER_SECOND);
    }

    /** Candidate moves for the exchange search given {@code share} of the limit. */
    long moves(double share) {
        return Math.max(1_000, Math.round(share * seconds * MOVES_PER_SECOND));
    }

    /** Rounds for the seat-aware bound (0: skip it). */
    int coverRounds() {
        return (int) Math.min(MAX_ROUNDS, Math.round(ROUNDS_PER_SECOND * seconds));
    }

    /** Subgradient steps for the priced cover (0: skip it). */
    int priceSteps() {
        return (int) Math.min(MAX_PRICE_STEPS, Math.round(PRICE_STEPS_PER_SECOND * seconds));
    }

    /**
     * Work units for the count bound's band model: a fiftieth of the limit, at least a tenth of a unit when the limit
     * allows (a 750-student grade needs 0.03), at most 2.
     */
    double countUnits() {
        return Math.min(2, Math.max(seconds / 50, Math.min(0.1, seconds / 10)));
    }

    /**
     * The wall-clock safety stop, in seconds from the start of the solve: far beyond what the deterministic work takes
     * on any machine that is merely busy (a CPU hog on every core triples it), so that it fires only on a machine
     * that can no longer run the solve at all.
     */
    double safetySeconds() {
        return 60 + 10 * seconds;
    }
}
