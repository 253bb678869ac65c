package org.mosaic.web;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.groups.GroupPlanner;
import org.mosaic.groups.SectionGrouping;
import org.mosaic.groups.StationRotation;
import org.mosaic.groups.TeacherFirst;
import org.mosaic.model.Dataset;
import org.mosaic.model.Score;
import org.mosaic.model.Section;

/**
 * A section's small groups and station rotation with the defaults of {@code mosaic groups} (groups of 4 to 8, a
 * 75-minute block of 25-minute stations teacher:12, online:12, collaborative:12 from 09:00, teacher-led time first
 * for the groups furthest below grade level), and regrouping after a new assessment that moves as few students as
 * possible, each move with the planner's reason.
 */
public final class SectionGroups {
    public static final int MIN = 4;
    public static final int MAX = 8;
    static final int BLOCK = 75;
    static final int ROTATION = 25;
    static final LocalTime START = LocalTime.of(9, 0);
    static final List<StationRotation.Station> STATIONS = List.of(new StationRotation.Station("teacher", 12, true),
            new StationRotation.Station("online", 12, false), new StationRotation.Station("collaborative", 12, false));

    public record Result(Section section, List<GroupPlanner.Member> roster, GroupPlanner.Plan plan,
                         StationRotation.Timetable timetable, List<String> units, String teacherNote) {
        public List<String> slots() {
            List<String> out = new ArrayList<>();
            for (int t = 0; t < timetable.slots(); t++) {
                out.add(START.plusMinutes((long) t * ROTATION) + "–" + START.plusMinutes((long) (t + 1) * ROTATION));
            }
            return out;
        }

        /** The station of each group in each slot, in the units' order. */
        public List<List<String>> grid() {
            List<List<String>> rows = new ArrayList<>();
            for (int u = 0; u < units.size(); u++) {
                List<String> row = new ArrayList<>();
                row.add(units.get(u));
                for (int t = 0; t < timetable.slots(); t++) {
                    int s = timetable.station()[u][t];
                    row.add(s < 0 ? "" : STATIONS.get(s).name());
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private SectionGroups() {
    }

    /** The groups from the dataset's latest scores. */
    static Result plan(Dataset d, Section sec) {
        return plan(d, sec, List.of(), Map.of(), Map.of());
    }

    /** Regrouping: the new assessment on top of the stored scores, keeping students in their previous groups. */
    static Result regroup(Dataset d, Section sec, Result previous, List<Score> newScores) {
        Map<String, Double> prevScore = new LinkedHashMap<>();
        previous.roster().forEach(m -> prevScore.put(m.id(), m.score()));
        return plan(d, sec, newScores, previous.plan().groupOf(), prevScore);
    }

    private static Result plan(Dataset d, Section sec, List<Score> extra, Map<String, String> prevGroup,
                               Map<String, Double> prevScore) {
        SectionGrouping.Result g = SectionGrouping.plan(d, sec, new SectionGrouping.Scores(sec.subject(), "", extra),
                new SectionGrouping.Sizes(MIN, MAX, 0, false),
                new SectionGrouping.Previous(prevGroup, prevScore, Double.NaN),
                new SectionGrouping.Rotation(STATIONS, BLOCK / ROTATION, false, TeacherFirst.Order.LOWEST, 0));
        return new Result(sec, g.roster(), g.plan(), g.timetable(), g.units(), g.teacherNote());
    }

    /** Bars of each group's mean score, for the page's chart. */
    static String chart(Result r) {
        List<String> labels = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        for (GroupPlanner.PlannedGroup g : r.plan().groups()) {
            labels.add(g.id());
            means.add(Math.round(g.meanScore() * 10) / 10.0);
        }
        return Format.json(Map.of("kind", "bar", "labels", labels, "yName", "mean score", "series",
                List.of(Map.of("name", "mean score of the group", "data", means))));
    }
}
