package org.mosaic.io.synthetic;

import java.util.SplittableRandom;

/** Gaussian and Gumbel draws from a {@link SplittableRandom}, which has neither built in on Java 17. */
final class Normal {
    private Normal() {
    }

    static double draw(SplittableRandom rng) {
        // Box-Muller; one value per call keeps the stream position independent of call pairing.
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double gumbel(SplittableRandom rng) {
        return -Math.log(-Math.log(1 - rng.nextDouble() * (1 - 1e-12)));
    }

    static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
