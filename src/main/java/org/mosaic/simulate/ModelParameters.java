package org.mosaic.simulate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning model's parameters (docs/simulate.md), in grade-level units: 1.0 is one school year of learning.
 * <ul>
 *   <li>{@code baseGain}: a year's gain when instruction misses the student entirely;</li>
 *   <li>{@code fitGain}, {@code fitWidth}: the extra gain of a student taught exactly at their level, falling as a
 *       Gaussian of the distance to the instruction level with this width;</li>
 *   <li>{@code peerEffect}: gain per grade level of the classmates' mean prior above the grade's on-level mark;</li>
 *   <li>{@code teacherAim}, {@code aimThreshold}: the teacher's payoff weighs each student at or above the threshold
 *       (grade levels relative to on-level) {@code 1 + teacherAim} times, so the teacher aims higher (DDK 2011);</li>
 *   <li>{@code schoolSd}: standard deviation of the school effect on a year's gain;</li>
 *   <li>{@code noiseSd}: standard deviation of a student's idiosyncratic yearly gain.</li>
 * </ul>
 */
public record ModelParameters(String name, double baseGain, double fitGain, double fitWidth, double peerEffect,
                              double teacherAim, double aimThreshold, double schoolSd, double noiseSd) {

    /** The keys of the scenario file's {@code parameters:} block, in the order of the record. */
    public static final List<String> KEYS = List.of("base_gain", "fit_gain", "fit_width", "peer_effect",
            "teacher_aim", "aim_threshold", "school_sd", "noise_sd");

    /** The allowed range of each key: wide enough for any sensitivity analysis, narrow enough to catch typos. */
    private static final Map<String, double[]> RANGES = Map.of(
            "base_gain", new double[] {-1, 3},
            "fit_gain", new double[] {0, 3},
            "fit_width", new double[] {0.05, 5},
            "peer_effect", new double[] {-1, 1},
            "teacher_aim", new double[] {0, 50},
            "aim_threshold", new double[] {-5, 5},
            "school_sd", new double[] {0, 2},
            "noise_sd", new double[] {0, 3});

    /** The names of the shipped parameter sets. */
    public static final List<String> SETS = List.of("ddk2011", "hoxby2000");

    public ModelParameters {
        for (String key : KEYS) {
            String problem = rangeProblem(key, valueOf(key, baseGain, fitGain, fitWidth, peerEffect, teacherAim,
                    aimThreshold, schoolSd, noiseSd));
            if (problem != null) {
                throw new IllegalArgumentException(key + ": " + problem);
            }
        }
    }

    /**
     * {@code ddk2011}: calibrated so that the DDK setting (docs/simulate.md) reproduces Duflo, Dupas &amp; Kremer
     * (2011): a tracking effect near 0.14 SD, gains in every quartile, no gap at the median, a positive peer effect.
     * {@code hoxby2000}: the same teaching channel with the direct peer effect raised to 0.25 grade levels per grade
     * level of classmates' mean prior, inside the 0.15-0.4 points per point of peers' reading scores that Hoxby (2000,
     * NBER WP 7867) estimates from cohort-to-cohort variation in Texas elementary schools.
     */
    public static ModelParameters named(String set) {
        return switch (set) {
            case "ddk2011" -> new ModelParameters("ddk2011", 0.55, 0.60, 0.80, 0.10, 4.0, -0.5, 0.08, 0.35);
            case "hoxby2000" -> new ModelParameters("hoxby2000", 0.55, 0.60, 0.80, 0.25, 4.0, -0.5, 0.08, 0.35);
            default -> throw new IllegalArgumentException("unknown parameter set '" + set + "'; the sets are: "
                    + String.join(", ", SETS));
        };
    }

    /**
     * The study the parameter set is calibrated to (see {@link #named}), for reports that show which set ran; a set
     * with overrides keeps its base set's citation, its name saying it was changed.
     */
    public String citation() {
        if (name.startsWith("hoxby2000")) {
            return "Hoxby, C. (2000). Peer effects in the classroom: learning from gender and race variation. NBER "
                    + "Working Paper 7867 (peer effect); teaching channel as Duflo, Dupas & Kremer (2011)";
        }
        return "Duflo, E., Dupas, P. & Kremer, M. (2011). Peer effects, teacher incentives, and the impact of "
                + "tracking: evidence from a randomized evaluation in Kenya. American Economic Review 101(5), "
                + "1739-1774";
    }

    /** Null when {@code value} is allowed for {@code key}, else what is expected (unknown keys included). */
    public static String rangeProblem(String key, double value) {
        double[] r = RANGES.get(key);
        if (r == null) {
            return "a model parameter: one of " + String.join(", ", KEYS);
        }
        if (!(value >= r[0] && value <= r[1])) {
            return "a number from " + fmt(r[0]) + " to " + fmt(r[1]);
        }
        return null;
    }

    /** A copy with one parameter replaced; the name records that it was changed. */
    public ModelParameters with(String key, double value) {
        String problem = rangeProblem(key, value);
        if (problem != null) {
            throw new IllegalArgumentException(key + " = " + value + ": expected " + problem);
        }
        double[] v = values();
        v[KEYS.indexOf(key)] = value;
        String renamed = name.endsWith("+overrides") ? name : name + "+overrides";
        return new ModelParameters(renamed, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    public double get(String key) {
        int i = KEYS.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("unknown parameter " + key);
        }
        return values()[i];
    }

    /** Name and every value, for summary.json and the report. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        double[] v = values();
        for (int i = 0; i < KEYS.size(); i++) {
            m.put(KEYS.get(i), v[i]);
        }
        return m;
    }

    private double[] values() {
        return new double[] {baseGain, fitGain, fitWidth, peerEffect, teacherAim, aimThreshold, schoolSd, noiseSd};
    }

    private static double valueOf(String key, double... v) {
        return v[KEYS.indexOf(key)];
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
