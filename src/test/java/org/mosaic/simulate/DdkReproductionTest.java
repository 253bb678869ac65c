package org.mosaic.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Progress;

/**
 * The ddk2011 parameter set must reproduce Duflo, Dupas &amp; Kremer's (2011) four findings in their setting: the
 * checks here read the estimates directly, independently of the report's own target flags.
 */
class DdkReproductionTest {

    @Test
    void ddk2011ReproducesTheFourFindingsOver200Draws() {
        DdkExperiment.Result r = DdkExperiment.run(ModelParameters.named("ddk2011"), DdkExperiment.Setting.ddk2011(),
                1, 200, 2, Progress.NONE);
        assertThat(r.draws()).hasSize(200);
        // Tracking raised scores by about 0.14 SD.
        assertThat(r.trackingEffect().mean()).isBetween(0.10, 0.20);
        // Students in every quarter of the initial distribution gained.
        for (Interval q : r.quartileEffects()) {
            assertThat(q.mean()).isPositive();
        }
        // Just above and just below the median (different sections) did equally well: the interval an experiment
        // of DDK's size would produce covers zero.
        assertThat(r.medianDiscontinuity().low()).isNegative();
        assertThat(r.medianDiscontinuity().high()).isPositive();
        // Random sections: classmates with higher baseline scores help.
        assertThat(r.peerEffect().mean()).isPositive();
    }

    @Test
    void strongerPeerEffectsOpenAGapAtTheMedian() {
        // Hoxby's larger direct peer effect without a stronger teaching channel should break DDK's median finding:
        // the check that the reproduction depends on the calibration, not on the estimator.
        DdkExperiment.Result r = DdkExperiment.run(ModelParameters.named("hoxby2000"),
                DdkExperiment.Setting.ddk2011(), 1, 60, 2, Progress.NONE);
        assertThat(r.medianDiscontinuity().low()).isPositive();
        assertThat(r.peerEffect().mean()).isGreaterThan(DdkExperiment.run(ModelParameters.named("ddk2011"),
                DdkExperiment.Setting.ddk2011(), 1, 60, 2, Progress.NONE).peerEffect().mean());
    }

    @Test
    void theSameSeedGivesTheSameDrawsOnAnyNumberOfThreads() {
        ModelParameters p = ModelParameters.named("ddk2011");
        DdkExperiment.Result one = DdkExperiment.run(p, DdkExperiment.Setting.ddk2011(), 7, 12, 1, Progress.NONE);
        DdkExperiment.Result four = DdkExperiment.run(p, DdkExperiment.Setting.ddk2011(), 7, 12, 4, Progress.NONE);
        for (int i = 0; i < 12; i++) {
            DdkExperiment.Estimates a = one.draws().get(i);
            DdkExperiment.Estimates b = four.draws().get(i);
            assertThat(b.trackingEffect()).isEqualTo(a.trackingEffect());
            assertThat(b.quartileEffects()).containsExactly(a.quartileEffects());
            assertThat(b.medianDiscontinuity()).isEqualTo(a.medianDiscontinuity());
            assertThat(b.peerEffect()).isEqualTo(a.peerEffect());
        }
        DdkExperiment.Result other = DdkExperiment.run(p, DdkExperiment.Setting.ddk2011(), 8, 12, 2, Progress.NONE);
        assertThat(other.trackingEffect().mean()).isNotEqualTo(one.trackingEffect().mean());
    }
}
