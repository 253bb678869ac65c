package org.mosaic.enroll;

/** How applications become assignments. */
public enum Mechanism {
    /** Student-proposing deferred acceptance (Gale & Shapley 1962): stable, strategy-proof for families. */
    DA,
    /** Immediate acceptance ("Boston"): first choices are served first; rewards ranking strategically. */
    BOSTON,
    /** Top trading cycles as published (Abdulkadiroğlu & Sönmez 2003): Pareto efficient, strategy-proof, not stable. */
    TTC
}
