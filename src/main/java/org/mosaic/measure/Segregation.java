package org.mosaic.measure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Segregation indices of a group × unit table. Information-theory indices use natural logarithms, as the R package
 * {@code segregation} does (Elbers 2023), so M and H match its published values. References per index in
 * docs/measure.md.
 */
public final class Segregation {
    private Segregation() {
    }

    /** Shannon entropy (natural log) of a distribution given by non-negative weights. */
    public static double entropy(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (total <= 0) {
            return 0;
        }
        double e = 0;
        for (double w : weights) {
            if (w > 0) {
                double p = w / total;
                e -= p * Math.log(p);
            }
        }
        return e;
    }

    /**
     * Mutual information index M = Σ_u p_u Σ_g p_{g|u} ln(p_{g|u} / p_g) (Theil & Finizza 1971; Mora & Ruiz-Castillo
     * 2011): how much knowing a student's unit tells about their group.
     */
    public static double mutualInformation(GroupUnitTable t) {
        double total = t.total();
        if (total <= 0) {
            return 0;
        }
        double[] pg = t.groupTotals();
        double[] tu = t.unitTotals();
        double m = 0;
        for (int u = 0; u < t.unitCount(); u++) {
            if (tu[u] <= 0) {
                continue;
            }
            for (int g = 0; g < t.groupCount(); g++) {
                double c = t.count(u, g);
                if (c > 0) {
                    // p_ug * ln(p_ug / (p_u p_g)) with p = count / total
                    m += c * Math.log(c * total / (tu[u] * pg[g]));
                }
            }
        }
        return Math.max(0, m / total);
    }

    /** Theil's information index H = M / E(G), between 0 (no segregation) and 1 (complete). */
    public static double theilH(GroupUnitTable t) {
        double e = entropy(t.groupTotals());
        return e <= 0 ? 0 : mutualInformation(t) / e;
    }

    /** Local segregation of each unit: ls_u = Σ_g p_{g|u} ln(p_{g|u}/p_g); M = Σ_u p_u ls_u. */
    public static Map<String, Double> localByUnit(GroupUnitTable t) {
        double total = t.total();
        double[] pg = t.groupTotals();
        double[] tu = t.unitTotals();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int u = 0; u < t.unitCount(); u++) {
            double ls = 0;
            for (int g = 0; g < t.groupCount(); g++) {
                double c = t.count(u, g);
                if (c > 0) {
                    ls += (c / tu[u]) * Math.log((c / tu[u]) / (pg[g] / total));
                }
            }
            out.put(t.units().get(u), ls);
        }
        return out;
    }

    /** Local segregation of each group: ls_g = Σ_u p_{u|g} ln(p_{u|g}/p_u); M = Σ_g p_g ls_g. */
    public static Map<String, Double> localByGroup(GroupUnitTable t) {
        return localByUnit(t.transpose());
    }

    /** Two-group dissimilarity D = ½ Σ_u |a_u/A − b_u/B|: the share of either group that would have to move. */
    public static double dissimilarity(GroupUnitTable t, String a, String b) {
        int ga = index(t, a);
        int gb = index(t, b);
        double[] totals = t.groupTotals();
        if (totals[ga] <= 0 || totals[gb] <= 0) {
            throw new IllegalArgumentException("both groups of the pair need at least one student");
        }
        double d = 0;
        for (int u = 0; u < t.unitCount(); u++) {
            d += Math.abs(t.count(u, ga) / totals[ga] - t.count(u, gb) / totals[gb]);
        }
        return d / 2;
    }

    /**
     * Exposure xPy (Bell 1954): the share of group y in the unit of the average member of group x, for every ordered
     * pair; xPx is isolation. Each row sums to 1.
     */
    public static Map<String, Map<String, Double>> exposure(GroupUnitTable t) {
        double[] pg = t.groupTotals();
        double[] tu = t.unitTotals();
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int x = 0; x < t.groupCount(); x++) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int y = 0; y < t.groupCount(); y++) {
                double e = 0;
                if (pg[x] > 0) {
                    for (int u = 0; u < t.unitCount(); u++) {
                        if (tu[u] > 0) {
                            e += (t.count(u, x) / pg[x]) * (t.count(u, y) / tu[u]);
                        }
                    }
                }
                row.put(t.groups().get(y), e);
            }
            out.put(t.groups().get(x), row);
        }
        return out;
    }

    /**
     * Multigroup dissimilarity (Sakoda 1981; Reardon & Firebaugh 2002): D = Σ_g Σ_u t_u |π_ug − π_g| / (2 T I), with
     * I = Σ_g π_g (1 − π_g). Equals the two-group D when there are two groups.
     */
    public static double multigroupDissimilarity(GroupUnitTable t) {
        double total = t.total();
        double[] pg = t.groupTotals();
        double[] tu = t.unitTotals();
        double interaction = 0;
        for (double g : pg) {
            interaction += (g / total) * (1 - g / total);
        }
        if (interaction <= 0) {
            return 0;
        }
        double d = 0;
        for (int u = 0; u < t.unitCount(); u++) {
            if (tu[u] <= 0) {
                continue;
            }
            for (int g = 0; g < t.groupCount(); g++) {
                d += tu[u] * Math.abs(t.count(u, g) / tu[u] - pg[g] / total);
            }
        }
        return d / (2 * total * interaction);
    }

    /**
     * Normalized exposure P (Reardon & Firebaugh 2002): P = 1/(K−1) Σ_g Σ_u (t_u/T) (π_ug − π_g)² / π_g, the
     * multigroup generalization of the variance ratio (equals it for two groups).
     */
    public static double normalizedExposure(GroupUnitTable t) {
        double total = t.total();
        double[] pg = t.groupTotals();
        double[] tu = t.unitTotals();
        int k = 0;
        for (double g : pg) {
            k += g > 0 ? 1 : 0;
        }
        if (k < 2) {
            return 0;
        }
        double p = 0;
        for (int u = 0; u < t.unitCount(); u++) {
            if (tu[u] <= 0) {
                continue;
            }
            for (int g = 0; g < t.groupCount(); g++) {
                if (pg[g] > 0) {
                    double pi = pg[g] / total;
                    double diff = t.count(u, g) / tu[u] - pi;
                    p += (tu[u] / total) * diff * diff / pi;
                }
            }
        }
        return p / (k - 1);
    }

    private static int index(GroupUnitTable t, String group) {
        int i = t.groups().indexOf(group);
        if (i < 0) {
            throw new IllegalArgumentException("group '" + group + "' does not occur; groups are " + t.groups());
        }
        return i;
    }
}
