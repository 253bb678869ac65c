package org.mosaic.sections.rules;

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
        PlacementShare co = rules.coTaught();
        PlacementShare el = rules.elCertified();
        ClusterShare cluster = rules.cluster();
        int[] kind = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = (co.on() && co.marks(i) ? CO_TAUGHT : 0) | (el.on() && el.marks(i) ? CERTIFIED : 0)
                    | (cluster.on() && cluster.marks(i) ? CLUSTERED : 0);
        }
        return kind;
    }

    /** Whether a section, opened by the placement rules in force as given, may take students of a kind. */
    public static boolean allowedIn(int kind, boolean coTaught, boolean certified) {
        return ((kind & CO_TAUGHT) == 0 || coTaught) && ((kind & CERTIFIED) == 0 || certified);
    }

    /** The section traits the bounds must tell apart under the rules in force ("true/false"), for families. */
    public static String traits(RuleSet rules, int s) {
        return (rules.coTaught().on() && rules.coTaught().opens(s)) + "/"
                + (rules.elCertified().on() && rules.elCertified().opens(s));
    }
}
