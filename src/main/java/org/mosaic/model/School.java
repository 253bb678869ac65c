package org.mosaic.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A school building. {@code capacityByGrade} holds seats per grade served; {@code clusterId} is empty for schools
 * outside any feeder cluster (typically charters).
 */
public record School(String id, String name, SchoolType type, String clusterId, int lowGrade, int highGrade,
                     Location location, String zone, Map<Integer, Integer> capacityByGrade) {
    public School {
        Objects.requireNonNull(id);
        name = name == null ? id : name;
        clusterId = clusterId == null ? "" : clusterId;
        zone = zone == null ? "" : zone;
        // A sorted view, not Map.copyOf: files must list grades in the same order in every run.
        capacityByGrade = java.util.Collections.unmodifiableMap(new TreeMap<>(capacityByGrade));
        if (lowGrade > highGrade) {
            throw new IllegalArgumentException("low grade above high grade for school " + id);
        }
    }

    public boolean serves(int grade) {
        return grade >= lowGrade && grade <= highGrade;
    }

    /** Seats in one grade; 0 for grades the school does not serve. */
    public int capacity(int grade) {
        return capacityByGrade.getOrDefault(grade, 0);
    }

    /** The grade students enter this school in (K for elementary, 6 for middle, 9 for high). */
    public int entryGrade() {
        return lowGrade;
    }
}
