package org.mosaic.groups;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaic.model.BadInputException;
import org.mosaic.model.Dataset;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * One class's small groups and station rotation, planned from a dataset: the roster with each student's latest score,
 * the section's keep-apart requests, the planner's groups and a rotation that gives teacher-led time first to the
 * units most in need. The command line and the web page both plan through here, so a class gets the same groups
 * and the same rotation from either.
 */
public final class SectionGrouping {
    /** How long a search of a class's groups may run, in seconds (the planner stops earlier on its work limits). */
    static final double TIME_LIMIT = 20;

    private SectionGrouping() {
    }

    /**
     * Which scores group the class: a subject, one strand of it ("" for the overall score), and a new assessment
     * whose rows take the place of the dataset's for the students it covers.
     */
    public record Scores(String subject, String strand, List<Score> newAssessment) {
        public Scores {
            strand = strand == null ? "" : strand;
            newAssessment = List.copyOf(newAssessment);
        }

        /** The dataset's latest overall scores in a subject. */
        public static Scores latest(String subject) {
            return new Scores(subject, "", List.of());
        }
    }

    /** Group sizes, how many groups (0 = as the sizes allow), and whether students above grade level work apart. */
    public record Sizes(int min, int max, int groups, boolean accelerate) {
    }

    /**
     * The last grouping, for regrouping with the fewest moves: each student's group and score then, and the widest
     * range a group may have (NaN: the narrowest the new scores allow).
     */
    public record Previous(Map<String, String> group, Map<String, Double> score, double maxRange) {
        public static final Previous NONE = new Previous(Map.of(), Map.of(), Double.NaN);

        public Previous {
            group = Map.copyOf(group);
            score = Map.copyOf(score);
        }
    }

    /**
     * The rotation: the stations, how many slots the block holds, whether students rotate one by one rather than
     * as groups, who meets the teacher first, and how many mixed-ability groups to deal for the collaborative
     * station (0 = none).
     */
    public record Rotation(List<StationRotation.Station> stations, int slots, boolean individual,
                           TeacherFirst.Order teacherFirst, int mixedGroups) {
        public Rotation {
            stations = List.copyOf(stations);
        }
    }

    /**
     * A planned class: its roster (in roster order, each with her latest score), the groups, the rotation's units
     * (group ids, or student ids when students rotate one by one) and timetable, the sentence that says why the
     * teacher's order differs from the order of need (empty when it does not), and the mixed-ability groups.
     */
    public record Result(Section section, List<GroupPlanner.Member> roster, GroupPlanner.Plan plan, Rotation rotation,
                         StationRotation.Timetable timetable, List<String> units, String teacherNote,
                         List<List<GroupPlanner.Member>> mixed) {
        public Result {
            roster = List.copyOf(roster);
            units = List.copyOf(units);
            mixed = mixed.stream().map(List::copyOf).toList();
        }

        /** A search ended on the wall-clock safety net instead of its work limit: the result may not reproduce. */
        public boolean stoppedByWallClock() {
            return plan.stoppedByWallClock() || timetable.stoppedByWallClock();
        }
    }

    /** One section's fresh groups, when every section of a subject is grouped at once. */
    public record SectionPlan(Section section, List<GroupPlanner.Member> roster, GroupPlanner.Plan plan) {
        public SectionPlan {
            roster = List.copyOf(roster);
        }
    }

    /** Students of a roster without a score to group them on; the message counts them and names nobody. */
    public static final class MissingScores extends BadInputException {
        private final transient List<String> students;

        MissingScores(Section section, Scores scores, List<String> students) {
            super(students.size() + " student(s) of " + section.id() + " have no " + scores.subject()
                    + (scores.strand().isEmpty() ? "" : " " + scores.strand()) + " score; add their scores");
            this.students = List.copyOf(students);
        }

        /** The students' ids, in roster order. */
        public List<String> students() {
            return students;
        }
    }

    /**
     * Plans a class: its roster and keep-apart pairs from the dataset, its groups (fresh, or regrouped from
     * {@code previous}), and its rotation.
     *
     * @throws MissingScores when a student of the roster has no score in {@code scores}
     */
    public static Result plan(Dataset d, Section section, Scores scores, Sizes sizes, Previous previous,
                              Rotation rotation) {
        List<String> ids = d.roster(section.id());
        if (ids.isEmpty()) {
            throw new BadInputException("section " + section.id() + " has no students in rosters.csv");
        }
        Map<String, Score> latest = latest(d.scores(), scores);
        latest.putAll(latest(scores.newAssessment(), scores));
        List<String> missing = ids.stream().filter(id -> !latest.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new MissingScores(section, scores, missing);
        }
        List<GroupPlanner.Member> roster = members(ids, latest, d.district().studentsById());
        List<int[]> apart = GroupPlanner.apartPairs(roster, d.requests());
        GroupPlanner.Plan plan = GroupPlanner.plan(roster, new GroupPlanner.Options(sizes.min(), sizes.max(),
                sizes.groups(), apart, sizes.accelerate(), 1.0, previous.group(), previous.score(),
                previous.maxRange(), TIME_LIMIT));
        List<String> units = new ArrayList<>();
        int[] unitSizes;
        double[] need;
        if (rotation.individual()) {
            unitSizes = new int[roster.size()];
            need = new double[roster.size()];
            for (int i = 0; i < roster.size(); i++) {
                units.add(roster.get(i).id());
                unitSizes[i] = 1;
                need[i] = TeacherFirst.need(roster.get(i).levelGap(), roster.get(i).score());
            }
        } else {
            unitSizes = new int[plan.groups().size()];
            need = new double[plan.groups().size()];
            for (int g = 0; g < plan.groups().size(); g++) {
                GroupPlanner.PlannedGroup pg = plan.groups().get(g);
                units.add(pg.id());
                unitSizes[g] = pg.members().size();
                need[g] = TeacherFirst.need(pg.meanLevelGap(), pg.meanScore());
            }
        }
        int[] needOrder = TeacherFirst.needOrder(need, rotation.teacherFirst());
        StationRotation.Timetable timetable = StationRotation.schedule(unitSizes, needOrder, rotation.stations(),
                rotation.slots(), !rotation.individual());
        String note = TeacherFirst.explanation(needOrder, timetable, unitSizes, units, rotation.stations());
        return new Result(section, roster, plan, rotation, timetable, units, note,
                mixed(roster, apart, rotation.mixedGroups()));
    }

    /**
     * Fresh groups of {@code min} to {@code max} in every section of the scores' subject, in sections.csv order;
     * students without a score are left out, and a section with fewer than {@code min} scored students is skipped.
     * Keep-apart requests and acceleration are not applied: this is the district-wide overview.
     */
    public static List<SectionPlan> everySection(Dataset d, Scores scores, int min, int max) {
        Map<String, Score> latest = latest(d.scores(), scores);
        latest.putAll(latest(scores.newAssessment(), scores));
        Map<String, Student> byId = d.district().studentsById();
        Map<String, List<String>> rosters = new LinkedHashMap<>();
        d.rosters().forEach(e -> rosters.computeIfAbsent(e.sectionId(), k -> new ArrayList<>()).add(e.studentId()));
        List<SectionPlan> out = new ArrayList<>();
        for (Section sec : d.sections()) {
            if (!sec.subject().equalsIgnoreCase(scores.subject())) {
                continue;
            }
            List<String> scored = rosters.getOrDefault(sec.id(), List.of()).stream()
                    .filter(latest::containsKey).toList();
            List<GroupPlanner.Member> roster = members(scored, latest, byId);
            if (roster.size() < min) {
                continue;
            }
            out.add(new SectionPlan(sec, roster, GroupPlanner.plan(roster, GroupPlanner.Options.fresh(min, max))));
        }
        return out;
    }

    /**
     * Each student's latest row in the scores' subject and strand: the newest year, and within a year the later row
     * (the files list terms in order).
     */
    static Map<String, Score> latest(List<Score> rows, Scores scores) {
        Map<String, Score> best = new HashMap<>();
        for (Score s : rows) {
            if (!s.subject().equalsIgnoreCase(scores.subject()) || !s.strand().equalsIgnoreCase(scores.strand())) {
                continue;
            }
            Score prev = best.get(s.studentId());
            if (prev == null || s.year() >= prev.year()) {
                best.put(s.studentId(), s);
            }
        }
        return best;
    }

    private static List<GroupPlanner.Member> members(List<String> ids, Map<String, Score> latest,
                                                     Map<String, Student> byId) {
        List<GroupPlanner.Member> roster = new ArrayList<>();
        for (String id : ids) {
            Score s = latest.get(id);
            roster.add(new GroupPlanner.Member(id, s.scale(), s.gradeEquivalent().orElse(Double.NaN),
                    byId.get(id).grade()));
        }
        return roster;
    }

    private static List<List<GroupPlanner.Member>> mixed(List<GroupPlanner.Member> roster, List<int[]> apart,
                                                         int count) {
        if (count <= 0) {
            return List.of();
        }
        double[] scores = roster.stream().mapToDouble(GroupPlanner.Member::score).toArray();
        List<List<GroupPlanner.Member>> out = new ArrayList<>();
        for (int[] g : MixedGroups.deal(scores, count, apart.toArray(int[][]::new))) {
            List<GroupPlanner.Member> members = new ArrayList<>();
            for (int i : g) {
                members.add(roster.get(i));
            }
            out.add(members);
        }
        return out;
    }
}
