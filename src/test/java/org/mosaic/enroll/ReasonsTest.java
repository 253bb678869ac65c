package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Choice;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Student;

/** The words a family reads: one example of every kind of outcome. */
class ReasonsTest {
    static Student student(String id, boolean frl) {
        return new Student(id, 6, "", new Location(0, 0), "", "", frl, Race.WHITE, Gender.FEMALE, false, false, false,
                0, false, "", "");
    }

    static School school(String id, int seats) {
        return new School(id, id, SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "", Map.of(6, seats));
    }

    static String lottery(Market m, int i, int k) {
        return String.format(Locale.ROOT, "%.3f", m.lotteryAt(i, k));
    }

    /** Two students, one seat at A, both without priority: the lottery decides. */
    @Test
    void anOpenSeatAndALotteryLossSayThatALowerNumberIsAdmittedFirst() {
        Market m = Market.of(List.of(student("a", false), student("b", false)), List.of(school("A", 1)), 6,
                new int[][] {{0}, {0}}, new int[][] {{Policy.NO_PRIORITY}, {Policy.NO_PRIORITY}}, Policy.plain(),
                TieBreak.SINGLE, 3);
        Outcome o = Assigner.run(m, Mechanism.DA);
        int winner = o.schoolOf(0) == 0 ? 0 : 1;
        int loser = 1 - winner;
        assertThat(m.lotteryAt(winner, 0)).isLessThan(m.lotteryAt(loser, 0));
        assertThat(o.reason(winner)).isEqualTo("Placed at your 1st choice, A, in an open seat.");
        assertThat(o.reason(loser)).isEqualTo("Not placed: every school you ranked was full before your turn. "
                + "Your 1st choice, A, was full: the last student admitted had no priority group and lottery number "
                + lottery(m, winner, 0) + "; you had no priority group and lottery number " + lottery(m, loser, 0)
                + ". " + Outcome.HOW_PRIORITY_WORKS);
        assertThat(o.reason(loser)).contains("a lower lottery number is admitted first").doesNotContain("none");
    }

    @Test
    void aPriorityGroupLossNamesBothGroups() {
        Market m = Market.of(List.of(student("a", false), student("b", false)), List.of(school("A", 1),
                school("B", 1)), 6, new int[][] {{0, 1}, {0}}, new int[][] {{3, Policy.NO_PRIORITY}, {1}},
                Policy.plain(), TieBreak.SINGLE, 3);
        Outcome o = Assigner.run(m, Mechanism.DA);
        assertThat(o.reason(0)).startsWith("Placed at your 2nd choice, B, in an open seat. Your 1st choice, A, was "
                + "full: the last student admitted had priority group 1 and lottery number ")
                .contains("; you had priority group 3 and lottery number ")
                .endsWith("group 1 before group 2; within the same group, a lower lottery number is admitted first.");
    }

    static Policy frlReserve() {
        return new Policy("reserve", List.of(), List.of(
                new Policy.SlotType("frl", -1, 1, EligibilityRule.parse("frl = 1"), Policy.Order.PRIORITY),
                new Policy.SlotType("open", -1, 0, EligibilityRule.ANY, Policy.Order.PRIORITY)), Map.of(), false,
                List.of());
    }

    @Test
    void aReservedSeatAndASeatReservedForOthers() {
        Market m = Market.of(List.of(student("a", true), student("b", false)), List.of(school("A", 1)), 6,
                new int[][] {{0}, {0}}, new int[][] {{Policy.NO_PRIORITY}, {1}}, frlReserve(), TieBreak.SINGLE, 3);
        Outcome o = Assigner.run(m, Mechanism.DA);
        assertThat(o.reason(0)).isEqualTo("Placed at your 1st choice, A, in a seat reserved for frl.");
        assertThat(o.reason(1)).isEqualTo("Not placed: every school you ranked was full before your turn. Your 1st "
                + "choice, A, was full: its seats went to students in groups the seats are reserved for, and you are "
                + "not in those groups.");
    }

    @Test
    void controlledChoiceFloorSeatsSayWhatTheyHoldTheSeatFor() {
        Policy policy = new Policy("cc", List.of(), List.of(), Map.of(), true, List.of(new Policy.SoftBound("frl",
                EligibilityRule.parse("frl = 1"), 0.5, 1.0, 0)));
        Market m = Market.of(List.of(student("a", true), student("b", false)), List.of(school("A", 2)), 6,
                new int[][] {{0}, {0}}, new int[][] {{Policy.NO_PRIORITY}, {Policy.NO_PRIORITY}}, policy,
                TieBreak.SINGLE, 3);
        Outcome o = Assigner.run(m, Mechanism.DA);
        assertThat(o.reason(0)).isEqualTo("Placed at your 1st choice, A, in a seat held for students eligible for "
                + "free or reduced-price lunch until the school reaches its minimum share of them.");
    }

    @Test
    void bostonRoundsAreExplained() {
        // a and b both want A first; A has one seat; b loses and is placed at B in round 2, after B filled? No: B
        // stays open, so b is placed in round 2, and A's reason names the round it filled in.
        Market m = Market.of(List.of(student("a", false), student("b", false), student("c", false)),
                List.of(school("A", 1), school("B", 1)), 6, new int[][] {{0}, {1, 0}, {0, 1}},
                new int[][] {{1}, {2, 2}, {2, 2}}, Policy.plain(), TieBreak.SINGLE, 3);
        Outcome o = Assigner.run(m, Mechanism.BOSTON);
        assertThat(o.reason(0)).isEqualTo("Placed at your 1st choice, A, in an open seat in round 1 (round r serves "
                + "the r-th choice of every family not yet placed).");
        assertThat(o.reason(2)).isEqualTo("Not placed: every school you ranked was full before your turn. Your 1st "
                + "choice, A, was full: the last student admitted had priority group 1 and lottery number "
                + lottery(m, 0, 0) + "; you had priority group 2 and lottery number " + lottery(m, 2, 0) + ". Your "
                + "2nd choice, B, was full after round 1, taken by families who ranked it higher on their lists. "
                + Outcome.HOW_PRIORITY_WORKS);
    }

    @Test
    void topTradingCyclesSayWhosePriorityWasTraded() {
        Market m = Market.withFullPriorities(List.of(student("a", false), student("b", false)),
                List.of(school("A", 1), school("B", 1)), 6, new int[][] {{1}, {0}}, new int[][] {{1, 2}, {2, 1}},
                Policy.plain(), TieBreak.SINGLE, 3);
        Outcome o = Assigner.run(m, Mechanism.TTC);
        assertThat(o.reason(0)).isEqualTo("Placed at your 1st choice, B, traded through top trading cycles: your "
                + "priority at A went to a student who ranked it, and a seat that another student's priority held "
                + "here came to you.");
    }

    @Test
    void scoreSeatsSayHigherScoresComeFirstAndNoSeatsSaySo() {
        School a = new School("A", "A", SchoolType.MAGNET, "", 6, 8, new Location(0, 0), "", Map.of(6, 1));
        School closed = new School("C", "C", SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "", Map.of(6, 0));
        List<Student> students = List.of(student("a", false), student("b", false));
        List<Score> scores = new ArrayList<>();
        scores.add(new Score("a", "math", "", 2026, "", 91.0, OptionalDouble.empty()));
        scores.add(new Score("b", "math", "", 2026, "", 78.5, OptionalDouble.empty()));
        List<School> schools = List.of(a, closed);
        Dataset d = new Dataset(new District("d", "d", schools, District.clustersOf(schools), students), scores,
                List.of(new Choice("a", 1, "A"), new Choice("b", 1, "C"), new Choice("b", 2, "A")), List.of(),
                List.of(), List.of(), List.of());
        Policy bySCore = new Policy("screened", List.of(), List.of(new Policy.SlotType("screened", -1, -1,
                EligibilityRule.ANY, Policy.Order.score("math"))), Map.of(), true, List.of());
        Outcome o = Assigner.run(Market.of(d, 6, bySCore, TieBreak.SINGLE, 3), Mechanism.DA);
        assertThat(o.reason(0)).isEqualTo("Placed at your 1st choice, A, in a seat reserved for screened.");
        assertThat(o.reason(1)).isEqualTo("Not placed: every school you ranked was full before your turn. Your 1st "
                + "choice, C, has no seats in this grade. Your 2nd choice, A, was full: its screened seats go by math "
                + "score, highest first; the lowest score admitted was 91.0, and yours was 78.5. Equal scores are "
                + "decided by lottery number, lower first.");
    }

    @Test
    void aListOfSchoolsWithoutSeatsIsSaidPlainly() {
        Market m = Market.of(List.of(student("a", false)), List.of(school("A", 1)), 6, new int[][] {{}},
                new int[][] {{}}, Policy.plain(), TieBreak.SINGLE, 3);
        assertThat(Assigner.run(m, Mechanism.DA).reason(0)).isEqualTo("Not placed: none of the schools you ranked "
                + "has seats in this grade.");
    }
}
