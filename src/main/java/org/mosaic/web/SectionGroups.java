package org.mosaic.web;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.groups.GroupPlanner;
import org.mosaic.groups.StationRotation;
import org.mosaic.groups.TeacherFirst;
import org.mosaic.model.BadInputException;
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

    /**
     * Latest score (and grade equivalent) per student in a subject's overall score, as the command line picks it:
     * the newest year, and within a year the later row.
     */
    static Map<String, double[]> latest(List<Score> scores, String subject) {
        Map<String, Score> best = new HashMap<>();
        for (Score s : scores) {
            if (!s.subject().equalsIgnoreCase(subject) || !s.strand().isEmpty()) {
                continue;
            }
            Score prev = best.get(s.studentId());
            if (prev == null || s.year() >= prev.year()) {
                best.put(s.studentId(), s);
            }
        }
        Map<String, double[]> out = new HashMap<>();
        best.forEach((id, s) -> out.put(id, new double[] {s.scale(), s.gradeEquivalent().orElse(Double.NaN)}));
        return out;
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
        List<String> ids = d.roster(sec.id());
        if (ids.isEmpty()) {
            throw new BadInputException("section " + sec.id() + " has no students in rosters.csv");
        }
        var byId = d.district().studentsById();
        Map<String, double[]> latest = latest(d.scores(), sec.subject());
        latest.putAll(latest(extra, sec.subject()));
        List<GroupPlanner.Member> roster = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            double[] s = latest.get(id);
            if (s == null) {
                missing.add(id);
                continue;
            }
            roster.add(new GroupPlanner.Member(id, s[0], s[1], byId.get(id).grade()));
        }
        if (!missing.isEmpty()) {
            // How many, not who: the page is shown to staff, but errors may reach a log.
            throw new BadInputException(missing.size() + " student(s) of " + sec.id() + " have no " + sec.subject()
                    + " score; add their scores");
        }
        List<int[]> apart = GroupPlanner.apartPairs(roster, d.requests());
        GroupPlanner.Plan plan = GroupPlanner.plan(roster, new GroupPlanner.Options(MIN, MAX, 0, apart, false, 1.0,
                prevGroup, prevScore, Double.NaN, 20));
        int[] sizes = new int[plan.groups().size()];
        double[] need = new double[plan.groups().size()];
        List<String> units = new ArrayList<>();
        for (int g = 0; g < plan.groups().size(); g++) {
            GroupPlanner.PlannedGroup pg = plan.groups().get(g);
            units.add(pg.id());
            sizes[g] = pg.members().size();
            need[g] = TeacherFirst.need(pg.meanLevelGap(), pg.meanScore());
        }
        int[] order = TeacherFirst.needOrder(need, TeacherFirst.Order.LOWEST);
        StationRotation.Timetable t = StationRotation.schedule(sizes, order, STATIONS, BLOCK / ROTATION, true);
        return new Result(sec, roster, plan, t, units, TeacherFirst.explanation(order, t, sizes, units, STATIONS));
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
