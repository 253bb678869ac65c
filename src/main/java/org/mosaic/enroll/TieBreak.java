package org.mosaic.enroll;

/** Lottery design (Abdulkadiroğlu, Pathak & Roth 2009). */
public enum TieBreak {
    /** One number per student, used at every school: fewer blocking pairs among tied students. */
    SINGLE,
    /** A separate number per student and school. */
    MULTIPLE
}
