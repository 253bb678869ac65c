package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The planner on rosters small enough to work out by hand: groups, names, order, above-grade work and reasons. */
class GroupPlannerTest {
    static GroupPlanner.Member member(String id, double score) {
        return new GroupPlanner.Member(id, score, Double.NaN, 6);
    }

    static GroupPlanner.Member member(String id, double score, double gradeEquivalent) {
        return new GroupPlanner.Member(id, score, gradeEquivalent, 6);
    }

    static List<GroupPlanner.Member> roster(double... scores) {
        List<GroupPlanner.Member> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            out.add(member("s" + (i + 1), scores[i]));
        }
        return out;
    }

    static GroupPlanner.Options options(int min, int max, List<int[]> apart, boolean accelerate) {
        return new GroupPlanner.Options(min, max, 0, apart, accelerate, 1.0, Map.of(), Map.of(), Double.NaN, 10);
    }

    @Test
    void levelGapIsYearsFromTheSpringOfTheEnrolledGrade() {
        assertThat(member("a", 200, 8.0).levelGap()).isCloseTo(1.3, within(1e-12));
        assertThat(member("a", 200, 6.2).levelGap()).isCloseTo(-0.5, within(1e-12));
        assertThat(member("a", 200).levelGap()).isNaN();
    }

    @Test
    void freshGroupsAreNamedInScoreOrderWithTheirRanges() {
        GroupPlanner.Plan plan = GroupPlanner.plan(roster(21, 10, 22, 11, 20, 12.5),
                GroupPlanner.Options.fresh(3, 3));
        assertThat(plan.groups()).extracting(GroupPlanner.PlannedGroup::id).containsExactly("A", "B");
        GroupPlanner.PlannedGroup a = plan.groups().get(0);
        assertThat(a.members()).containsExactlyInAnyOrder("s2", "s4", "s6");
        assertThat(a.low()).isEqualTo(10);
        assertThat(a.high()).isEqualTo(12.5);
        assertThat(a.meanScore()).isCloseTo(33.5 / 3, within(1e-12));
        assertThat(a.meanLevelGap()).isNaN();
        assertThat(a.aboveGrade()).isFalse();
        assertThat(plan.groups().get(1).members()).containsExactlyInAnyOrder("s1", "s3", "s5");
        assertThat(plan.maxRange()).isEqualTo(2.5);
        assertThat(plan.totalRange()).isEqualTo(4.5);
        assertThat(plan.provenOptimal()).isTrue();
        assertThat(plan.regrouped()).isFalse();
        assertThat(plan.moved()).isEmpty();
        assertThat(plan.rangeLimit()).isNaN();
        assertThat(plan.stoppedByWallClock()).isFalse();
        assertThat(plan.rangesOverlap()).isFalse();
        assertThat(plan.aboveGrade()).isEmpty();
        assertThat(plan.groupOf()).containsEntry("s6", "A").containsEntry("s5", "B").hasSize(6);
        assertThat(plan.reason()).containsEntry("s2", "group A covers 10-12.5").containsEntry("s1",
                "group B covers 20-22");
    }

    /**
     * Keep s1 (10) and s2 (11) apart in pairs: the contiguous split {10, 11} {20, 21} breaks the request. Pairings
     * {10, 20} {11, 21} (ranges 10, 10) beat {10, 21} {11, 20} (11, 9) on the widest group.
     */
    @Test
    void aKeepApartPairThatSplitsARunIsSolvedExactly() {
        List<int[]> apart = List.of(new int[] {0, 1}, new int[] {0, 9});
        GroupPlanner.Plan plan = GroupPlanner.plan(roster(10, 11, 20, 21), options(2, 2, apart, false));
        assertThat(plan.groups()).extracting(GroupPlanner.PlannedGroup::members)
                .containsExactly(List.of("s1", "s3"), List.of("s2", "s4"));
        assertThat(plan.maxRange()).isEqualTo(10);
        assertThat(plan.totalRange()).isEqualTo(20);
        assertThat(plan.provenOptimal()).isTrue();
        assertThat(plan.rangesOverlap()).isTrue();
        assertThat(plan.reason()).containsEntry("s4", "group B covers 11-21");
        // With the pair out of range only, the plain contiguous split stands.
        GroupPlanner.Plan ignored = GroupPlanner.plan(roster(10, 11, 20, 21),
                options(2, 2, List.<int[]>of(new int[] {0, 9}), false));
        assertThat(ignored.groups()).extracting(GroupPlanner.PlannedGroup::members)
                .containsExactly(List.of("s1", "s2"), List.of("s3", "s4"));
        assertThat(GroupPlanner.respectsApart(List.of(new int[] {0, 1}, new int[] {2, 3}), new int[][] {{0, 2}}))
                .isTrue();
        assertThat(GroupPlanner.respectsApart(List.of(new int[] {0, 1}, new int[] {2, 3}), new int[][] {{3, 2}}))
                .isFalse();
    }

    /** Three students at least a year above grade level form the above-grade group when acceleration is on. */
    @Test
    void studentsAYearAboveGradeLevelGetAboveGradeWorkWhenAsked() {
        List<GroupPlanner.Member> r = new ArrayList<>(List.of(member("g1", 250, 8.0), member("g2", 255, 8.2),
                member("g3", 240, 7.7), member("n1", 200, 6.0), member("n2", 205, Double.NaN),
                member("n3", 210, 7.6)));
        GroupPlanner.Plan plan = GroupPlanner.plan(r, options(3, 3, List.of(), true));
        assertThat(plan.aboveGrade()).containsExactly("g1", "g2", "g3");
        GroupPlanner.PlannedGroup above = plan.groups().get(1);
        assertThat(above.id()).isEqualTo("above-grade");
        assertThat(above.aboveGrade()).isTrue();
        assertThat(above.meanLevelGap()).isCloseTo((1.3 + 1.5 + 1.0) / 3, within(1e-12));
        assertThat(plan.reason()).containsEntry("g1", "1.3 years above grade level: above-grade work")
                .containsEntry("g3", "1.0 years above grade level: above-grade work")
                .containsEntry("n3", "group A covers 200-210");
        assertThat(plan.groups().get(0).meanLevelGap()).isCloseTo((-0.7 + 0.9) / 2, within(1e-12));

        // Without acceleration they are grouped by score, and flagged.
        GroupPlanner.Plan flagged = GroupPlanner.plan(r, options(3, 3, List.of(), false));
        assertThat(flagged.aboveGrade()).isEmpty();
        assertThat(flagged.reason()).containsEntry("g1", "group B covers 240-255 (flag: 1.3 years above grade level)")
                .containsEntry("g3", "group B covers 240-255 (flag: 1.0 years above grade level)")
                .containsEntry("n3", "group A covers 200-210");

        // Too few for a group of their own (2 < min 3): they stay in the skill groups, flagged.
        List<GroupPlanner.Member> two = new ArrayList<>(r);
        two.set(2, member("g3", 240, 7.6));
        GroupPlanner.Plan small = GroupPlanner.plan(two, options(3, 3, List.of(), true));
        assertThat(small.aboveGrade()).isEmpty();
        assertThat(small.groups()).noneMatch(GroupPlanner.PlannedGroup::aboveGrade);
        assertThat(small.reason()).containsEntry("g2", "group B covers 240-255 (flag: 1.5 years above grade level)")
                .containsEntry("g3", "group B covers 240-255");
    }

    /**
     * Regrouping with no range limit given: the fresh grouping's widest range (2) is the limit. s7 is new to the
     * class; nobody has to move.
     */
    @Test
    void regroupingWithoutALimitKeepsTheFreshWidestRangeAndSaysWhoStays() {
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, Double> before = new LinkedHashMap<>();
        String[] was = {"A", "A", "A", "B", "B", "B"};
        double[] scores = {10, 11, 12, 20, 21, 22, 11.5};
        for (int i = 0; i < 6; i++) {
            previous.put("s" + (i + 1), was[i]);
            before.put("s" + (i + 1), scores[i]);
        }
        GroupPlanner.Plan plan = GroupPlanner.plan(roster(scores), new GroupPlanner.Options(3, 4, 0, List.of(),
                false, 1.0, previous, before, Double.NaN, 10));
        assertThat(plan.regrouped()).isTrue();
        assertThat(plan.rangeLimit()).isEqualTo(2);
        assertThat(plan.moved()).isEmpty();
        assertThat(plan.groupOf()).containsEntry("s7", "A");
        assertThat(plan.reason()).containsEntry("s1", "stays: group A covers 10-12")
                .containsEntry("s7", "new to the class: group A covers 10-12")
                .containsEntry("s4", "stays: group B covers 20-22");
    }

    /**
     * Regrouping with a keep-apart pair that the contiguous split breaks: the limit comes from the exact keep-apart
     * grouping (10, as in the pairing case above), and the old groups already respect it.
     */
    @Test
    void regroupingWithKeepApartTakesItsLimitFromTheExactGrouping() {
        Map<String, String> previous = Map.of("s1", "X", "s2", "Y", "s3", "X", "s4", "Y");
        GroupPlanner.Plan plan = GroupPlanner.plan(roster(10, 11, 20, 21), new GroupPlanner.Options(2, 2, 0,
                List.<int[]>of(new int[] {0, 1}), false, 1.0, previous, Map.of(), Double.NaN, 10));
        assertThat(plan.rangeLimit()).isEqualTo(10);
        assertThat(plan.moved()).isEmpty();
        assertThat(plan.groups()).extracting(GroupPlanner.PlannedGroup::id).containsExactly("X", "Y");
        assertThat(plan.reason()).containsEntry("s2", "stays: group Y covers 11-21");
    }

    /**
     * A new group beside a kept name takes the first letter not in use. All six were in A, at most 3 a group: three
     * move to the new group B, because A is full.
     */
    @Test
    void aNewGroupTakesTheFirstFreeLetter() {
        Map<String, String> previous = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            previous.put("s" + i, "A");
        }
        GroupPlanner.Plan plan = GroupPlanner.plan(roster(10, 11, 12, 30, 31, 32), new GroupPlanner.Options(3, 3, 2,
                List.of(), false, 1.0, previous, Map.of(), 100, 10));
        assertThat(plan.groups()).extracting(GroupPlanner.PlannedGroup::id).containsExactlyInAnyOrder("A", "B");
        assertThat(plan.moved()).hasSize(3);
        String movedGroup = plan.groupOf().get(plan.moved().get(0));
        assertThat(movedGroup).isEqualTo("B");
        assertThat(plan.reason().get(plan.moved().get(0))).endsWith("because group A already has the largest size "
                + "allowed, 3");
    }

    static GroupPlanner.PlannedGroup group(String id, int size, double low, double high, boolean above) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(id + i);
        }
        return new GroupPlanner.PlannedGroup(id, members, low, high, (low + high) / 2, Double.NaN, above);
    }

    static GroupPlanner.Options moves(int min, int max, Map<String, Double> before) {
        return new GroupPlanner.Options(min, max, 0, List.of(), false, 1.0, Map.of("m", "A"), before, Double.NaN, 10);
    }

    /** Each branch of a move's reason, with the limits exactly at and just past their boundaries. */
    @Test
    void aMoveSaysHowTheScoreChangedAndWhatStayingWouldHaveBroken() {
        GroupPlanner.PlannedGroup to = group("B", 4, 14, 18, false);
        GroupPlanner.Member m = member("m", 15);
        String tail = "; moved from group A to group B, which covers 14-18, because ";

        // A covers 10-13: keeping m (15) stretches it to 5 points.
        Map<String, GroupPlanner.PlannedGroup> byName = Map.of("A", group("A", 3, 10, 13, false), "B", to);
        assertThat(GroupPlanner.moveReason(m, to, byName, moves(3, 5, Map.of("m", 12.0)), 4.9))
                .isEqualTo("score rose from 12 to 15" + tail + "staying in group A would stretch it to 5 points, over "
                        + "the limit of 4.9");
        // At exactly the limit she could have stayed: the next reason is the size.
        assertThat(GroupPlanner.moveReason(m, to, byName, moves(3, 3, Map.of("m", 15.02)), 5))
                .isEqualTo("score unchanged at 15" + tail + "group A already has the largest size allowed, 3");
        assertThat(GroupPlanner.moveReason(m, to, byName, moves(4, 4, Map.of("m", 15.5)), Double.NaN))
                .isEqualTo("score fell from 15.5 to 15" + tail + "group B needs at least 4 students");
        assertThat(GroupPlanner.moveReason(m, to, byName, moves(3, 4, Map.of("m", 14.9)), Double.NaN))
                .startsWith("score rose from 14.9 to 15;");
        assertThat(GroupPlanner.moveReason(m, to, byName, moves(3, 4, Map.of()), Double.NaN))
                .isEqualTo("new score 15" + tail + "this move lets other students stay in their groups (the fewest "
                        + "moves in total that keep every group within the range limit and the sizes)");
        // Her old group is gone, or is the above-grade group.
        assertThat(GroupPlanner.moveReason(m, to, Map.of("B", to), moves(2, 4, Map.of()), Double.NaN))
                .endsWith("because group A was not kept");
        Map<String, GroupPlanner.PlannedGroup> aboveA = Map.of("A", group("A", 3, 10, 13, true), "B", to);
        assertThat(GroupPlanner.moveReason(m, to, aboveA, moves(2, 4, Map.of()), Double.NaN))
                .endsWith("because group A was not kept");
    }

    @Test
    void numbersPrintWholeOrToOneDecimal() {
        assertThat(GroupPlanner.num(12)).isEqualTo("12");
        assertThat(GroupPlanner.num(-3)).isEqualTo("-3");
        assertThat(GroupPlanner.num(12.25)).isEqualTo("12.3");
        assertThat(GroupPlanner.num(0.5)).isEqualTo("0.5");
    }
}
