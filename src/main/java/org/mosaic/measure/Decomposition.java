package org.mosaic.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Nested decomposition of M and H over a chain of levels, coarsest first (state → district → school → section):
 * M(G;U) = M(G;L1) + Σ_k [M(G;L_{k+1}) − M(G;L_k)] + [M(G;U) − M(G;L_last)], where each bracket equals
 * Σ_s p_s·M_s — the segregation between the units of the finer level inside each unit of the coarser one, weighted
 * by its share of students (the chain rule of mutual information; Theil 1972, Mora & Ruiz-Castillo 2011). H parts
 * are the M parts divided by the overall group entropy, so they too sum exactly to H.
 *
 * @param levels names of the levels, coarsest first, then the unit (the finest level) last
 * @param parts  M contribution of each level: parts[0] between units of levels[0]; parts[k] between units of
 *               levels[k] within units of levels[k−1]; the last part is the within-finest-level remainder
 */
public record Decomposition(double total, double totalH, double entropy, List<String> levels, List<Double> parts) {
    /**
     * @param finest  the table at the finest level (e.g. section)
     * @param parents for each coarser level, coarsest first, the parent id of each finest unit
     * @param names   for each coarser level, the names of its units
     */
    public static Decomposition of(GroupUnitTable finest, List<int[]> parents, List<List<String>> names,
                                   List<String> levelNames) {
        double entropy = Segregation.entropy(finest.groupTotals());
        List<Double> ms = new ArrayList<>();
        for (int k = 0; k < parents.size(); k++) {
            ms.add(Segregation.mutualInformation(finest.aggregate(parents.get(k), names.get(k))));
        }
        double total = Segregation.mutualInformation(finest);
        ms.add(total);
        List<Double> parts = new ArrayList<>();
        double previous = 0;
        for (double m : ms) {
            // Rounding can make a coarser M exceed a finer one by ~1e-16; the true difference is ≥ 0.
            parts.add(Math.max(0, m - previous));
            previous = Math.max(previous, m);
        }
        return new Decomposition(total, entropy <= 0 ? 0 : total / entropy, entropy, List.copyOf(levelNames),
                List.copyOf(parts));
    }

    public double partH(int k) {
        return entropy <= 0 ? 0 : parts.get(k) / entropy;
    }

    /** The within-units-of-{@code levels[k]} M computed directly as Σ_s p_s M_s, to check the chain rule. */
    public static double withinDirect(GroupUnitTable finer, int[] parent, int parentCount) {
        double total = finer.total();
        double[] tu = finer.unitTotals();
        double within = 0;
        for (int s = 0; s < parentCount; s++) {
            List<Integer> members = new ArrayList<>();
            double size = 0;
            for (int u = 0; u < parent.length; u++) {
                if (parent[u] == s) {
                    members.add(u);
                    size += tu[u];
                }
            }
            if (size > 0) {
                int[] ids = members.stream().mapToInt(Integer::intValue).toArray();
                within += size / total * Segregation.mutualInformation(finer.subset(ids));
            }
        }
        return within;
    }
}
