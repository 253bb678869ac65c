package org.mosaic.sections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.model.BadInputException;

/**
 * The rules' shares outside the solver's core: the drafts, the reasons column and the conflict explainer learn about
 * IEP, EL and gifted students only from the rule package now. Each is checked on a tiny school where the rule binds,
 * against what the test code reads from the raw data itself ({@link IndependentRules}, the flags), and with the rule
 * off, where the same students must be treated like any other.
 */
class RuleSharesTest {
    /** n students scoring 100, 101, ...; {@code iep}, {@code ell}, {@code gifted}: who has each flag. */
    private static List<SectionProblem.Pupil> pupils(int n, List<Integer> iep, List<Integer> ell,
                                                     List<Integer> gifted) {
        List<SectionProblem.Pupil> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SectionProblem.Pupil("p" + i, 100 + i, false, "white", i % 2 == 0 ? "male" : "female",
                    ell.contains(i), iep.contains(i), gifted.contains(i), false, false));
        }
        return out;
    }

    private static SectionProblem.Slot slot(String id, int cap, boolean coTaught, boolean certified) {
        return new SectionProblem.Slot(id, cap, 1, coTaught, certified, "");
    }

    @Test
    void theBandDraftSendsPlacedStudentsToTheirSectionsWhereBandsWouldNot() {
        // The four lowest scorers have an IEP and the three highest are English learners; bands would put them in
        // s0 and s1, but s1 is the co-taught section and s0 the certified one.
        SectionProblem p = SectionProblem.builder(pupils(20, List.of(0, 1, 2, 3), List.of(17, 18, 19), List.of()),
                List.of(slot("s0", 10, false, true), slot("s1", 10, true, false))).tracking(1).seed(1).build();
        int[] bands = new int[20];
        for (int i = 10; i < 20; i++) {
            bands[i] = 1;
        }
        assertThat(IndependentRules.broken(p, bands)).as("plain bands break both rules")
                .containsKeys(IndependentRules.IEP, IndependentRules.EL);
        assertThat(IndependentRules.broken(p, Drafts.bandDraft(p))).doesNotContainKeys(IndependentRules.IEP,
                IndependentRules.EL);
        assertThat(IndependentRules.broken(p, Drafts.snakeDraft(p))).doesNotContainKeys(IndependentRules.IEP,
                IndependentRules.EL);
        // With both rules off the band draft is plain bands.
        SectionProblem off = HardRulesTest.withRules(p, HardRulesTest.rules(false, 0.4, 12, false, false));
        assertThat(Drafts.bandDraft(off)).containsExactly(bands);
    }

    @Test
    void theReasonsNameEveryRuleThatPlacedAStudent() {
        // p0 has an IEP, p1 is an English learner, p2..p5 are gifted (a cluster of four); s0 is co-taught, no section
        // is certified, so the EL rule is not in force and gives no reason.
        SectionProblem p = SectionProblem.builder(pupils(12, List.of(0), List.of(1), List.of(2, 3, 4, 5)),
                List.of(slot("s0", 6, true, false), slot("s1", 6, false, false))).seed(1).build();
        int[] section = {0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1};
        Map<Integer, List<String>> why = PlacementRules.reasons(p, section);
        for (int i = 0; i < 12; i++) {
            List<String> expected = new ArrayList<>();
            if (p.pupils().get(i).iep()) {
                expected.add("IEP: co-taught section");
            }
            if (p.pupils().get(i).gifted()) {
                expected.add("gifted cluster");
            }
            assertThat(why.get(i)).as("student %d", i).isEqualTo(expected);
        }
    }

    @Test
    void whatTwoRulesOrALockCannotDoIsExplainedByTheRules() {
        // p0 has an IEP and is an English learner: s0 is co-taught, s1 certified, neither both.
        List<SectionProblem.Slot> apartRules = List.of(slot("s0", 10, true, false), slot("s1", 10, false, true));
        SectionProblem both = SectionProblem.builder(pupils(12, List.of(0), List.of(0), List.of()), apartRules)
                .seed(1).build();
        assertThatThrownBy(() -> ConflictExplainer.obvious(both)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1 student(s) with an IEP who are also English learners need a section that is "
                        + "both co-taught and EL-certified; there is none");
        // p0 (IEP) and p1 (English learner) must sit together.
        SectionProblem together = SectionProblem.builder(pupils(12, List.of(0), List.of(1), List.of()), apartRules)
                .together(List.<int[]>of(new int[] {0, 1})).seed(1).build();
        assertThatThrownBy(() -> ConflictExplainer.obvious(together)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("keep-together group with IEP students and English learners (p0, ...) needs a "
                        + "section that is both co-taught and EL-certified; there is none");
        // p0 (IEP) locked into s1, p1 (English learner) into s0.
        SectionProblem locked = SectionProblem.builder(pupils(12, List.of(0), List.of(1), List.of()), apartRules)
                .locks(Map.of(0, 1, 1, 0)).seed(1).build();
        assertThatThrownBy(() -> ConflictExplainer.obvious(locked)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("lock puts IEP student p0 in s1, which is not co-taught")
                .hasMessageContaining("lock puts English learner p1 in s0, which has no EL-certified teacher");
        // With the rules off none of it is a conflict.
        SectionProblem.Rules off = HardRulesTest.rules(false, 0.4, 12, false, false);
        for (SectionProblem q : List.of(both, together, locked)) {
            assertThatCode(() -> ConflictExplainer.obvious(HardRulesTest.withRules(q, off))).doesNotThrowAnyException();
        }
    }
}
