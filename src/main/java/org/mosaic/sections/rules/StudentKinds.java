package org.mosaic.sections.rules;

import java.util.List;

/**
 * The kinds of student the rule-aware bounds tell apart, as bits, from the rules' shares: placed by the co-taught
 * rule, placed by the EL-certified rule, clustered by the gifted rule. A bit is set only while its rule is in force,
 * so with a rule off its students are like any other.
 */
public final class StudentKinds {
    /** Placed by the first placement rule (co-taught, with a cap per section). */
    public static final int CO_TAUGHT = 1;
    /** Placed by the second placement rule (EL-certified, no cap). */
    public static final int CERTIFIED = 2;
    /** Gathered by the cluster rule. */
    public static final int CLUSTERED = 4;
    /** Every combination of the bits. */
    public static final int KINDS = 8;

    private StudentKinds() {
    }

    /** Each of n students' kind. */
    public static int[] of(RuleSet rules, int n) {
        List<PlacementShare> placed = rules.placements();
        ClusterShare cluster = rules.cluster();
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            // Bit j for the j-th placement rule (CO_TAUGHT, CERTIFIED), the next one for the cluster rule.
            for (int j = 0; j < placed.size(); j++) {
                kind[i] |= placed.get(j).on() && placed.get(j).marks(i) ? 1 << j : 0;
            }
            kind[i] |= cluster.on() && cluster.marks(i) ? 1 << placed.size() : 0;
        }
        return kind;
    }

    /** Whether a section, opened by the placement rules in force as given, may take students of a kind. */
    public static boolean allowedIn(int kind, boolean coTaught, boolean certified) {
        return ((kind & CO_TAUGHT) == 0 || coTaught) && ((kind & CERTIFIED) == 0 || certified);
    }

    /** The section traits the bounds must tell apart under the rules in force ("true/false"), for families. */
    public static String traits(RuleSet rules, int s) {
        StringBuilder key = new StringBuilder();
        for (PlacementShare r : rules.placements()) {
            key.append(key.length() == 0 ? "" : "/").append(r.on() && r.opens(s));
        }
        return key.toString();
    }
}
