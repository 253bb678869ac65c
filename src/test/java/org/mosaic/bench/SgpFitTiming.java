package org.mosaic.bench;

import java.util.SplittableRandom;

import org.mosaic.measure.growth.GrowthPercentiles;
import org.mosaic.measure.growth.GrowthPercentiles.CohortStudent;

/**
 * CPU time of one synthetic cohort's SGP fit (100 taus), repeated to show the warmed-up cost; for tuning the solver,
 * not a test: {@code java -cp target/test-classes:target/classes:<commons-math3> org.mosaic.bench.SgpFitTiming N ORDER
 * REPEATS}.
 */
public final class SgpFitTiming {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int order = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        SplittableRandom r = new SplittableRandom(1);
        java.util.List<CohortStudent> cohort = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ability = r.nextGaussian();
            double[] priors = new double[order];
            for (int j = 0; j < order; j++) {
                priors[j] = Math.round((200 + 15 * ability + 6 * r.nextGaussian() - 8 * j) * 10) / 10.0;
            }
            double y = Math.round((210 + 14 * ability + r.nextGaussian() * (5 + 2 * Math.abs(ability))) * 10) / 10.0;
            cohort.add(new CohortStudent("S" + i, y, priors));
        }
        for (int k = 0; k < repeats; k++) {
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            GrowthPercentiles.percentiles(cohort, order);
            long cpu1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.out.printf("n %d order %d: %.3f CPU s%n", n, order, (cpu1 - cpu0) / 1e9);
        }
    }
}
