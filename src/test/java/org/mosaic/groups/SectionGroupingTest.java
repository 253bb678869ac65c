package org.mosaic.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.PlacementRequest;
import org.mosaic.model.Race;
import org.mosaic.model.RequestKind;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * A class planned from a dataset small enough to check by hand or by brute force: which score each student is
 * grouped on, that the dataset's keep-apart requests and the sizes reach the planner, who meets the teacher first,
 * the mixed groups, the district-wide overview and the error for a student without a score.
 */
class SectionGroupingTest {
    private static final Section S1 = section("S1", "math");
    private static final List<StationRotation.Station> ROOMY = List.of(new StationRotation.Station("teacher", 12, true),
            new StationRotation.Station("online", 12, false), new StationRotation.Station("collaborative", 12, false));

    private static Section section(String id, String subject) {
        return new Section(id, "sch", 6, subject, 30, "", false, false, "", "", "", "");
    }

    private static Student student(String id) {
        return new Student(id, 6, "sch", null, "", "", false, Race.WHITE, Gender.FEMALE, false, false, false, 0,
                false, "", "");
    }

    private static Score score(String id, String subject, String strand, int year, String term, double scale,
                               double gradeEquivalent) {
        return new Score(id, subject, strand, year, term, scale, Double.isNaN(gradeEquivalent)
                ? OptionalDouble.empty() : OptionalDouble.of(gradeEquivalent));
    }

    /**
     * Eight grade-6 students in S1. Latest math scores, worked out by hand: S01 150 (its 2025 row of 200 is older),
     * S02 160, S03 170 (the later of two 2026 rows), S04 180 (its strand row does not count), S05 190 (its reading
     * row does not count), S06 200, S07 210, S08 220 (230 in the new assessment). Grade equivalents: S01 3.0
     * (-3.7 years), S02 4.0 (-2.7), S07 8.0 (+1.3). S05 and S06 are kept apart; a request naming someone outside
     * the class is not this class's.
     */
    private static Dataset dataset(List<String> extraOnRoster, List<Section> extraSections,
                                   List<RosterEntry> extraRosters) {
        List<String> ids = new ArrayList<>(List.of("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08"));
        List<Student> students = new ArrayList<>();
        ids.forEach(id -> students.add(student(id)));
        extraOnRoster.forEach(id -> students.add(student(id)));
        students.add(student("X99"));
        List<Score> scores = List.of(
                score("S01", "math", "", 2025, "", 200, 6.0),
                score("S01", "math", "", 2026, "", 150, 3.0),
                score("S02", "math", "", 2026, "", 160, 4.0),
                score("S03", "math", "", 2026, "fall", 100, Double.NaN),
                score("S03", "math", "", 2026, "winter", 170, Double.NaN),
                score("S04", "math", "", 2026, "", 180, Double.NaN),
                score("S04", "math", "fractions", 2026, "", 999, Double.NaN),
                score("S05", "math", "", 2026, "", 190, Double.NaN),
                score("S05", "reading", "", 2026, "", 500, Double.NaN),
                score("S06", "math", "", 2026, "", 200, Double.NaN),
                score("S07", "math", "", 2026, "", 210, 8.0),
                score("S08", "math", "", 2026, "", 220, Double.NaN));
        List<RosterEntry> rosters = new ArrayList<>();
        ids.forEach(id -> rosters.add(new RosterEntry("S1", id)));
        extraOnRoster.forEach(id -> rosters.add(new RosterEntry("S1", id)));
        rosters.addAll(extraRosters);
        List<Section> sections = new ArrayList<>(List.of(S1));
        sections.addAll(extraSections);
        List<PlacementRequest> requests = List.of(new PlacementRequest("S05", "S06", RequestKind.APART),
                new PlacementRequest("S01", "X99", RequestKind.APART));
        return new Dataset(new District("d", "d", List.of(), List.of(), students), scores, List.of(), List.of(),
                requests, sections, rosters);
    }

    private static Dataset dataset() {
        return dataset(List.of(), List.of(), List.of());
    }

    private static final SectionGrouping.Scores NEW_ASSESSMENT = new SectionGrouping.Scores("math", "",
            List.of(score("S08", "math", "", 2027, "winter", 230, Double.NaN)));

    private static SectionGrouping.Result plan(Dataset d, SectionGrouping.Scores scores, boolean individual,
                                               TeacherFirst.Order order, List<StationRotation.Station> stations,
                                               int mixed) {
        return SectionGrouping.plan(d, S1, scores, new SectionGrouping.Sizes(2, 4, 0, false),
                SectionGrouping.Previous.NONE, new SectionGrouping.Rotation(stations, 3, individual, order, mixed));
    }

    @Test
    void eachStudentIsGroupedOnHerLatestOverallScoreWithTheNewAssessmentOnTop() {
        SectionGrouping.Result r = plan(dataset(), NEW_ASSESSMENT, false, TeacherFirst.Order.LOWEST, ROOMY, 0);
        Map<String, Double> score = new HashMap<>();
        r.roster().forEach(m -> score.put(m.id(), m.score()));
        assertThat(r.roster()).extracting(GroupPlanner.Member::id)
                .containsExactly("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08");
        assertThat(score).containsExactlyInAnyOrderEntriesOf(Map.of("S01", 150.0, "S02", 160.0, "S03", 170.0,
                "S04", 180.0, "S05", 190.0, "S06", 200.0, "S07", 210.0, "S08", 230.0));
        assertThat(r.roster().get(0).levelGap()).isCloseTo(-3.7, within(1e-9));
        assertThat(r.roster().get(2).levelGap()).isNaN();
        SectionGrouping.Result withoutNew = plan(dataset(), SectionGrouping.Scores.latest("math"), false,
                TeacherFirst.Order.LOWEST, ROOMY, 0);
        assertThat(withoutNew.roster().get(7).score()).isEqualTo(220.0);
    }

    @Test
    void theGroupsAreAsNarrowAsBruteForceFindsUnderTheSizesAndTheKeepApartRequest() {
        SectionGrouping.Result r = plan(dataset(), NEW_ASSESSMENT, false, TeacherFirst.Order.LOWEST, ROOMY, 0);
        double[] scores = {150, 160, 170, 180, 190, 200, 210, 230};
        double[] best = bruteForce(scores, 2, 4, 4, 5);
        assertThat(r.plan().maxRange()).isCloseTo(best[0], within(1e-9));
        assertThat(r.plan().totalRange()).isCloseTo(best[1], within(1e-9));
        Set<String> seen = new HashSet<>();
        for (GroupPlanner.PlannedGroup g : r.plan().groups()) {
            assertThat(g.members().size()).isBetween(2, 4);
            assertThat(g.members().contains("S05") && g.members().contains("S06")).isFalse();
            seen.addAll(g.members());
        }
        assertThat(seen).hasSize(8);
    }

    /**
     * The lexicographically smallest (widest range, total of ranges) over every partition of the students into
     * groups of min to max that keeps students a and b apart: all set partitions, enumerated by restricted growth.
     */
    private static double[] bruteForce(double[] scores, int min, int max, int a, int b) {
        double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        int[] label = new int[scores.length];
        enumerate(scores, min, max, a, b, label, 0, 0, best);
        return best;
    }

    private static void enumerate(double[] scores, int min, int max, int a, int b, int[] label, int i, int used,
                                  double[] best) {
        if (i == scores.length) {
            if (label[a] == label[b]) {
                return;
            }
            double widest = 0;
            double total = 0;
            for (int g = 0; g < used; g++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                int size = 0;
                for (int k = 0; k < scores.length; k++) {
                    if (label[k] == g) {
                        lo = Math.min(lo, scores[k]);
                        hi = Math.max(hi, scores[k]);
                        size++;
                    }
                }
                if (size < min || size > max) {
                    return;
                }
                widest = Math.max(widest, hi - lo);
                total += hi - lo;
            }
            if (widest < best[0] - 1e-9 || Math.abs(widest - best[0]) < 1e-9 && total < best[1]) {
                best[0] = widest;
                best[1] = total;
            }
            return;
        }
        for (int g = 0; g <= used; g++) {
            label[i] = g;
            enumerate(scores, min, max, a, b, label, i + 1, Math.max(used, g + 1), best);
        }
    }

    /** Need as the teacher sees it, written out here: mean years vs grade level of those known, else mean score. */
    private static double need(GroupPlanner.PlannedGroup g, Map<String, GroupPlanner.Member> byId) {
        double gap = 0;
        int known = 0;
        double sum = 0;
        for (String id : g.members()) {
            GroupPlanner.Member m = byId.get(id);
            sum += m.score();
            if (!Double.isNaN(m.gradeEquivalent())) {
                gap += m.gradeEquivalent() - 6.7;
                known++;
            }
        }
        return known > 0 ? gap / known : sum / g.members().size();
    }

    private static int teacherSlot(SectionGrouping.Result r, String unit) {
        int u = r.units().indexOf(unit);
        for (int t = 0; t < r.timetable().slots(); t++) {
            int s = r.timetable().station()[u][t];
            if (s >= 0 && r.rotation().stations().get(s).teacher()) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void theNeediestGroupMeetsTheTeacherFirstAndTheLeastNeedyFirstWhenAskedForHighest() {
        for (TeacherFirst.Order order : List.of(TeacherFirst.Order.LOWEST, TeacherFirst.Order.HIGHEST)) {
            SectionGrouping.Result r = plan(dataset(), NEW_ASSESSMENT, false, order, ROOMY, 0);
            Map<String, GroupPlanner.Member> byId = new HashMap<>();
            r.roster().forEach(m -> byId.put(m.id(), m));
            GroupPlanner.PlannedGroup first = r.plan().groups().get(0);
            for (GroupPlanner.PlannedGroup g : r.plan().groups()) {
                boolean before = order == TeacherFirst.Order.LOWEST ? need(g, byId) < need(first, byId)
                        : need(g, byId) > need(first, byId);
                first = before ? g : first;
            }
            assertThat(r.units()).containsExactlyElementsOf(r.plan().groups().stream()
                    .map(GroupPlanner.PlannedGroup::id).toList());
            assertThat(teacherSlot(r, first.id())).as(order + ": group " + first.id()).isZero();
            assertThat(r.teacherNote()).isEmpty();
        }
    }

    @Test
    void studentsRotatingOneByOneAreTheUnitsAndTheFurthestBehindMeetsTheTeacherFirst() {
        List<StationRotation.Station> tight = List.of(new StationRotation.Station("teacher", 3, true),
                new StationRotation.Station("online", 3, false), new StationRotation.Station("collaborative", 3,
                        false));
        SectionGrouping.Result r = plan(dataset(), NEW_ASSESSMENT, true, TeacherFirst.Order.LOWEST, tight, 0);
        assertThat(r.units()).containsExactly("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08");
        // S01 is 3.7 years below grade level and S02 2.7: the two furthest behind.
        assertThat(teacherSlot(r, "S01")).isZero();
        assertThat(teacherSlot(r, "S02")).isZero();
        // Highest need under LOWEST is the top score among those without a grade equivalent: S08 (230) goes last.
        assertThat(teacherSlot(r, "S08")).isEqualTo(2);
    }

    @Test
    void mixedGroupsAreDealtInSerpentineOrderOfScore() {
        SectionGrouping.Result r = plan(dataset(), NEW_ASSESSMENT, false, TeacherFirst.Order.NONE, ROOMY, 2);
        // Ranks 1..8 dealt 1,2,2,1,1,2,2,1: {150, 180, 190, 230} and {160, 170, 200, 210}; S05 and S06 already apart.
        assertThat(r.mixed()).hasSize(2);
        assertThat(r.mixed().get(0)).extracting(GroupPlanner.Member::id)
                .containsExactlyInAnyOrder("S01", "S04", "S05", "S08");
        assertThat(r.mixed().get(1)).extracting(GroupPlanner.Member::id)
                .containsExactlyInAnyOrder("S02", "S03", "S06", "S07");
        assertThat(plan(dataset(), NEW_ASSESSMENT, false, TeacherFirst.Order.NONE, ROOMY, 0).mixed()).isEmpty();
    }

    @Test
    void aStudentWithoutAScoreIsCountedInTheMessageAndNamedOnlyToTheCaller() {
        Dataset d = dataset(List.of("S09"), List.of(), List.of());
        assertThatThrownBy(() -> plan(d, NEW_ASSESSMENT, false, TeacherFirst.Order.LOWEST, ROOMY, 0))
                .isInstanceOfSatisfying(SectionGrouping.MissingScores.class, e -> {
                    assertThat(e.students()).containsExactly("S09");
                    assertThat(e.getMessage()).isEqualTo("1 student(s) of S1 have no math score; add their scores");
                });
        SectionGrouping.Scores strand = new SectionGrouping.Scores("math", "fractions", List.of());
        assertThatThrownBy(() -> plan(dataset(), strand, false, TeacherFirst.Order.LOWEST, ROOMY, 0))
                .isInstanceOfSatisfying(SectionGrouping.MissingScores.class, e -> {
                    assertThat(e.students()).hasSize(7).doesNotContain("S04");
                    assertThat(e.getMessage()).startsWith("7 student(s) of S1 have no math fractions score");
                });
    }

    @Test
    void everySectionOfTheSubjectIsGroupedLeavingOutUnscoredStudentsAndTooSmallClasses() {
        Section s2 = section("S2", "math");
        Section s3 = section("S3", "MATH");
        Section r1 = section("R1", "reading");
        Dataset d = dataset(List.of(), List.of(s2, s3, r1), List.of(new RosterEntry("S2", "S01"),
                new RosterEntry("S2", "X99"), new RosterEntry("S2", "S02"), new RosterEntry("S3", "S03"),
                new RosterEntry("R1", "S05"), new RosterEntry("R1", "S06")));
        List<SectionGrouping.SectionPlan> plans = SectionGrouping.everySection(d, SectionGrouping.Scores.latest("math"),
                2, 4);
        assertThat(plans).extracting(p -> p.section().id()).containsExactly("S1", "S2");
        assertThat(plans.get(1).roster()).extracting(GroupPlanner.Member::id).containsExactly("S01", "S02");
        assertThat(plans.get(1).plan().groups()).hasSize(1);
        assertThat(plans.get(1).plan().maxRange()).isEqualTo(10.0);
        // The overview keeps no request: S05 and S06 (190, 200) share a group in the narrowest split of S1.
        assertThat(plans.get(0).plan().groups()).anySatisfy(g -> assertThat(g.members()).contains("S05", "S06"));
    }

    @Test
    void theResultCannotBeChangedFromOutside() {
        SectionGrouping.Result r = plan(dataset(), NEW_ASSESSMENT, false, TeacherFirst.Order.LOWEST, ROOMY, 2);
        assertThatThrownBy(() -> r.roster().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.units().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.mixed().get(0).clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
