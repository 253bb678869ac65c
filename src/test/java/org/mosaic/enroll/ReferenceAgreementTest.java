package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.bench.EnrollInstances;
import org.mosaic.bench.ReferenceDeferredAcceptance;

/** The fast DA and the textbook reference agree on a mid-sized skewed market (the benchmark's, scaled down). */
class ReferenceAgreementTest {
    @Test
    void fastAndReferenceDeferredAcceptanceGiveTheSameAssignment() {
        Market m = EnrollInstances.build(5_000, 60, 8, 3).market(11);
        Outcome fast = Assigner.run(m, Mechanism.DA);
        Map<String, String> ref = ReferenceDeferredAcceptance.run(m);
        for (int i = 0; i < m.applicants(); i++) {
            String id = m.students().get(i).id();
            String mine = fast.schoolOf(i) < 0 ? null : m.schools().get(fast.schoolOf(i)).id();
            assertThat(mine).as(id).isEqualTo(ref.get(id));
        }
    }
}
