package org.mosaic.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaic.model.Gender;
import org.mosaic.model.Location;
import org.mosaic.model.Progress;
import org.mosaic.model.Race;
import org.mosaic.model.School;
import org.mosaic.model.SchoolType;
import org.mosaic.model.Student;

/**
 * Admission chances by repeated lotteries, checked against the draws redone by hand: each draw's seed is SplitMix64
 * of the master seed, and on a one-school market the lowest lottery numbers win.
 */
class AdmissionProbabilitiesTest {
    static Student student(String id) {
        return new Student(id, 6, "", new Location(0, 0), "", "", false, Race.WHITE, Gender.FEMALE, false, false,
                false, 0, false, "", "");
    }

    static School school(String id, int seats) {
        return new School(id, id, SchoolType.NEIGHBORHOOD, "", 6, 8, new Location(0, 0), "", Map.of(6, seats));
    }

    /** SplitMix64's published first outputs for seed 0 are the seeds of draws 0, 1 and 2. */
    @Test
    void drawSeedsAreSplitMix64OfTheMasterSeed() {
        assertThat(AdmissionProbabilities.drawSeed(0, 0)).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(AdmissionProbabilities.drawSeed(0, 1)).isEqualTo(0x6e789e6aa1b965f4L);
        assertThat(AdmissionProbabilities.drawSeed(0, 2)).isEqualTo(0x06c45d188009454fL);
        assertThat(AdmissionProbabilities.drawSeed(12345, 7)).isEqualTo(0x6e7411b06820371cL);
    }

    /**
     * Four applicants, one school with two seats; applicant 3 also ranks school B (one seat) second. Per draw, the two
     * lowest single lottery numbers take A; if applicant 3 loses A she takes B. A's cutoff is the larger winning
     * number (no priority class: {@link Policy#NO_PRIORITY} plus the number).
     */
    @Test
    void chancesAndCutoffsAreTheSharesOfDrawsRedoneByHand() {
        List<Student> students = List.of(student("a"), student("b"), student("c"), student("d"));
        List<School> schools = List.of(school("A", 2), school("B", 1), school("C", 3));
        int[][] prefs = {{0}, {0}, {0}, {0, 1}};
        int[][] prio = {{Policy.NO_PRIORITY}, {Policy.NO_PRIORITY}, {Policy.NO_PRIORITY},
                {Policy.NO_PRIORITY, Policy.NO_PRIORITY}};
        Market m = Market.of(students, schools, 6, prefs, prio, Policy.plain(), TieBreak.SINGLE, 99);
        int draws = 40;
        long seed = 2026;
        long[][] wins = new long[4][2];
        List<Double> cutoffs = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            long drawSeed = AdmissionProbabilities.drawSeed(seed, d);
            double[] lot = new double[4];
            for (int i = 0; i < 4; i++) {
                lot[i] = Market.lotteryNumber(drawSeed, students.get(i).id(), "");
            }
            double worstWinner = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 4; i++) {
                int better = 0;
                for (int j = 0; j < 4; j++) {
                    better += lot[j] < lot[i] ? 1 : 0;
                }
                if (better < 2) {
                    wins[i][0]++;
                    worstWinner = Math.max(worstWinner, lot[i]);
                } else if (i == 3) {
                    wins[3][1]++;
                }
            }
            cutoffs.add(Policy.NO_PRIORITY + worstWinner);
        }
        for (int threads : new int[] {1, 3}) {
            AdmissionProbabilities.Result r = AdmissionProbabilities.estimate(m, Mechanism.DA, draws, seed, threads,
                    Progress.NONE);
            assertThat(r.draws()).isEqualTo(draws);
            assertThat(r.seed()).isEqualTo(seed);
            for (int i = 0; i < 4; i++) {
                assertThat(r.probability()[i][0]).as("applicant %d at A", i).isCloseTo(wins[i][0] / (double) draws,
                        within(1e-12));
            }
            assertThat(r.probability()[3][1]).isCloseTo(wins[3][1] / (double) draws, within(1e-12));
            assertThat(r.probability()[3][1]).isPositive();
            // A fills in every draw; B fills whenever applicant 3 loses A; C, never ranked, never fills.
            assertThat(r.filledDraws()).containsExactly(draws, (int) wins[3][1], 0);
            for (int d = 0; d < draws; d++) {
                assertThat(r.cutoffs()[0][d]).isEqualTo(cutoffs.get(d));
            }
            assertThat(r.cutoffQuantile(2, 0.5)).isNaN();
            double[] sorted = cutoffs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertThat(r.cutoffQuantile(0, 0)).isEqualTo(sorted[0]);
            assertThat(r.cutoffQuantile(0, 1)).isEqualTo(sorted[draws - 1]);
        }
    }

    /** R's type-7 quantile of {1, 2, 3, 10} over the draws that filled (NaN = the school did not fill). */
    @Test
    void cutoffQuantilesInterpolateBetweenTheDrawsThatFilled() {
        AdmissionProbabilities.Result r = new AdmissionProbabilities.Result(6, 1, new double[0][],
                new double[][] {{3, Double.NaN, 1, 10, 2, Double.NaN}, {Double.NaN, Double.NaN}}, new int[] {4, 0});
        assertThat(r.cutoffQuantile(0, 0)).isEqualTo(1);
        assertThat(r.cutoffQuantile(0, 0.5)).isEqualTo(2.5);
        assertThat(r.cutoffQuantile(0, 0.9)).isCloseTo(7.9, within(1e-12));
        assertThat(r.cutoffQuantile(0, 1)).isEqualTo(10);
        assertThat(r.cutoffQuantile(1, 0.5)).isNaN();
    }

    @Test
    void progressCountsEveryDraw() {
        Market m = MechanismPropertyTest.randomMarket(3);
        long[] last = new long[2];
        AdmissionProbabilities.estimate(m, Mechanism.BOSTON, 25, 1, 2, (done, total) -> {
            synchronized (last) {
                last[0] = Math.max(last[0], done);
                last[1] = total;
            }
        });
        assertThat(last).containsExactly(25, 25);
    }
}
