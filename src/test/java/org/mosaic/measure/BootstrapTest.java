package org.mosaic.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The bootstrap of the R package segregation: bias, bias-corrected estimate, standard error, interval, coverage. */
class BootstrapTest {

    @Test
    void theSummaryOfBootstrapEstimatesFollowsTheRPackage() {
        // Observed 0.30; bootstrap estimates 0.31 … 0.35. Debiased: 2·0.30 − b = 0.29 … 0.25.
        double[] boot = {0.33, 0.31, 0.35, 0.32, 0.34};
        SmallUnitBias.Estimate e = SmallUnitBias.summary(0.30, boot, 0.5);
        assertThat(e.bias()).isCloseTo(0.03, within(1e-12));
        assertThat(e.corrected()).isCloseTo(0.27, within(1e-12));
        // sd(c(.33,.31,.35,.32,.34)) in R = 0.01581139.
        assertThat(e.standardError()).isCloseTo(0.0158113883, within(1e-9));
        // quantile(c(.25,.26,.27,.28,.29), c(.25,.75)) in R (type 7) = 0.26, 0.28.
        assertThat(e.lower()).isCloseTo(0.26, within(1e-12));
        assertThat(e.upper()).isCloseTo(0.28, within(1e-12));
        SmallUnitBias.Estimate wide = SmallUnitBias.summary(0.30, boot, 0.9);
        // quantile(c(.25,…,.29), c(.05,.95)) = 0.252, 0.288.
        assertThat(wide.lower()).isCloseTo(0.252, within(1e-12));
        assertThat(wide.upper()).isCloseTo(0.288, within(1e-12));
    }

    /** Units × groups shares of a population with moderate segregation. */
    static final double[][] POPULATION = {
        {0.080, 0.020, 0.025}, {0.060, 0.040, 0.025}, {0.020, 0.080, 0.025}, {0.015, 0.090, 0.020},
        {0.040, 0.045, 0.040}, {0.030, 0.025, 0.070}, {0.050, 0.015, 0.060}, {0.025, 0.050, 0.050}};

    static GroupUnitTable table(double[][] cells) {
        List<String> units = new ArrayList<>();
        for (int u = 0; u < cells.length; u++) {
            units.add("u" + u);
        }
        double[] flat = new double[cells.length * 3];
        for (int u = 0; u < cells.length; u++) {
            System.arraycopy(cells[u], 0, flat, u * 3, 3);
        }
        return new GroupUnitTable(List.of("a", "b", "c"), units, flat);
    }

    /** N students allocated at random, each to a cell with its population share. */
    static GroupUnitTable sample(int n, SplittableRandom rng) {
        double[][] counts = new double[POPULATION.length][3];
        for (int k = 0; k < n; k++) {
            double x = rng.nextDouble();
            outer:
            for (int u = 0; u < POPULATION.length; u++) {
                for (int g = 0; g < 3; g++) {
                    x -= POPULATION[u][g];
                    if (x < 0 || (u == POPULATION.length - 1 && g == 2)) {
                        counts[u][g]++;
                        break outer;
                    }
                }
            }
        }
        return table(counts);
    }

    @Test
    void theBiasCorrectedIntervalCoversThePopulationMInAtLeast90Of200Samples() {
        double total = 0;
        for (double[] row : POPULATION) {
            for (double v : row) {
                total += v;
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
        double populationM = Segregation.mutualInformation(table(POPULATION));
        SplittableRandom rng = new SplittableRandom(2026);
        int covered = 0;
        int coveredRaw = 0;
        for (int rep = 0; rep < 200; rep++) {
            GroupUnitTable t = sample(240, rng);
            SmallUnitBias.Result r = SmallUnitBias.estimate(t, 100, 0.95, rng.nextLong());
            covered += r.m().lower() <= populationM && populationM <= r.m().upper() ? 1 : 0;
            coveredRaw += Segregation.mutualInformation(t) > populationM ? 1 : 0;
        }
        assertThat(covered).as("covered in %d of 200", covered).isGreaterThanOrEqualTo(180);
        // The sample M itself is biased upward: it exceeds the population M far more often than half the time.
        assertThat(coveredRaw).isGreaterThan(130);
    }

    @Test
    void theCommandLineReportsTheBootstrapUnderNamedKeysAndRejectsABadConfidence(@org.junit.jupiter.api.io.TempDir
                                                                                 java.nio.file.Path tmp)
            throws Exception {
        StringBuilder csv = new StringBuilder("class,frl,n\n");
        SplittableRandom r = new SplittableRandom(3);
        for (int c = 0; c < 12; c++) {
            int frl = 4 + r.nextInt(16);
            csv.append("c").append(c).append(",1,").append(frl).append('\n');
            csv.append("c").append(c).append(",0,").append(24 - frl).append('\n');
        }
        java.nio.file.Path f = tmp.resolve("classes.csv");
        java.nio.file.Files.writeString(f, csv);
        org.mosaic.CliRun run = org.mosaic.CliRun.of("measure", "segregation", "--input", f.toString(), "--group",
                "frl", "--unit", "class", "--weight", "n", "--simulate", "60", "--ci", "0.9", "--seed", "5", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var small = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("small_units");
        double m = Segregation.mutualInformation(GroupUnitTableFromCsv.read(f));
        assertThat(small.get("M_bias_corrected").asDouble()).isCloseTo(m - small.get("M_bootstrap_bias").asDouble(),
                within(1e-12));
        assertThat(small.get("M_ci_lower").asDouble()).isLessThan(small.get("M_ci_upper").asDouble());
        assertThat(small.get("H_bias_corrected").asDouble()).isPositive();
        assertThat(small.get("H_bootstrap_se").asDouble()).isPositive();
        assertThat(small.get("expected_M_random").asDouble()).isPositive();
        assertThat(small.get("ci").asDouble()).isEqualTo(0.9);
        org.mosaic.CliRun again = org.mosaic.CliRun.of("measure", "segregation", "--input", f.toString(), "--group",
                "frl", "--unit", "class", "--weight", "n", "--simulate", "60", "--ci", "0.9", "--seed", "5", "--json");
        assertThat(again.out()).isEqualTo(run.out());
        org.mosaic.CliRun text = org.mosaic.CliRun.of("measure", "segregation", "--input", f.toString(), "--group",
                "frl", "--unit", "class", "--weight", "n", "--simulate", "60");
        assertThat(text.out()).contains("M bias-corrected (SE)").contains("M 95% interval, bias-corrected")
                .contains("expected M if allocated at random");
        org.mosaic.CliRun bad = org.mosaic.CliRun.of("measure", "segregation", "--input", f.toString(), "--group",
                "frl", "--unit", "class", "--weight", "n", "--simulate", "60", "--ci", "95");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--ci 95");
    }

    /** The observed table, read by the same public reader the command uses. */
    static final class GroupUnitTableFromCsv {
        static GroupUnitTable read(java.nio.file.Path f) {
            org.mosaic.io.GroupUnitCsv.Counts c = org.mosaic.io.GroupUnitCsv.read(f, "frl", "class", List.of(), "n");
            return new GroupUnitTable(c.groups(), c.units(), c.counts());
        }
    }
}
