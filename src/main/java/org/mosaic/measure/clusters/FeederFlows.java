package org.mosaic.measure.clusters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mosaic.model.Enrollment;
import org.mosaic.model.School;

/**
 * The feeder matrix of an enrollment history, over every pair of consecutive years: for each school, where the
 * students in its entry grade came from (their school the year before), and where its leavers went (their school
 * the year after, or {@link #LEFT} when they have no row that year). Students who stay at a school are not leavers;
 * a school's top grade leaves whole.
 */
public final class FeederFlows {
    public static final String LEFT = "(left the district)";
    public static final String NEW = "(new to the district)";

    private FeederFlows() {
    }

    /** counts[to][from] for entrants, counts[from][to] for leavers; every map sorted by id. */
    public record Flows(Map<String, Map<String, Integer>> entrants, Map<String, Map<String, Integer>> leavers) {
        public static double share(Map<String, Integer> row, String key) {
            int total = row.values().stream().mapToInt(Integer::intValue).sum();
            return total == 0 ? 0 : row.getOrDefault(key, 0) / (double) total;
        }
    }

    public static Flows of(List<Enrollment> history, Map<String, School> schools) {
        Map<String, Map<Integer, Enrollment>> byStudent = new HashMap<>();
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Enrollment e : history) {
            byStudent.computeIfAbsent(e.studentId(), k -> new HashMap<>()).put(e.year(), e);
            first = Math.min(first, e.year());
            last = Math.max(last, e.year());
        }
        Map<String, Map<String, Integer>> entrants = new TreeMap<>();
        Map<String, Map<String, Integer>> leavers = new TreeMap<>();
        for (Map<Integer, Enrollment> years : byStudent.values()) {
            for (Enrollment now : years.values()) {
                School school = schools.get(now.schoolId());
                Enrollment before = years.get(now.year() - 1);
                if (school != null && now.grade() == school.lowGrade() && now.year() > first) {
                    String from = before == null ? NEW : before.schoolId();
                    if (!from.equals(now.schoolId())) {
                        entrants.computeIfAbsent(now.schoolId(), k -> new TreeMap<>()).merge(from, 1, Integer::sum);
                    }
                }
                if (now.year() < last) {
                    Enrollment after = years.get(now.year() + 1);
                    if (after == null && now.grade() >= 12) {
                        continue; // graduated
                    }
                    String to = after == null ? LEFT : after.schoolId();
                    if (!to.equals(now.schoolId())) {
                        leavers.computeIfAbsent(now.schoolId(), k -> new TreeMap<>()).merge(to, 1, Integer::sum);
                    }
                }
            }
        }
        return new Flows(entrants, leavers);
    }
}
