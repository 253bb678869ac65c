package org.mosaic.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts (or weights) of students by group (race, FRL, SES quintile, score band) and organizational unit (school,
 * class), the input of every segregation index. Units and groups are dense ids with names; cell (u, g) is at
 * {@code counts[u * groups + g]}. Zero-count units and groups are allowed and contribute nothing.
 */
public final class GroupUnitTable {
    private final List<String> groups;
    private final List<String> units;
    private final double[] counts;

    public GroupUnitTable(List<String> groups, List<String> units, double[] counts) {
        if (counts.length != groups.size() * units.size()) {
            throw new IllegalArgumentException("counts must have groups × units cells");
        }
        for (double c : counts) {
            if (!(c >= 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("counts must be finite and non-negative");
            }
        }
        this.groups = List.copyOf(groups);
        this.units = List.copyOf(units);
        this.counts = counts.clone();
    }

    public int groupCount() {
        return groups.size();
    }

    public int unitCount() {
        return units.size();
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> units() {
        return units;
    }

    public double count(int unit, int group) {
        return counts[unit * groups.size() + group];
    }

    public double total() {
        double t = 0;
        for (double c : counts) {
            t += c;
        }
        return t;
    }

    public double[] groupTotals() {
        int g = groups.size();
        double[] t = new double[g];
        for (int i = 0; i < counts.length; i++) {
            t[i % g] += counts[i];
        }
        return t;
    }

    public double[] unitTotals() {
        int g = groups.size();
        double[] t = new double[units.size()];
        for (int i = 0; i < counts.length; i++) {
            t[i / g] += counts[i];
        }
        return t;
    }

    /** The same table with groups and units swapped: M is symmetric, M(G;U) = M(U;G). */
    public GroupUnitTable transpose() {
        int g = groups.size();
        int u = units.size();
        double[] t = new double[counts.length];
        for (int i = 0; i < u; i++) {
            for (int j = 0; j < g; j++) {
                t[j * u + i] = counts[i * g + j];
            }
        }
        return new GroupUnitTable(units, groups, t);
    }

    /** Rows of the units in {@code unitIds} only (the table of one school's classes, say). */
    public GroupUnitTable subset(int[] unitIds) {
        int g = groups.size();
        double[] t = new double[unitIds.length * g];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < unitIds.length; k++) {
            System.arraycopy(counts, unitIds[k] * g, t, k * g, g);
            names.add(units.get(unitIds[k]));
        }
        return new GroupUnitTable(groups, names, t);
    }

    /** Units merged into their parents: {@code parent[u]} is the parent id of unit u among {@code parentNames}. */
    public GroupUnitTable aggregate(int[] parent, List<String> parentNames) {
        int g = groups.size();
        double[] t = new double[parentNames.size() * g];
        for (int u = 0; u < units.size(); u++) {
            for (int j = 0; j < g; j++) {
                t[parent[u] * g + j] += counts[u * g + j];
            }
        }
        return new GroupUnitTable(groups, parentNames, t);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Accumulates (unit, group, weight) observations: one student row, or a count row. */
    public static final class Builder {
        private final Map<String, Integer> groupIds = new HashMap<>();
        private final Map<String, Integer> unitIds = new HashMap<>();
        private final List<String> groups = new ArrayList<>();
        private final List<String> units = new ArrayList<>();
        private double[] cells = new double[64];
        private int stride = 8;

        public Builder add(String unit, String group, double weight) {
            int u = unitIds.computeIfAbsent(unit, k -> {
                units.add(k);
                return units.size() - 1;
            });
            int g = groupIds.computeIfAbsent(group, k -> {
                groups.add(k);
                return groups.size() - 1;
            });
            if (g >= stride) {
                restride(stride * 2);
            }
            int need = (u + 1) * stride;
            if (need > cells.length) {
                cells = Arrays.copyOf(cells, Math.max(need, cells.length * 2));
            }
            cells[u * stride + g] += weight;
            return this;
        }

        /** Declares a group up front so that it appears (with zeros) even if no row has it. */
        public Builder group(String group) {
            int g = groupIds.computeIfAbsent(group, k -> {
                groups.add(k);
                return groups.size() - 1;
            });
            if (g >= stride) {
                restride(stride * 2);
            }
            return this;
        }

        private void restride(int newStride) {
            int u = units.size();
            double[] t = new double[Math.max(64, u * newStride)];
            for (int i = 0; i < u; i++) {
                System.arraycopy(cells, i * stride, t, i * newStride, stride);
            }
            cells = t;
            stride = newStride;
        }

        public GroupUnitTable build() {
            int g = groups.size();
            double[] t = new double[units.size() * g];
            for (int u = 0; u < units.size(); u++) {
                System.arraycopy(cells, u * stride, t, u * g, g);
            }
            return new GroupUnitTable(groups, units, t);
        }
    }
}
