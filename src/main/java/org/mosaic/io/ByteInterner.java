package org.mosaic.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps byte strings (CSV field values) to dense int ids without creating a String per row: ten million rows with
 * twenty thousand distinct school ids allocate twenty thousand strings, not ten million. Open addressing over an
 * arena of the distinct keys.
 */
final class ByteInterner {
    private byte[] arena = new byte[1 << 12];
    private int arenaUsed;
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private int[] slots = new int[512];
    private int size;

    ByteInterner() {
        Arrays.fill(slots, -1);
    }

    int size() {
        return size;
    }

    int intern(byte[] buf, int from, int len) {
        int h = 1;
        for (int i = from; i < from + len; i++) {
            h = 31 * h + buf[i];
        }
        h ^= h >>> 16;
        int mask = slots.length - 1;
        int pos = h & mask;
        while (true) {
            int id = slots[pos];
            if (id < 0) {
                break;
            }
            if (hashes[id] == h && lengths[id] == len && Arrays.equals(arena, offsets[id], offsets[id] + len, buf, from,
                    from + len)) {
                return id;
            }
            pos = (pos + 1) & mask;
        }
        int id = size++;
        if (id == offsets.length) {
            offsets = Arrays.copyOf(offsets, id * 2);
            lengths = Arrays.copyOf(lengths, id * 2);
            hashes = Arrays.copyOf(hashes, id * 2);
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(buf, from, arena, arenaUsed, len);
        offsets[id] = arenaUsed;
        lengths[id] = len;
        hashes[id] = h;
        arenaUsed += len;
        slots[pos] = id;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] s = new int[slots.length * 2];
        Arrays.fill(s, -1);
        int mask = s.length - 1;
        for (int id = 0; id < size; id++) {
            int pos = hashes[id] & mask;
            while (s[pos] >= 0) {
                pos = (pos + 1) & mask;
            }
            s[pos] = id;
        }
        slots = s;
    }

    String name(int id) {
        return new String(arena, offsets[id], lengths[id], StandardCharsets.UTF_8);
    }

    List<String> names() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(name(i));
        }
        return out;
    }
}
