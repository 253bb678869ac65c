package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GapAndPovertyTest {
    @Test
    void normalQuantileMatchesTables() {
        assertThat(NormalQuantile.inverse(0.975)).isCloseTo(1.959963984540054, within(1e-12));
        assertThat(NormalQuantile.inverse(0.5)).isCloseTo(0, within(1e-14));
        assertThat(NormalQuantile.inverse(0.001)).isCloseTo(-3.090232306167813, within(1e-11));
        assertThat(NormalQuantile.inverse(0.8413447460685429)).isCloseTo(1, within(1e-11));
        assertThat(NormalQuantile.cdf(-1.96)).isCloseTo(0.024997895148220435, within(1e-14));
        assertThat(NormalQuantile.cdf(4)).isCloseTo(0.9999683287581669, within(1e-14));
    }

    /**
     * a = {1,2,3,4}, b = {2,3,5}: mean a 2.5, var a 1.666667; mean b 3.333333, var b 2.333333;
     * pooled SD = sqrt((3 × 1.666667 + 2 × 2.333333)/5) = sqrt(1.933333) = 1.390444; d = −0.833333/1.390444 =
     * −0.599329; J = 1 − 3/(4×7 − 9) = 0.842105; g = −0.504698. AUC: pairs a>b: 3>2, 4>2, 4>3 = 3; ties 2=2, 3=3 = 2;
     * AUC = (3 + 1)/12 = 0.333333.
     */
    @Test
    void hedgesGAndAucByHand() {
        AchievementGap.Result r = AchievementGap.of(new double[] {1, 2, 3, 4}, new double[] {2, 3, 5}, 3);
        assertThat(r.cohensD()).isCloseTo(-0.599329, within(1e-6));
        assertThat(r.hedgesG()).isCloseTo(-0.504698, within(1e-6));
        assertThat(r.auc()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.v()).isCloseTo(Math.sqrt(2) * NormalQuantile.inverse(1.0 / 3), within(1e-12));
        assertThat(r.aboveCutA()).isEqualTo(0.5);
        assertThat(r.aboveCutB()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void vAndCutGapRecoverTheEffectSizeOfNormalSamples() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] a = new double[40_000];
        double[] b = new double[40_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.8 + gauss(rng);
            b[i] = gauss(rng);
        }
        AchievementGap.Result r = AchievementGap.of(a, b, 0.5);
        assertThat(r.hedgesG()).isCloseTo(0.8, within(0.03));
        assertThat(r.v()).isCloseTo(0.8, within(0.03));
        assertThat(r.transformedCutGap()).isCloseTo(0.8, within(0.04));
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void povertyBandsAndExposure() {
        // Schools: s1 has 10 students, 2 FRL (20 %, low band); s2 has 10, 9 FRL (90 %, high band).
        // Group A: 8 in s1, 2 in s2 → 80 % low, 20 % high; exposure = (8 × 0.2 + 2 × 0.9)/10 = 0.34.
        GroupUnitTable t = new GroupUnitTable(List.of("A", "B"), List.of("s1", "s2"), new double[] {8, 2, 2, 8});
        PovertyConcentration.Result r = PovertyConcentration.of(t, new double[] {2, 9});
        assertThat(r.bandShares().get("A").get(PovertyConcentration.BANDS.get(0))).isCloseTo(0.8, within(1e-12));
        assertThat(r.bandShares().get("A").get(PovertyConcentration.BANDS.get(3))).isCloseTo(0.2, within(1e-12));
        assertThat(r.exposureToPoverty().get("A")).isCloseTo(0.34, within(1e-12));
        assertThat(r.exposureToPoverty().get("B")).isCloseTo((2 * 0.2 + 8 * 0.9) / 10, within(1e-12));
        assertThat(PovertyConcentration.band(0.25)).isZero();
        assertThat(PovertyConcentration.band(0.75)).isEqualTo(2);
        assertThat(PovertyConcentration.band(0.76)).isEqualTo(3);
    }

    @Test
    void smallUnitsInflateMAndTheCorrectionRemovesIt() {
        // 40 classes of 25 drawn at random from a 50/50 school: true segregation 0, observed M > 0.
        SplittableRandom r = new SplittableRandom(9);
        GroupUnitTable.Builder b = GroupUnitTable.builder();
        for (int c = 0; c < 40; c++) {
            for (int k = 0; k < 25; k++) {
                b.add("c" + c, r.nextBoolean() ? "A" : "B", 1);
            }
        }
        GroupUnitTable t = b.build();
        SmallUnitBias.Result res = SmallUnitBias.estimate(t, 60, 0.95, 42);
        assertThat(res.m().observed()).isGreaterThan(0.005);
        // Expected M under random allocation ≈ (K−1)(U−1)/(2N) = 39/2000 ≈ 0.0195 (the chi-square approximation).
        assertThat(res.expectedRandom()).isCloseTo(39.0 / 2000, within(0.004));
        // Resampling 25 students per class adds about as much chance segregation again: the bias is positive.
        assertThat(res.m().bias()).isGreaterThan(0.005);
        assertThat(res.m().corrected()).isLessThan(res.m().observed());
        assertThat(res.m().lower()).isLessThanOrEqualTo(res.m().upper());
        assertThat(SmallUnitBias.estimate(t, 60, 0.95, 42)).isEqualTo(res);
    }
}
