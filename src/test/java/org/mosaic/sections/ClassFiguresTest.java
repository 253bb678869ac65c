package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Section;
import org.mosaic.sections.rules.RuleFlag;

/** Six students in three classes (one empty), every figure worked out by hand. */
class ClassFiguresTest {
    private static final List<SectionProblem.Pupil> PUPILS = List.of(
            new SectionProblem.Pupil("p0", 100, true, "white", "female", false, true, false, false, false),
            new SectionProblem.Pupil("p1", 110, false, "black", "male", false, false, false, false, false),
            new SectionProblem.Pupil("p2", 120, true, "white", "female", false, false, true, false, false),
            new SectionProblem.Pupil("p3", 80, false, "black", "male", true, false, false, false, false),
            new SectionProblem.Pupil("p4", 100, true, "white", "female", false, false, false, false, false),
            new SectionProblem.Pupil("p5", 90, false, "asian", "male", false, false, false, false, false));
    private static final List<Section> SECTIONS = List.of(
            new Section("A", "sch", 6, "math", 30, "honors", true, false, "", "", "", ""),
            new Section("B", "sch", 6, "math", 30, "", false, true, "", "", "", ""),
            new Section("C", "sch", 6, "math", 30, "", false, false, "", "", "", ""));
    private static final int[] PLACEMENT = {0, 0, 0, 1, 1, 1};

    private static SectionProblem problem() {
        List<SectionProblem.Slot> slots = SECTIONS.stream()
                .map(s -> new SectionProblem.Slot(s.id(), s.capacity(), 0, s.coTaught(), s.ellCertified(), s.level()))
                .toList();
        return SectionProblem.builder(PUPILS, slots).build();
    }

    /** Entropy (natural log) of counts. */
    private static double entropy(double... counts) {
        double n = 0;
        for (double c : counts) {
            n += c;
        }
        double e = 0;
        for (double c : counts) {
            e -= c > 0 ? c / n * Math.log(c / n) : 0;
        }
        return e;
    }

    @Test
    void eachClassRowCountsItsOwnStudents() {
        ClassFigures f = ClassFigures.of(problem(), SECTIONS, PLACEMENT);
        ClassFigures.ClassRow a = f.classes().get(0);
        // A: 100, 110, 120: mean 110, population SD sqrt(200 / 3).
        assertThat(a.id()).isEqualTo("A");
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.mean()).isCloseTo(110, within(1e-9));
        assertThat(a.sd()).isCloseTo(Math.sqrt(200.0 / 3), within(1e-9));
        assertThat(a.min()).isEqualTo(100);
        assertThat(a.max()).isEqualTo(120);
        assertThat(a.frlShare()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(List.of(a.flagged().of(RuleFlag.IEP), a.flagged().of(RuleFlag.ELL), a.flagged().of(RuleFlag.GIFTED),
                a.female(), a.male())).containsExactly(1L, 0L, 1L, 2L, 1L);
        assertThat(a.attributes()).isEqualTo("co-taught honors");
        ClassFigures.ClassRow b = f.classes().get(1);
        // B: 80, 100, 90: mean 90, the same SD.
        assertThat(b.mean()).isCloseTo(90, within(1e-9));
        assertThat(b.sd()).isCloseTo(Math.sqrt(200.0 / 3), within(1e-9));
        assertThat(b.min()).isEqualTo(80);
        assertThat(b.max()).isEqualTo(100);
        assertThat(b.frlShare()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(List.of(b.flagged().of(RuleFlag.IEP), b.flagged().of(RuleFlag.ELL), b.flagged().of(RuleFlag.GIFTED),
                b.female(), b.male())).containsExactly(0L, 1L, 0L, 1L, 2L);
        assertThat(b.attributes()).isEqualTo("EL-certified ");
        ClassFigures.ClassRow c = f.classes().get(2);
        assertThat(c.size()).isZero();
        assertThat(c.mean()).isNaN();
        assertThat(c.sd()).isNaN();
        assertThat(List.of(c.min(), c.max(), c.frlShare())).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void theTradeoffIsTheMeanShownSdAndTheilsHBetweenTheClasses() {
        ClassFigures f = ClassFigures.of(problem(), SECTIONS, PLACEMENT);
        // Both SDs show as 8.2 (sqrt(200 / 3) = 8.165), the empty class weighs nothing.
        assertThat(f.meanWithinSd()).isCloseTo(8.2, within(1e-12));
        // FRL: 3 of 6 in the grade, 2 of 3 in A and 1 of 3 in B. H = (E - mean class entropy) / E.
        double e = entropy(3, 3);
        double inClass = (entropy(2, 1) + entropy(1, 2)) / 2;
        assertThat(f.hFrl()).isCloseTo((e - inClass) / e, within(1e-12));
        // Race: white 3, black 2, asian 1; A white 2 black 1; B one of each.
        double eRace = entropy(3, 2, 1);
        double inClassRace = (entropy(2, 1) + entropy(1, 1, 1)) / 2;
        assertThat(f.hRace()).isCloseTo((eRace - inClassRace) / eRace, within(1e-12));
    }

    @Test
    void classesWithTheGradesFrlShareHaveNoFrlSegregation() {
        // A: p0 (frl), p1: half FRL; B: p2 (frl), p3, p4 (frl), p5: half FRL, like the grade. By race A is white and
        // black, B two white, one black, one asian: not alike.
        ClassFigures f = ClassFigures.of(problem(), SECTIONS.subList(0, 2), new int[] {0, 0, 1, 1, 1, 1});
        assertThat(f.hFrl()).isCloseTo(0, within(1e-12));
        double eRace = entropy(3, 2, 1);
        double inClassRace = (2 * entropy(1, 1) + 4 * entropy(2, 1, 1)) / 6;
        assertThat(f.hRace()).isCloseTo((eRace - inClassRace) / eRace, within(1e-12));
        assertThat(f.classes()).extracting(ClassFigures.ClassRow::size).containsExactly(2, 4);
    }
}
