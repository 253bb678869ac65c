package org.mosaic.sections;

import java.util.List;

/**
 * The hard-rule families a complete placement breaks, as the solver checks them (capacity and minimum size,
 * keep-apart and keep-together requests, IEP and EL placement, gifted clusters, locks, levels): for callers outside
 * this package that score hand-made classes, such as the web class builder.
 */
public final class BrokenRules {
    private BrokenRules() {
    }

    /** Empty when {@code section} (a section index per pupil) keeps every rule. */
    public static List<String> of(SectionProblem p, int[] section) {
        return PlacementRules.violations(p, section);
    }
}
