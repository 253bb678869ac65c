package org.mosaic.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: at most {@code maxFailures} failed logins per user name, and {@code maxPerAddress} per
 * client address (a school's staff may share one address behind a proxy), within {@code windowMillis}; past that,
 * logins are refused (HTTP 429) until the oldest failure leaves the window.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final int maxPerAddress;
    private final long windowMillis;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, int maxPerAddress, long windowMillis, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.maxPerAddress = maxPerAddress;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** Seconds to wait before the next attempt for this name or address; 0 when allowed. */
    public long retryAfterSeconds(String username, String address) {
        return Math.max(wait("u:" + username, maxFailures), wait("a:" + address, maxPerAddress));
    }

    public void failed(String username, String address) {
        record("u:" + username, maxFailures);
        record("a:" + address, maxPerAddress);
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private long wait(String key, int max) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            long now = clock.getAsLong();
            while (!d.isEmpty() && now - d.peekFirst() >= windowMillis) {
                d.pollFirst();
            }
            return d.size() < max ? 0 : Math.max(1, (d.peekFirst() + windowMillis - now + 999) / 1000);
        }
    }

    private void record(String key, int max) {
        Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(clock.getAsLong());
            while (d.size() > max) {
                d.pollFirst();
            }
        }
    }
}
