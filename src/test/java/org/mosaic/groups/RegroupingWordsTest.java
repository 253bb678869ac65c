package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosaic.CliRun;
import org.mosaic.io.synthetic.ElmhurstPreset;

/** Regrouped groups in score order, true reasons for every move, the teacher-first order explained, reproducible. */
class RegroupingWordsTest {

    static GroupPlanner.Member member(String id, double score) {
        return new GroupPlanner.Member(id, score, Double.NaN, 6);
    }

    static GroupPlanner.Plan regroup(double[] newScores, String[] previous, double[] previousScores, int min,
                                     int max, int groups, double maxRange) {
        List<GroupPlanner.Member> roster = new ArrayList<>();
        Map<String, String> prevGroup = new LinkedHashMap<>();
        Map<String, Double> prevScore = new LinkedHashMap<>();
        for (int i = 0; i < newScores.length; i++) {
            roster.add(member("s" + (i + 1), newScores[i]));
            prevGroup.put("s" + (i + 1), previous[i]);
            prevScore.put("s" + (i + 1), previousScores[i]);
        }
        return GroupPlanner.plan(roster, new GroupPlanner.Options(min, max, groups, List.of(), false, 1.0, prevGroup,
                prevScore, maxRange, 10));
    }

    @Test
    void aStudentWhoStaysDespiteAFallLeavesHerGroupListedAfterANarrowerOne() {
        // A = 20, 21, 22; B = 30, 31, 32. s4 falls from 30 to 15 but the range limit of 20 lets her stay in B:
        // B (15-32, mean 26) now starts below A (20-22, mean 21). Listed by score: A, then B.
        GroupPlanner.Plan plan = regroup(new double[] {20, 21, 22, 15, 31, 32},
                new String[] {"A", "A", "A", "B", "B", "B"}, new double[] {20, 21, 22, 30, 31, 32}, 3, 3, 2, 20);
        assertThat(plan.moved()).isEmpty();
        assertThat(plan.groups()).extracting(GroupPlanner.PlannedGroup::id).containsExactly("A", "B");
        for (int g = 0; g + 1 < plan.groups().size(); g++) {
            assertThat(plan.groups().get(g).meanScore()).isLessThanOrEqualTo(plan.groups().get(g + 1).meanScore());
        }
        assertThat(plan.rangesOverlap()).isTrue();
    }

    @Test
    void everyMoveSaysWhatKeepingTheStudentWouldHaveBroken() {
        // A = 10-13, B = 20-23, C = 30-33, at most 4 per group, ranges up to 12. s5 falls from 20 to 9: B would span
        // 14 points, so she moves to A; A would then have 5, so s4 (13, unchanged) moves to B.
        GroupPlanner.Plan plan = regroup(new double[] {10, 11, 12, 13, 9, 21, 22, 23, 30, 31, 32, 33},
                new String[] {"A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C"},
                new double[] {10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33}, 3, 4, 3, 12);
        assertThat(plan.moved()).containsExactlyInAnyOrder("s4", "s5");
        assertThat(plan.reason().get("s5")).isEqualTo("score fell from 20 to 9; moved from group B to group A, which "
                + "covers 9-12, because staying in group B would stretch it to 14 points, over the limit of 12");
        assertThat(plan.reason().get("s4")).isEqualTo("score unchanged at 13; moved from group A to group B, which "
                + "covers 13-23, because group A already has the largest size allowed, 4");
        assertThat(plan.reason().values()).noneMatch(r -> r.matches(".*from (\\S+) to \\1;.*"));
    }

    @Test
    void theTeacherFirstOrderIsExplainedWhenTheTeacherSeatsChangeIt() {
        List<StationRotation.Station> stations = StationRotationTest.STATIONS;
        int[] sizes = {7, 8, 4};
        int[] needOrder = TeacherFirst.needOrder(new double[] {-1.5, -1.0, 0.5}, TeacherFirst.Order.LOWEST);
        assertThat(needOrder).containsExactly(0, 1, 2);
        StationRotation.Timetable t = StationRotation.schedule(sizes, needOrder, stations, 3, true);
        String note = TeacherFirst.explanation(needOrder, t, sizes, List.of("A", "B", "C"), stations);
        // A (7) and B (8) do not fit the 12 teacher seats together; C (4) joins A first.
        assertThat(note).isEqualTo("By need the teacher would see A, B, C in that order, but the teacher station "
                + "seats 12 students at a time, so the order changes: slot 1: A (7) and C (4); slot 2: B (8). This "
                + "meets the neediest as early as the seats allow.");
        int[] small = {4, 4, 4};
        StationRotation.Timetable roomy = StationRotation.schedule(small, needOrder, List.of(
                new StationRotation.Station("teacher", 4, true), new StationRotation.Station("online", 4, false),
                new StationRotation.Station("collaborative", 4, false)), 3, true);
        assertThat(TeacherFirst.explanation(needOrder, roomy, small, List.of("A", "B", "C"), stations)).isEmpty();
        assertThat(TeacherFirst.needOrder(new double[] {-1.5, -1.0, 0.5}, TeacherFirst.Order.HIGHEST))
                .containsExactly(2, 1, 0);
        assertThat(TeacherFirst.needOrder(new double[] {-1.5, -1.0, 0.5}, TeacherFirst.Order.NONE)).isEmpty();
    }

    @Test
    void theSameInputGivesTheSameGroupsScheduleAndMovesByteForByte(@TempDir Path tmp) throws Exception {
        ElmhurstPreset.write(5, tmp.resolve("elm"));
        String section = "elmhurst-g6-math-2";
        CliRun first = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", section, "--subject",
                "math", "--out", tmp.resolve("fall").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        StringBuilder sb = new StringBuilder("student_id,subject,year,term,score\n");
        List<String> rows = Files.readAllLines(tmp.resolve("fall/groups.csv"));
        for (int k = 1; k < rows.size(); k++) {
            String[] f = rows.get(k).split(",");
            double score = Double.parseDouble(f[2]) + (k % 3 == 0 ? 25 : k % 3 == 1 ? -12 : 1);
            sb.append(f[1]).append(",math,2027,winter,").append(score).append('\n');
        }
        Files.writeString(tmp.resolve("winter.csv"), sb.toString());
        List<String> outputs = List.of("groups.csv", "schedule.csv", "student_schedule.csv", "moves.csv",
                "sheet.html");
        List<CliRun> runs = new ArrayList<>();
        for (String dir : List.of("a", "b")) {
            CliRun run = CliRun.of("groups", "--data", tmp.resolve("elm").toString(), "--section", section,
                    "--subject", "math", "--previous", tmp.resolve("fall/groups.csv").toString(), "--new-scores",
                    tmp.resolve("winter.csv").toString(), "--out", tmp.resolve(dir).toString(), "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            runs.add(run);
        }
        for (String f : outputs) {
            assertThat(Files.mismatch(tmp.resolve("a").resolve(f), tmp.resolve("b").resolve(f))).as(f).isEqualTo(-1);
        }
        assertThat(runs.get(0).out()).isEqualTo(runs.get(1).out()).contains("\"stopped_by\" : \"work_limit_or_proof\"");
        List<String> moves = Files.readAllLines(tmp.resolve("a/moves.csv"));
        assertThat(moves.size()).isGreaterThan(1);
        assertThat(String.join("\n", moves)).contains("because").doesNotContainPattern("from (\\S+) to \\1;");
    }
}
