package org.mosaic.measure;

/**
 * Segregation among ordered categories (SES quintiles, score bands), after Reardon (2009), "Measures of ordinal
 * segregation": ordinal variation v = 1/(K−1) Σ_{k<K} f(c_k) over the cumulative proportions c_k, and the index
 * Λ = 1 − Σ_u (t_u/T) v_u / v. Categories must be given in order, lowest first.
 */
public final class OrdinalSegregation {
    /** The two variation functions of Reardon (2009). */
    public enum Kind {
        /** f(c) = −[c log₂ c + (1−c) log₂(1−c)]: the ordinal information theory index Λ_T. */
        INFORMATION,
        /** f(c) = 4c(1−c): the ordinal variation ratio index Λ_R. */
        VARIATION_RATIO
    }

    private OrdinalSegregation() {
    }

    public static double index(GroupUnitTable t, Kind kind) {
        int k = t.groupCount();
        if (k < 2) {
            return 0;
        }
        double total = t.total();
        double overall = variation(t.groupTotals(), total, kind);
        if (overall <= 0) {
            return 0;
        }
        double[] tu = t.unitTotals();
        double within = 0;
        double[] row = new double[k];
        for (int u = 0; u < t.unitCount(); u++) {
            if (tu[u] <= 0) {
                continue;
            }
            for (int g = 0; g < k; g++) {
                row[g] = t.count(u, g);
            }
            within += tu[u] / total * variation(row, tu[u], kind);
        }
        return 1 - within / overall;
    }

    static double variation(double[] counts, double total, Kind kind) {
        int k = counts.length;
        double cum = 0;
        double v = 0;
        for (int g = 0; g < k - 1; g++) {
            cum += counts[g];
            double c = Math.min(1, Math.max(0, cum / total));
            v += kind == Kind.INFORMATION ? binaryEntropy(c) : 4 * c * (1 - c);
        }
        return v / (k - 1);
    }

    private static double binaryEntropy(double c) {
        if (c <= 0 || c >= 1) {
            return 0;
        }
        return -(c * Math.log(c) + (1 - c) * Math.log(1 - c)) / Math.log(2);
    }
}
