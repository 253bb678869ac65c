package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mosaic.measure.growth.GrowthPercentiles.CohortStudent;

/**
 * Agreement with R quantreg's Barrodale–Roberts simplex on the same cohorts: the fixtures were made by
 * scripts/r/sgp-reference.R from a generated district (seed 5, 8,000 students), so CI needs no R.
 */
class SgpAgreementWithQuantregTest {
    record Row(String id, double current, double prior1, double prior2, int sgp1, int sgp2) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgp-math-grade5-2026.csv", "sgp-reading-grade7-2026.csv"})
    void ordersOneAndTwoAgreeWithQuantregBr(String fixture) throws IOException {
        List<Row> rows = read(fixture);
        for (int order = 1; order <= 2; order++) {
            List<CohortStudent> cohort = new ArrayList<>();
            List<Integer> reference = new ArrayList<>();
            for (Row r : rows) {
                if (Double.isNaN(r.prior1()) || (order == 2 && Double.isNaN(r.prior2()))) {
                    continue;
                }
                double[] priors = order == 1 ? new double[] {r.prior1()} : new double[] {r.prior1(), r.prior2()};
                cohort.add(new CohortStudent(r.id(), r.current(), priors));
                reference.add(order == 1 ? r.sgp1() : r.sgp2());
            }
            int[] ours = GrowthPercentiles.percentiles(cohort, order);
            int within = 0;
            double absolute = 0;
            for (int i = 0; i < ours.length; i++) {
                int diff = Math.abs(ours[i] - reference.get(i));
                within += diff <= 1 ? 1 : 0;
                absolute += diff;
            }
            assertThat(cohort).hasSizeGreaterThan(400);
            assertThat(within / (double) ours.length).as("%s order %d within ±1", fixture, order)
                    .isGreaterThanOrEqualTo(0.99);
            assertThat(absolute / ours.length).as("%s order %d mean |difference|", fixture, order)
                    .isLessThanOrEqualTo(0.2);
        }
    }

    private static List<Row> read(String name) throws IOException {
        try (InputStream in = SgpAgreementWithQuantregTest.class.getResourceAsStream("/growth/" + name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].replace("\"", "").split(",", -1);
                rows.add(new Row(f[0], Double.parseDouble(f[1]), num(f[2]), num(f[3]),
                        f[4].isEmpty() ? -1 : Integer.parseInt(f[4]), f[5].isEmpty() ? -1 : Integer.parseInt(f[5])));
            }
            return rows;
        }
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
