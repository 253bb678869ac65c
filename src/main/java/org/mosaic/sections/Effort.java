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

    /*
     * What each phase costs, in seconds of a quiet two-core machine, as a function of what it counts and of the
     * grade's size (students × sections, "cells"): measured in process CPU time at cold start (a CLI run is one solve
     * in a fresh JVM) on the 750-student benchmark grade (18,750 cells), Elmhurst's grade 6 (500 cells) and the
     * textbook grade (2,544 cells), with the larger of the measurements where they disagree, so that a phase
     * started within the budget ends within it. Single-threaded phases take their CPU time in wall time; CP-SAT's two
     * workers take half of theirs, but building and presolving its model is one thread's work.
     */

    /** Exchange-search and rule-repair moves per second, cold (the 750-student grade: 2.2-4 million a CPU second). */
    static final double SEARCH_MOVES_PER_SECOND = 3e6;

    /** A local search's set-up (rule tables, allowed sections, start's costs), per cell, and its fixed part. */
    static final double SEARCH_SETUP_PER_CELL = 5e-6;

    static final double SEARCH_SETUP = 0.02;

    /**
     * Building and presolving a CP-SAT model over placements, which its deterministic time does not count: 2.5-4.5
     * CPU s on the 750-student grade, about 0.5 on Elmhurst's.
     */
    static final double CP_MODEL_PER_CELL = 1.5e-4;

    static final double CP_MODEL = 0.3;

    /** The count bound: CP-SAT's first call in the process, and each count model (bands, each attribute, sizes). */
    static final double COUNT_BOUND = 0.1;

    static final double COUNT_MODEL = 0.08;

    /** The interval cover: its interval costs grow with the distinct scores times the sections' kinds. */
    static final double COVER_BOUND = 0.15;

    static final double COVER_BOUND_PER_CELL = 2e-5;

    /** The rule-aware range bound's dynamic programs. */
    static final double RANGE_BOUND = 0.01;

    static final double RANGE_BOUND_PER_CELL = 1e-6;

    /** A subgradient step of the priced cover (0.155 s on the 750-student grade, 0.08 on Elmhurst's). */
    static final double PRICE_STEP = 0.08;

    static final double PRICE_STEP_PER_CELL = 4e-6;

    /** The seat-aware cover's set-up and each round (1.8 CPU s for one round on the 750-student grade). */
    static final double CAPACITY_SETUP = 0.3;

    static final double CAPACITY_ROUND = 0.25;

    static final double CAPACITY_ROUND_PER_CELL = 9e-5;

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

    /** Seconds of a local search (exchange or repair) that evaluates {@code moves} moves on a grade of {@code cells}. */
    static double searchSeconds(long moves, long cells) {
        return SEARCH_SETUP + SEARCH_SETUP_PER_CELL * cells + moves / SEARCH_MOVES_PER_SECOND;
    }

    /** The moves a local search can evaluate in {@code seconds} after its set-up (0 if the set-up does not fit). */
    static long movesFor(double seconds, long cells) {
        return Math.max(0, (long) ((seconds - SEARCH_SETUP - SEARCH_SETUP_PER_CELL * cells) * SEARCH_MOVES_PER_SECOND));
    }

    /** Seconds of a CP-SAT solve over placements given {@code units} work units. */
    static double cpSeconds(double units, long cells) {
        return cpModelSeconds(cells) + units / CP_UNITS_PER_SECOND;
    }

    /** Seconds of building and presolving the placement model alone. */
    static double cpModelSeconds(long cells) {
        return CP_MODEL + CP_MODEL_PER_CELL * cells;
    }

    /** Work units a CP-SAT solve can use in {@code seconds} after its model is built (0 if that does not fit). */
    static double unitsFor(double seconds, long cells) {
        return Math.max(0, (seconds - cpModelSeconds(cells)) * CP_UNITS_PER_SECOND);
    }

    /** Seconds of the count bound with {@code models} count models given {@code units} work units in all. */
    static double countBoundSeconds(int models, double units) {
        return COUNT_BOUND + COUNT_MODEL * models + units / CP_UNITS_PER_SECOND;
    }

    static double coverBoundSeconds(long cells) {
        return COVER_BOUND + COVER_BOUND_PER_CELL * cells;
    }

    static double rangeBoundSeconds(long cells) {
        return RANGE_BOUND + RANGE_BOUND_PER_CELL * cells;
    }

    static double priceStepSeconds(long cells) {
        return PRICE_STEP + PRICE_STEP_PER_CELL * cells;
    }

    static double capacitySeconds(int rounds, long cells) {
        return rounds == 0 ? 0 : CAPACITY_SETUP + rounds * (CAPACITY_ROUND + CAPACITY_ROUND_PER_CELL * cells);
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
