package org.mosaic.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every segregation index of one group-by-unit table, as {@code mosaic measure segregation} reports it: M, H and the
 * entropy of the groups; with coarser levels, the part of M and H between the units of each level and within the
 * finest; the two-group and multigroup dissimilarity; normalized exposure and the exposure of each group to each;
 * Reardon's ordinal indices when the groups are ordered; the small-unit bias bootstrap when asked; and local
 * segregation by unit and by group.
 *
 * @param between      the part between the units of each coarser level, coarsest first (empty without levels)
 * @param within       the part within the finest units' parents (null without levels)
 * @param dissimilarity the two-group D of {@link Options#pair()} (NaN without a pair)
 * @param ordinalInformation    Reardon's ordinal information index (NaN when the groups are not ordered)
 * @param ordinalVariationRatio Reardon's ordinal variation ratio (NaN when the groups are not ordered)
 * @param smallUnits   the bootstrap of random allocation (null when not asked)
 */
public record SegregationSummary(double m, double h, double entropy, List<Part> between, Part within,
                                 double dissimilarity, double multigroupDissimilarity, double normalizedExposure,
                                 Map<String, Map<String, Double>> exposure, double ordinalInformation,
                                 double ordinalVariationRatio, SmallUnitBias.Result smallUnits,
                                 Map<String, Double> local, Map<String, Double> localGroup) {
    public SegregationSummary {
        between = List.copyOf(between);
    }

    /** One level's share of the decomposition: M and H between its units (or within, for the finest). */
    public record Part(String level, double m, double h) {
    }

    /**
     * How the table's units nest: for each coarser level, coarsest first, its name, each unit's parent and the
     * parents' names (see {@link Decomposition#of}); {@link #NONE} when the units stand alone.
     */
    public record Nesting(List<String> levels, List<int[]> parents, List<List<String>> parentNames) {
        public static final Nesting NONE = new Nesting(List.of(), List.of(), List.of());

        public Nesting {
            levels = List.copyOf(levels);
            parents = parents.stream().map(int[]::clone).toList();
            parentNames = parentNames.stream().map(List::copyOf).toList();
        }
    }

    /**
     * What to add to the indices every table gets: a pair of groups for D (empty: none), the groups in order for
     * the ordinal indices (empty: unordered), and the bootstrap's replications (0: none), confidence and seed.
     */
    public record Options(List<String> pair, List<String> ordinal, int replications, double confidence, long seed) {
        public Options {
            pair = List.copyOf(pair);
            ordinal = List.copyOf(ordinal);
        }

        public static Options none() {
            return new Options(List.of(), List.of(), 0, 0.95, 1);
        }
    }

    /**
     * The indices of {@code table}, whose finest units are named {@code unitLevel}.
     *
     * @throws IllegalArgumentException when the pair is not two groups of the table or the order misses a group
     */
    public static SegregationSummary of(GroupUnitTable table, String unitLevel, Nesting nesting, Options o) {
        List<Part> between = new ArrayList<>();
        Part within = null;
        if (!nesting.levels().isEmpty()) {
            List<String> names = new ArrayList<>(nesting.levels());
            names.add(unitLevel);
            Decomposition d = Decomposition.of(table, nesting.parents(), nesting.parentNames(), names);
            for (int k = 0; k < nesting.levels().size(); k++) {
                between.add(new Part(nesting.levels().get(k), d.parts().get(k), d.partH(k)));
            }
            int last = names.size() - 1;
            within = new Part(unitLevel, d.parts().get(last), d.partH(last));
        }
        double dissimilarity = Double.NaN;
        if (!o.pair().isEmpty()) {
            if (o.pair().size() != 2 || !table.groups().containsAll(o.pair())) {
                throw new IllegalArgumentException("the pair " + o.pair() + " is not two of the groups "
                        + table.groups());
            }
            dissimilarity = Segregation.dissimilarity(table, o.pair().get(0), o.pair().get(1));
        }
        double information = Double.NaN;
        double variation = Double.NaN;
        if (!o.ordinal().isEmpty()) {
            GroupUnitTable ordered = inOrder(table, o.ordinal());
            information = OrdinalSegregation.index(ordered, OrdinalSegregation.Kind.INFORMATION);
            variation = OrdinalSegregation.index(ordered, OrdinalSegregation.Kind.VARIATION_RATIO);
        }
        SmallUnitBias.Result small = o.replications() > 0
                ? SmallUnitBias.estimate(table, o.replications(), o.confidence(), o.seed()) : null;
        return new SegregationSummary(Segregation.mutualInformation(table), Segregation.theilH(table),
                Segregation.entropy(table.groupTotals()), between, within, dissimilarity,
                Segregation.multigroupDissimilarity(table), Segregation.normalizedExposure(table),
                Segregation.exposure(table), information, variation, small, Segregation.localByUnit(table),
                Segregation.localByGroup(table));
    }

    /** The table with its groups in {@code order} (every group of the table must be listed; extra ones count 0). */
    static GroupUnitTable inOrder(GroupUnitTable t, List<String> order) {
        List<String> missing = t.groups().stream().filter(g -> !order.contains(g)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the order must list every group; missing " + missing);
        }
        int g = order.size();
        double[] cells = new double[t.unitCount() * g];
        for (int u = 0; u < t.unitCount(); u++) {
            for (int k = 0; k < g; k++) {
                int idx = t.groups().indexOf(order.get(k));
                cells[u * g + k] = idx < 0 ? 0 : t.count(u, idx);
            }
        }
        return new GroupUnitTable(order, t.units(), cells);
    }
}
