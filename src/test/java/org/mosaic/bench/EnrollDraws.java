package org.mosaic.bench;

import org.mosaic.enroll.AdmissionProbabilities;
import org.mosaic.enroll.Market;
import org.mosaic.enroll.Mechanism;
import org.mosaic.model.Progress;

/**
 * Whole-process benchmark of admission probabilities: N lottery draws of DA on the NYC-scale market.
 * Usage: EnrollDraws DRAWS THREADS
 */
public final class EnrollDraws {
    public static void main(String[] args) {
        int draws = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Market m = EnrollInstances.nyc(1).market(7);
        long t0 = System.nanoTime();
        AdmissionProbabilities.Result r = AdmissionProbabilities.estimate(m, Mechanism.DA, draws, 7, threads,
                Progress.NONE);
        System.out.printf("%d draws on %d threads: %.1f s; P(first choice) of applicant 0: %.3f%n", draws, threads,
                (System.nanoTime() - t0) / 1e9, r.probability()[0][0]);
    }
}
