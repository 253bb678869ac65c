package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Dataset;
import org.mosaic.model.District;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Race;
import org.mosaic.model.RosterEntry;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Score;
import org.mosaic.model.Section;
import org.mosaic.model.Student;

/**
 * A ten-student district worked out by hand: which students each level counts, the nested decomposition (values from
 * the term-by-term formula in a separate script), segregation between classes inside each school, poverty shares.
 */
class DistrictLevelsTest {
    static Student student(String id, String school, boolean frl, Race race, int grade) {
        return new Student(id, grade, school, new Location(0, 0), "", "", frl, race, Gender.FEMALE, false, false,
                false, 0, false, "", "");
    }

    static School school(String id, String cluster) {
        return new School(id, id, SchoolType.NEIGHBORHOOD, cluster, 6, 8, new Location(0, 0), "", Map.of(6, 30));
    }

    static Section section(String id, String school, String subject) {
        return new Section(id, school, 6, subject, 30, "", false, false, "1", "t", subject, "");
    }

    /**
     * S1 and S2 form cluster K1, S3 is outside clusters. FRL: S1 a1, a2 (class S1/a) and not a3, a4 (S1/b); S2 b1-b3
     * FRL and b4 not, one class; S3 c1 not (class S3/a), c2 not, in no math class. x1 is not enrolled.
     */
    static Dataset dataset() {
        List<Student> students = List.of(student("a1", "S1", true, Race.WHITE, 6),
                student("a2", "S1", true, Race.BLACK, 6), student("a3", "S1", false, Race.WHITE, 6),
                student("a4", "S1", false, Race.WHITE, 7), student("b1", "S2", true, Race.BLACK, 6),
                student("b2", "S2", true, Race.BLACK, 6), student("b3", "S2", true, Race.WHITE, 7),
                student("b4", "S2", false, Race.WHITE, 7), student("c1", "S3", false, Race.WHITE, 6),
                student("c2", "S3", false, Race.BLACK, 6), student("x1", "", true, Race.BLACK, 6));
        List<Section> sections = List.of(section("S1/a", "S1", "Math"), section("S1/b", "S1", "math"),
                section("S2/a", "S2", "math"), section("S3/a", "S3", "math"), section("S3/r", "S3", "reading"));
        List<RosterEntry> rosters = new ArrayList<>();
        for (String[] r : new String[][] {{"S1/a", "a1"}, {"S1/a", "a2"}, {"S1/b", "a3"}, {"S1/b", "a4"},
                {"S2/a", "b1"}, {"S2/a", "b2"}, {"S2/a", "b3"}, {"S2/a", "b4"}, {"S3/a", "c1"}, {"S3/r", "c2"},
                {"S1/b", "a1"}}) {
            rosters.add(new RosterEntry(r[0], r[1]));
        }
        return new Dataset(new District("d", "d", List.of(school("S1", "K1"), school("S2", "K1"), school("S3", "")),
                List.of(), students), List.of(), List.of(), List.of(), List.of(), sections, rosters);
    }

    @Test
    void everyLevelOfTheDecompositionByHand() {
        DistrictSegregation.Result r = DistrictSegregation.of(dataset(), DistrictSegregation.By.FRL,
                DistrictSegregation.ALL_LEVELS, "math");
        assertThat(r.students()).isEqualTo(9);
        assertThat(r.by()).isEqualTo(DistrictSegregation.By.FRL);
        assertThat(r.subject()).isEqualTo("math");
        assertThat(r.levels()).containsExactly("district", "cluster", "school", "section");
        Decomposition d = r.decomposition();
        assertThat(d.parts()).hasSize(4);
        assertThat(d.parts().get(0)).isCloseTo(0, within(1e-15));
        assertThat(d.parts().get(1)).isCloseTo(0.0989053649013393, within(1e-12));
        assertThat(d.parts().get(2)).isCloseTo(0.030064067172093478, within(1e-12));
        assertThat(d.parts().get(3)).isCloseTo(0.30806541358219786, within(1e-12));
        assertThat(d.total()).isCloseTo(0.43703484565563067, within(1e-12));
        assertThat(r.schools().units()).containsExactly("S1", "S2", "S3");
        assertThat(r.localBySchool().get("S1")).isCloseTo(0.006211259999278525, within(1e-12));
        assertThat(r.localBySchool().get("S2")).isCloseTo(0.08123740811186303, within(1e-12));
        assertThat(r.localBySchool().get("S3")).isCloseTo(0.8109302162163288, within(1e-12));
        // S1's two classes split FRL completely (M = ln 2); S2 and S3 have one class each.
        assertThat(r.withinSchoolBetweenClasses().get("S1")).isCloseTo(Math.log(2), within(1e-12));
        assertThat(r.withinSchoolBetweenClasses().get("S2")).isZero();
        assertThat(r.withinSchoolBetweenClasses().get("S3")).isZero();
        assertThat(r.poverty().unitFrlShare()).containsEntry("S1", 0.5).containsEntry("S2", 0.75)
                .containsEntry("S3", 0.0);
        assertThat(r.classPoverty().unitFrlShare()).containsEntry("S1/a", 1.0).containsEntry("S1/b", 0.0)
                .containsEntry("S2/a", 0.75).containsEntry("S3/a", 0.0);
        // FRL students' classes: 2 in a class at 100 %, 3 at 75 %.
        assertThat(r.classPoverty().exposureToPoverty().get("frl")).isCloseTo((2 + 3 * 0.75) / 5, within(1e-12));
    }

    @Test
    void withoutTheClassLevelEveryEnrolledStudentCounts() {
        DistrictSegregation.Result r = DistrictSegregation.of(dataset(), DistrictSegregation.By.RACE,
                List.of("cluster", "school"), "math");
        assertThat(r.students()).isEqualTo(10);
        assertThat(r.withinSchoolBetweenClasses()).isEmpty();
        assertThat(r.schools().groups()).containsExactlyInAnyOrder("white", "black");
        assertThat(r.decomposition().levels()).containsExactly("cluster", "school");
        GroupUnitTable clusters = r.schools().aggregate(new int[] {0, 0, 1}, List.of("K1", "outside clusters"));
        assertThat(r.decomposition().parts().get(0)).isCloseTo(Segregation.mutualInformation(clusters),
                within(1e-12));
        // Classes inside schools without the school level: the school is the part of the class id before '/'.
        DistrictSegregation.Result noSchool = DistrictSegregation.of(dataset(), DistrictSegregation.By.FRL,
                List.of("district", "section"), "MATH");
        assertThat(noSchool.withinSchoolBetweenClasses()).containsOnlyKeys("S1", "S2", "S3");
        assertThat(noSchool.withinSchoolBetweenClasses().get("S1")).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void badLevelsAndEmptySelectionsSaySo() {
        assertThatThrownBy(() -> DistrictSegregation.of(dataset(), DistrictSegregation.By.FRL,
                List.of("school", "classroom"), "math")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown level 'classroom'; levels are [district, cluster, school, section]");
        assertThatThrownBy(() -> DistrictSegregation.of(dataset(), DistrictSegregation.By.FRL,
                List.of("school", "section"), "science")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no student has a class in subject 'science' (rosters.csv); drop the section level or "
                        + "pick another --subject");
        Dataset nobody = new Dataset(new District("d", "d", List.of(school("S1", "")), List.of(),
                List.of(student("x", "", true, Race.WHITE, 6))), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
        assertThatThrownBy(() -> DistrictSegregation.of(nobody, DistrictSegregation.By.FRL, List.of("school"), "math"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no enrolled students");
        assertThat(DistrictSegregation.By.parse(" race ")).isEqualTo(DistrictSegregation.By.RACE);
        assertThat(DistrictSegregation.groupOf(student("y", "S1", false, Race.HISPANIC, 6),
                DistrictSegregation.By.RACE)).isEqualTo("hispanic");
        assertThat(DistrictSegregation.groupOf(student("y", "S1", false, Race.HISPANIC, 6),
                DistrictSegregation.By.FRL)).isEqualTo("not_frl");
    }

    /**
     * Grade 6 math: a1 200, a2 210, a3 220, c1 230 (mean 215, population SD √125); grade 7: a4 250, b3 270 (z ∓1).
     * z-scores within grade, then the FRL gap in them, district-wide and for S1 (S2 and S3 lack one group).
     */
    @Test
    void gapsUseScoresStandardizedWithinGrade() {
        List<Score> scores = List.of(Score.annual("a1", "math", 2026, 200), Score.annual("a2", "math", 2026, 210),
                Score.annual("a3", "math", 2026, 220), Score.annual("c1", "math", 2026, 230),
                Score.annual("a4", "math", 2026, 250), Score.annual("b3", "math", 2026, 270),
                Score.annual("a1", "reading", 2026, 100));
        Dataset d = dataset();
        Dataset withScores = new Dataset(d.district(), scores, List.of(), List.of(), List.of(), d.sections(),
                d.rosters());
        Map<String, Double> z = GradeGaps.standardizedWithinGrade(withScores, "math");
        double sd6 = Math.sqrt((15 * 15 + 5 * 5 + 5 * 5 + 15 * 15) / 4.0);
        assertThat(z.get("a1")).isCloseTo(-15 / sd6, within(1e-12));
        assertThat(z.get("c1")).isCloseTo(15 / sd6, within(1e-12));
        assertThat(z.get("a4")).isCloseTo(-1, within(1e-12));
        assertThat(z.get("b3")).isCloseTo(1, within(1e-12));
        assertThat(z).hasSize(6);
        Map<String, AchievementGap.Result> gaps = GradeGaps.byUnit(withScores, "math", DistrictSegregation.By.FRL,
                List.of("not_frl", "frl"), Double.NaN);
        assertThat(gaps).containsOnlyKeys("district", "S1");
        assertThat(gaps.get("S1").nA()).isEqualTo(2);
        assertThat(gaps.get("S1").meanA()).isCloseTo((5 / sd6 - 1) / 2, within(1e-12));
        assertThat(gaps.get("S1").meanB()).isCloseTo((-15 / sd6 - 5 / sd6) / 2, within(1e-12));
        assertThat(gaps.get("district").nA()).isEqualTo(3);
        assertThat(gaps.get("district").nB()).isEqualTo(3);
    }
}
