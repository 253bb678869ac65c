package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/** Controlled choice, seat counts and ordinals worked out by hand. */
class ControlledChoiceTest {
    static Student student(String id, boolean frl) {
        return new Student(id, 6, "", new Location(0, 0), "", "", frl, Race.WHITE, Gender.FEMALE, false, false, false,
                0, false, "", "");
    }

    /**
     * One school of 4 seats; FRL floor 25 % (1 seat), ceiling 50 % (2 seats). Applicants in priority order f1, f2,
     * f3, f4 (FRL) and n1. Floor phase: f1. Ceiling phase: f2 (FRL below the ceiling), then n1 (outside the balanced
     * groups); f3 and f4 are at the ceiling. Three seats taken, so the open phase gives the last to f3, the best
     * remaining. f4 is not placed.
     */
    @Test
    void floorsThenCeilingsThenOpenSeatsInPriorityOrder() {
        List<Student> students = List.of(student("f1", true), student("f2", true), student("f3", true),
                student("f4", true), student("n1", false));
        School a = new School("A", "A", SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "", Map.of(6, 4));
        Policy policy = new Policy("cc", List.of(), List.of(), Map.of(), true,
                List.of(new Policy.SoftBound("frl", EligibilityRule.parse("frl = 1"), 0.25, 0.5, 0)));
        int[][] prefs = {{0}, {0}, {0}, {0}, {0}};
        int[][] prio = {{1}, {2}, {3}, {4}, {5}};
        Market m = Market.of(students, List.of(a), 6, prefs, prio, policy, TieBreak.SINGLE, 1);
        for (Mechanism mechanism : List.of(Mechanism.DA, Mechanism.BOSTON)) {
            Outcome o = Assigner.run(m, mechanism);
            List<String> slots = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                slots.add(o.slotOf(i));
            }
            assertThat(slots).as(mechanism.name()).containsExactly("floor frl", "ceiling frl", "open", "",
                    "ceiling other");
            assertThat(o.schoolOf(3)).isEqualTo(-1);
            assertThat(o.rankOf(3)).isEqualTo(-1);
            assertThat(o.rankOf(0)).isZero();
            assertThat(o.assignedTo(0)).isEqualTo(4);
            assertThat(o.filled(0, 4)).isTrue();
            assertThat(o.filled(0, 3)).isFalse();
            assertThat(o.endowmentOf(0)).isEqualTo(-1);
            assertThat(o.mechanism()).isEqualTo(mechanism);
            assertThat(o.reason(4)).startsWith("Placed at your 1st choice, A, in a seat open to students outside the "
                    + "balanced groups");
            assertThat(o.reason(1)).startsWith("Placed at your 1st choice, A, in a seat open to students eligible for "
                    + "free or reduced-price lunch while the school is below its maximum share of them");
            assertThat(o.reason(2)).startsWith("Placed at your 1st choice, A, in an open seat");
        }
    }

    /** Applicant 0 proposes first and is held, then bumped by applicant 1: unplaced, she holds no seat type. */
    @Test
    void aBumpedApplicantHoldsNoSeat() {
        School a = new School("A", "A", SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "", Map.of(6, 1));
        Market m = Market.of(List.of(student("x", false), student("y", false)), List.of(a), 6, new int[][] {{0}, {0}},
                new int[][] {{2}, {1}}, Policy.plain(), TieBreak.SINGLE, 1);
        Outcome o = Assigner.run(m, Mechanism.DA);
        assertThat(o.schoolOf(0)).isEqualTo(-1);
        assertThat(o.slotOf(0)).isEmpty();
        assertThat(o.slotOf(1)).isEqualTo(Assigner.OPEN);
    }

    @Test
    void seatTypesCountFixedSharesAndTheRest() {
        Policy.SlotType fixed = new Policy.SlotType("x", -1, 3, EligibilityRule.ANY, Policy.Order.PRIORITY);
        assertThat(fixed.seats(10, 2)).isEqualTo(3);
        assertThat(fixed.seats(10, 8)).isEqualTo(2);
        Policy.SlotType share = new Policy.SlotType("x", 0.3, -1, EligibilityRule.ANY, Policy.Order.PRIORITY);
        assertThat(share.seats(10, 0)).isEqualTo(3);
        assertThat(share.seats(10, 8)).isEqualTo(2);
        assertThat(share.seats(9, 0)).isEqualTo(2);
        Policy.SlotType none = new Policy.SlotType("x", 0, -1, EligibilityRule.ANY, Policy.Order.PRIORITY);
        assertThat(none.seats(10, 0)).isZero();
        Policy.SlotType zeroCount = new Policy.SlotType("x", -1, 0, EligibilityRule.ANY, Policy.Order.PRIORITY);
        assertThat(zeroCount.seats(10, 0)).isZero();
        Policy.SlotType rest = new Policy.SlotType("x", -1, -1, EligibilityRule.ANY, Policy.Order.PRIORITY);
        assertThat(rest.seats(10, 7)).isEqualTo(3);
    }

    @Test
    void ordinalsInEnglish() {
        int[] n = {1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 101, 111, 112, 113, 122};
        String[] words = {"1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th", "21st", "22nd", "23rd",
            "101st", "111th", "112th", "113th", "122nd"};
        for (int k = 0; k < n.length; k++) {
            assertThat(Outcome.ordinal(n[k])).isEqualTo(words[k]);
        }
    }
}
