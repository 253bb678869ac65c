package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The normal quantile and CDF in both tails (reference values from mpmath at 30 digits: ncdf, erfc, erfinv), the
 * gap measures at their edges, poverty bands at their boundaries and the bootstrap's input checks.
 */
class GapEdgesTest {
    @Test
    void theQuantileIsRightInTheTailsAndTheMiddle() {
        assertThat(NormalQuantile.inverse(1e-10)).isCloseTo(-6.361340902404056, within(1e-9));
        assertThat(NormalQuantile.inverse(0.02)).isCloseTo(-2.0537489106318225, within(1e-10));
        assertThat(NormalQuantile.inverse(0.02425)).isCloseTo(-1.9729610513118845, within(1e-10));
        assertThat(NormalQuantile.inverse(0.3)).isCloseTo(-0.5244005127080407, within(1e-10));
        assertThat(NormalQuantile.inverse(0.97)).isCloseTo(1.8807936081512504, within(1e-10));
        assertThat(NormalQuantile.inverse(0.99)).isCloseTo(2.3263478740408408, within(1e-10));
        assertThat(NormalQuantile.inverse(0.999999)).isCloseTo(4.753424308817089, within(1e-9));
        for (double bad : new double[] {0, 1, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> NormalQuantile.inverse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("p must be in (0, 1)");
        }
    }

    @Test
    void theCdfAndErfcAreRightOnBothSidesOfTheSeriesAndFractionSwitch() {
        assertThat(NormalQuantile.cdf(-6)).isCloseTo(9.8658764503769814e-10, within(1e-22));
        assertThat(NormalQuantile.cdf(-3)).isCloseTo(0.0013498980316301035, within(1e-12));
        assertThat(NormalQuantile.cdf(-2.5)).isCloseTo(0.006209665325776159, within(1e-12));
        assertThat(NormalQuantile.cdf(0.5)).isCloseTo(0.6914624612740131, within(1e-12));
        assertThat(NormalQuantile.cdf(6)).isCloseTo(0.9999999990134123, within(1e-15));
        assertThat(NormalQuantile.erfc(-1)).isCloseTo(1.842700792949715, within(1e-12));
        assertThat(NormalQuantile.erfc(0.5)).isCloseTo(0.4795001221869535, within(1e-12));
        assertThat(NormalQuantile.erfc(2.4)).isCloseTo(0.0006885138966450789, within(1e-12));
        assertThat(NormalQuantile.erfc(2.6)).isCloseTo(0.00023603441652934908, within(1e-17));
        assertThat(NormalQuantile.erfc(3)).isCloseTo(2.2090496998585438e-05, within(1e-18));
        assertThat(NormalQuantile.erfc(6)).isCloseTo(2.1519736712498916e-17, within(1e-29));
        assertThat(NormalQuantile.erfc(0)).isCloseTo(1, within(1e-15));
    }

    /**
     * a = {1, 2} lies wholly below b = {3, 4}: AUC 0 (clipped to 1e-12 for V), no one of a at or above the cut 2.5
     * and everyone of b: proportions shrink by half a student to 1/4 and 3/4.
     */
    @Test
    void gapsAtTheirEdges() {
        AchievementGap.Result r = AchievementGap.of(new double[] {1, 2}, new double[] {3, 4}, 2.5);
        assertThat(r.auc()).isZero();
        assertThat(r.v()).isCloseTo(-9.948262430035031, within(1e-6));
        assertThat(r.aboveCutA()).isZero();
        assertThat(r.aboveCutB()).isEqualTo(1);
        assertThat(r.transformedCutGap()).isCloseTo(-1.3489795003921634, within(1e-10));
        assertThat(r.nA()).isEqualTo(2);
        assertThat(r.nB()).isEqualTo(2);
        assertThat(r.cut()).isEqualTo(2.5);
        // Pooled SD sqrt(0.5), d = −2/0.7071 = −2.828427; J = 1 − 3/(16 − 9).
        assertThat(r.pooledSd()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(r.cohensD()).isCloseTo(-2 / Math.sqrt(0.5), within(1e-12));
        assertThat(r.hedgesG()).isCloseTo(-2 / Math.sqrt(0.5) * (1 - 3.0 / 7), within(1e-12));
        // A score equal to the cut counts as above it.
        assertThat(AchievementGap.of(new double[] {2.5, 1}, new double[] {3, 4}, 2.5).aboveCutA()).isEqualTo(0.5);

        AchievementGap.Result same = AchievementGap.of(new double[] {5, 5, 5}, new double[] {5, 5}, Double.NaN);
        assertThat(same.pooledSd()).isZero();
        assertThat(same.cohensD()).isZero();
        assertThat(same.hedgesG()).isZero();
        assertThat(same.auc()).isEqualTo(0.5);
        assertThat(same.v()).isCloseTo(0, within(1e-12));
        assertThat(same.aboveCutA()).isNaN();
        assertThat(same.transformedCutGap()).isNaN();
        assertThat(AchievementGap.auc(new double[] {4, 3}, new double[] {1, 2})).isEqualTo(1);
        assertThat(AchievementGap.auc(new double[] {2, 2, 3}, new double[] {2, 3, 3, 1})).isEqualTo(6.0 / 12);
        assertThatThrownBy(() -> AchievementGap.of(new double[] {1}, new double[] {1, 2}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("each group needs at least 2 scores (has 1 "
                        + "and 2)");
        assertThatThrownBy(() -> AchievementGap.of(new double[] {1, 2}, new double[] {1}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("each group needs at least 2 scores (has 2 "
                        + "and 1)");
    }

    @Test
    void povertyBandsAtTheirBoundariesAndEmptyUnitsAndGroups() {
        assertThat(PovertyConcentration.band(0)).isZero();
        assertThat(PovertyConcentration.band(0.2500001)).isEqualTo(1);
        assertThat(PovertyConcentration.band(0.5)).isEqualTo(1);
        assertThat(PovertyConcentration.band(0.5000001)).isEqualTo(2);
        assertThat(PovertyConcentration.band(1)).isEqualTo(3);
        // Units x (4 A, 0 FRL), y (2 A + 2 B, 3 FRL: 75 %), z empty; group C has nobody.
        GroupUnitTable t = new GroupUnitTable(List.of("A", "B", "C"), List.of("x", "y", "z"),
                new double[] {4, 0, 0, 2, 2, 0, 0, 0, 0});
        PovertyConcentration.Result r = PovertyConcentration.of(t, new double[] {0, 3, 0});
        assertThat(r.unitFrlShare()).containsEntry("x", 0.0).containsEntry("y", 0.75).containsEntry("z", 0.0);
        assertThat(r.bandShares().get("A")).containsEntry(PovertyConcentration.BANDS.get(0), 4.0 / 6)
                .containsEntry(PovertyConcentration.BANDS.get(2), 2.0 / 6)
                .containsEntry(PovertyConcentration.BANDS.get(1), 0.0);
        assertThat(r.bandShares().get("B")).containsEntry(PovertyConcentration.BANDS.get(2), 1.0);
        assertThat(r.bandShares().get("C").values()).containsOnly(0.0);
        assertThat(r.exposureToPoverty().get("A")).isCloseTo(2 * 0.75 / 6, within(1e-15));
        assertThat(r.exposureToPoverty().get("B")).isCloseTo(0.75, within(1e-15));
        assertThat(r.exposureToPoverty().get("C")).isZero();
    }

    @Test
    void theBootstrapChecksItsInputsAndUsesRsDefaultQuantile() {
        GroupUnitTable t = SegregationTest.HAND;
        assertThatThrownBy(() -> SmallUnitBias.estimate(t, 1, 0.95, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least 2 replications");
        for (double bad : new double[] {0, 1, Double.NaN}) {
            assertThatThrownBy(() -> SmallUnitBias.estimate(t, 10, bad, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("confidence must lie strictly between 0 and 1");
        }
        assertThatThrownBy(() -> SmallUnitBias.estimate(new GroupUnitTable(List.of("A", "B"), List.of("x"),
                new double[] {1e9, 2e9}), 2, 0.9, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("too many students for the simulation");
        // quantile(type 7) of 1, 2, 4, 8: position q × 3.
        double[] sorted = {1, 2, 4, 8};
        assertThat(SmallUnitBias.quantile(sorted, 0)).isEqualTo(1);
        assertThat(SmallUnitBias.quantile(sorted, 0.5)).isEqualTo(3);
        assertThat(SmallUnitBias.quantile(sorted, 0.9)).isCloseTo(6.8, within(1e-12));
        assertThat(SmallUnitBias.quantile(sorted, 1)).isEqualTo(8);
        SmallUnitBias.Result r = SmallUnitBias.estimate(t, 5, 0.9, 3);
        assertThat(r.replications()).isEqualTo(5);
        assertThat(r.seed()).isEqualTo(3);
        assertThat(r.confidence()).isEqualTo(0.9);
        assertThat(r.m().observed()).isCloseTo(0.177741, within(1e-6));
        assertThat(r.h().observed()).isCloseTo(0.264098, within(1e-6));
    }
}
