package org.mosaic.io;

import java.util.Arrays;

/**
 * A set of longs in one array (open addressing): the pair checks of a million-student import (each rank once per
 * student, each student once per section) keep 8 to 16 bytes a pair instead of a boxed entry's 60.
 */
final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] slots = new long[1 << 10];
    private int size;
    private boolean hasEmptyValue;

    LongSet() {
        Arrays.fill(slots, EMPTY);
    }

    /** Adds {@code v}; false when it was already there. */
    boolean add(long v) {
        if (v == EMPTY) {
            boolean added = !hasEmptyValue;
            hasEmptyValue = true;
            return added;
        }
        int mask = slots.length - 1;
        int pos = mix(v) & mask;
        while (slots[pos] != EMPTY) {
            if (slots[pos] == v) {
                return false;
            }
            pos = (pos + 1) & mask;
        }
        slots[pos] = v;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size + (hasEmptyValue ? 1 : 0);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        int mask = slots.length - 1;
        for (long v : old) {
            if (v != EMPTY) {
                int pos = mix(v) & mask;
                while (slots[pos] != EMPTY) {
                    pos = (pos + 1) & mask;
                }
                slots[pos] = v;
            }
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }
}
