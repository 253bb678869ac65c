package org.mosaic.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.mosaic.model.Progress;

/**
 * Monte Carlo draws as independent tasks. Each draw gets its own seed from the run's seed and its index, and results
 * are returned in index order, so the output depends on the seed only, never on how threads were scheduled.
 */
public final class Draws {
    private Draws() {
    }

    /** The seed of draw {@code index} of a run seeded {@code seed}. */
    public static long seed(long seed, int index) {
        return mix(seed * 0x9E3779B97F4A7C15L + index + 1);
    }

    /** A standard normal number fixed by (seed, key, salt): the same student in the same year draws the same luck. */
    public static double normal(long seed, long key, long salt) {
        return new SplittableRandom(mix(seed ^ mix(key * 31 + salt))).nextGaussian();
    }

    /** A stable 64-bit key for an id (FNV-1a), unlike String.hashCode not prone to collisions among short ids. */
    public static long key(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Runs draws 0 … n−1 on {@code threads} threads, reporting each finished draw; results in index order. */
    public static <T> List<T> run(int n, int threads, Progress progress, IntFunction<T> draw) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "simulate-draw");
            t.setDaemon(true);
            return t;
        });
        AtomicLong done = new AtomicLong();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    T result = draw.apply(index);
                    progress.update(done.incrementAndGet(), n);
                    return result;
                }));
            }
            List<T> out = new ArrayList<>(n);
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
