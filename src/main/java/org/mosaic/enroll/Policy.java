package org.mosaic.enroll;

import java.util.List;
import java.util.Map;

/**
 * An integration policy: how priorities are formed, which seats are reserved for whom and in which order the seat
 * types fill (Dur, Kominers, Pathak & Sönmez 2018), or soft bounds per student type (controlled choice, Ehlers,
 * Hafalir, Yenmez & Yildirim 2014). The empty policy is plain priorities plus lottery with one open seat type.
 *
 * @param priorityRules rules that give a priority class (smaller wins) on top of priorities.csv; a student's class at
 *                      a school is the smallest of every matching rule and file row, else {@link #NO_PRIORITY}
 * @param slots         seat types of every school, in precedence order (the first fills first); empty = all open
 * @param schoolSlots   per-school overrides of {@code slots}
 * @param revertUnused  whether reserved seats nobody eligible wants become open seats
 * @param softBounds    controlled-choice types with floors and ceilings; empty = none
 */
public record Policy(String name, List<PriorityRule> priorityRules, List<SlotType> slots,
                     Map<String, List<SlotType>> schoolSlots, boolean revertUnused, List<SoftBound> softBounds) {
    public static final int NO_PRIORITY = 1_000_000;

    public Policy {
        priorityRules = List.copyOf(priorityRules);
        slots = List.copyOf(slots);
        schoolSlots = Map.copyOf(schoolSlots);
        softBounds = List.copyOf(softBounds);
    }

    public static Policy plain() {
        return new Policy("priorities and lottery", List.of(), List.of(), Map.of(), true, List.of());
    }

    public List<SlotType> slotsOf(String schoolId) {
        return schoolSlots.getOrDefault(schoolId, slots);
    }

    /** A priority class given by a rule: "zone" (home zone = school zone), "current_school", or an eligibility rule. */
    public record PriorityRule(String when, int priority) {
    }

    /**
     * A seat type: {@code share} of capacity (or a fixed {@code count} when ≥ 0; share −1 with count −1 means "the
     * rest"), who is eligible, and how eligible applicants are ordered for it.
     */
    public record SlotType(String name, double share, int count, EligibilityRule eligible, Order order) {
        public int seats(int capacity, int alreadyAllocated) {
            if (count >= 0) {
                return Math.min(count, capacity - alreadyAllocated);
            }
            if (share >= 0) {
                return Math.min((int) Math.floor(share * capacity + 1e-9), capacity - alreadyAllocated);
            }
            return capacity - alreadyAllocated;
        }
    }

    /** Order of applicants for a seat type: priority class then lottery, lottery only, or a score (higher first). */
    public record Order(String kind, String subject) {
        public static final Order PRIORITY = new Order("priority", "");
        public static final Order LOTTERY = new Order("lottery", "");

        public static Order score(String subject) {
            return new Order("score", subject);
        }
    }

    /**
     * A controlled-choice type (e.g. FRL students) with a floor and ceiling as shares of each school's seats; the
     * share of the district's applicants of that type ± {@code band} when floor/ceiling are negative.
     */
    public record SoftBound(String type, EligibilityRule member, double floor, double ceiling, double band) {
    }
}
