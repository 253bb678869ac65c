package org.mosaic.enroll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.mosaic.model.Progress;

/**
 * Admission chances by simulation: N lotteries, each from a seed derived from the master seed and the draw number
 * (so the result does not depend on how draws are spread over threads), each run through the mechanism. Gives, per
 * applicant and ranked school, the share of draws placing them there, and per school the distribution of its
 * cutoff (priority class + lottery number of the last admitted applicant; a school that never fills has none).
 */
public final class AdmissionProbabilities {
    private AdmissionProbabilities() {
    }

    public record Result(int draws, long seed, double[][] probability, double[][] cutoffs, int[] filledDraws) {
        /** Quantile q of school s's cutoff over the draws in which it filled; NaN if it never filled. */
        public double cutoffQuantile(int s, double q) {
            double[] c = Arrays.stream(cutoffs[s]).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (c.length == 0) {
                return Double.NaN;
            }
            double pos = q * (c.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(c.length - 1, lo + 1);
            return c[lo] + (pos - lo) * (c[hi] - c[lo]);
        }
    }

    public static long drawSeed(long seed, int draw) {
        long z = seed + 0x9E3779B97F4A7C15L * (draw + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static Result estimate(Market market, Mechanism mechanism, int draws, long seed, int threads,
                                  Progress progress) {
        int n = market.applicants();
        int schools = market.schools.size();
        double[][] cutoffs = new double[schools][draws];
        for (double[] c : cutoffs) {
            Arrays.fill(c, Double.NaN);
        }
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<long[][]>> parts = new ArrayList<>();
            int workers = Math.max(1, threads);
            for (int w = 0; w < workers; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    long[][] count = new long[n][];
                    for (int i = 0; i < n; i++) {
                        count[i] = new long[market.prefs[i].length];
                    }
                    for (int d = worker; d < draws; d += workers) {
                        Outcome o = Assigner.run(market.withSeed(drawSeed(seed, d)), mechanism);
                        int[] assigned = new int[schools];
                        for (int i = 0; i < n; i++) {
                            if (o.rank[i] >= 0) {
                                count[i][o.rank[i]]++;
                                assigned[o.school[i]]++;
                            }
                        }
                        for (int s = 0; s < schools; s++) {
                            if (assigned[s] >= market.capacity[s] && market.capacity[s] > 0) {
                                double worst = Double.NEGATIVE_INFINITY;
                                for (Outcome.Cutoff c : o.cutoffs(s).values()) {
                                    worst = Math.max(worst, c.priority() + c.lottery());
                                }
                                cutoffs[s][d] = worst;
                            }
                        }
                        progress.update(done.incrementAndGet(), draws);
                    }
                    return count;
                }));
            }
            double[][] probability = new double[n][];
            for (int i = 0; i < n; i++) {
                probability[i] = new double[market.prefs[i].length];
            }
            for (Future<long[][]> f : parts) {
                long[][] c = f.get();
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < c[i].length; k++) {
                        probability[i][k] += c[i][k] / (double) draws;
                    }
                }
            }
            int[] filled = new int[schools];
            for (int s = 0; s < schools; s++) {
                for (double v : cutoffs[s]) {
                    filled[s] += Double.isNaN(v) ? 0 : 1;
                }
            }
            return new Result(draws, seed, probability, cutoffs, filled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
