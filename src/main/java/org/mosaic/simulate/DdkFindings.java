package org.mosaic.simulate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Duflo, Dupas & Kremer's (2011) four findings and whether a simulated re-run of their experiment shows each
 * (docs/simulate.md): the command line's report and the web's scenarios page judge a re-run the same way.
 */
public final class DdkFindings {
    /** The tracking effect DDK report, about 0.14 SD; a re-run's mean inside this range reproduces it. */
    public static final double EFFECT_LOW = 0.10;
    public static final double EFFECT_HIGH = 0.20;

    private DdkFindings() {
    }

    /** Each finding, by its summary.json key, and whether the re-run's draws show it. */
    public static Map<String, Boolean> of(DdkExperiment.Result r) {
        Map<String, Boolean> t = new LinkedHashMap<>();
        double e = r.trackingEffect().mean();
        t.put("tracking_effect_between_0.10_and_0.20_sd", e >= EFFECT_LOW && e <= EFFECT_HIGH);
        t.put("every_quartile_gains", r.quartileEffects().stream().allMatch(q -> q.mean() > 0));
        t.put("median_gap_indistinguishable_from_zero", r.medianDiscontinuity().contains(0));
        t.put("peer_effect_positive_untracked", r.peerEffect().mean() > 0);
        return t;
    }
}
