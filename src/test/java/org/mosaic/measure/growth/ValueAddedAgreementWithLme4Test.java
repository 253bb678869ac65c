package org.mosaic.measure.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The REML fit against lme4 on the same rows: scripts/r/vam-reference.R wrote the input (a generated district, seed
 * 5, 8,000 students, math 2026, grades 3-8) and lmer's BLUPs, conditional SDs and variance components.
 */
class ValueAddedAgreementWithLme4Test {
    @Test
    void blupsStandardErrorsAndVarianceComponentsAgreeWithLme4ToOneInTenThousand() throws IOException {
        List<ValueAdded.Observation> rows = new ArrayList<>();
        List<String> input = lines("vam-math-2026-input.csv");
        for (String line : input.subList(1, input.size())) {
            String[] f = line.replace("\"", "").split(",");
            rows.add(new ValueAdded.Observation(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), f[4].equals("1"), f[5].equals("1"), f[6].equals("1")));
        }
        ValueAdded.Fit fit = ValueAdded.fit(rows);
        Map<String, Double> components = new HashMap<>();
        for (String line : lines("vam-math-2026-components.csv")) {
            String[] f = line.split(",");
            components.put(f[0], Double.parseDouble(f[1]));
        }
        assertThat(relative(fit.unitVariance(), components.get("unit_variance"))).isLessThan(1e-4);
        assertThat(relative(fit.residualVariance(), components.get("residual_variance"))).isLessThan(1e-4);
        assertThat(relative(fit.remlCriterion(), components.get("reml_criterion"))).isLessThan(1e-6);
        Map<String, ValueAdded.UnitEffect> ours = new HashMap<>();
        fit.units().forEach(u -> ours.put(u.unit(), u));
        List<String> lme4 = lines("vam-math-2026-lme4.csv");
        assertThat(ours).hasSize(lme4.size() - 1);
        double scale = Math.sqrt(components.get("unit_variance"));
        for (String line : lme4.subList(1, lme4.size())) {
            String[] f = line.split(",");
            ValueAdded.UnitEffect u = ours.get(f[0]);
            double estimate = Double.parseDouble(f[1]);
            // relative to the effect, or to the effects' SD for an effect near zero
            assertThat(Math.abs(u.estimate() - estimate)).as(f[0])
                    .isLessThan(1e-4 * Math.max(Math.abs(estimate), scale));
            assertThat(relative(u.se(), Double.parseDouble(f[2]))).as(f[0]).isLessThan(1e-4);
            assertThat(u.reliability()).isBetween(0.0, 1.0);
            assertThat(u.high() - u.low()).isCloseTo(2 * 1.96 * u.se(), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = ValueAddedAgreementWithLme4Test.class.getResourceAsStream("/growth/" + name)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }
}
