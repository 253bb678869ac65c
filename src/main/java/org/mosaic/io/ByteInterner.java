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
    /**
     * A frozen interner this one extends (null for none): its ids keep their numbers, new keys are numbered from its
     * size on. Several overlays may read one base at once, from several threads, as long as nothing adds to it.
     */
    private final ByteInterner base;
    private final int baseSize;
    private byte[] arena = new byte[1 << 12];
    private int arenaUsed;
    private int[] offsets = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private int[] slots = new int[512];
    private int size;

    ByteInterner() {
        this(null);
    }

    /** An interner that numbers keys after {@code base}'s and answers {@code base}'s keys with their ids. */
    ByteInterner(ByteInterner base) {
        this.base = base;
        this.baseSize = base == null ? 0 : base.size();
        Arrays.fill(slots, -1);
    }

    int size() {
        return baseSize + size;
    }

    /** Keys added to this interner itself, not counting its base's. */
    int ownSize() {
        return size;
    }

    /** The id of a key, or −1 when it has none; adds nothing, so it is safe to call while others read. */
    int find(byte[] buf, int from, int len) {
        if (base != null) {
            int id = base.find(buf, from, len);
            if (id >= 0) {
                return id;
            }
        }
        int id = slots[slot(hash(buf, from, len), buf, from, len)];
        return id < 0 ? -1 : baseSize + id;
    }

    /** The slot holding the key, or the empty slot where it would go. */
    private int slot(int h, byte[] buf, int from, int len) {
        int mask = slots.length - 1;
        int pos = h & mask;
        for (int id = slots[pos]; id >= 0; id = slots[pos]) {
            if (hashes[id] == h && same(id, buf, from, len)) {
                return pos;
            }
            pos = (pos + 1) & mask;
        }
        return pos;
    }

    /** Interns the key that {@code other} numbers {@code ownId} among its own keys (ids from its base excluded). */
    int internOwnOf(ByteInterner other, int ownId) {
        return intern(other.arena, other.offsets[ownId], other.lengths[ownId]);
    }

    private boolean same(int id, byte[] buf, int from, int len) {
        if (lengths[id] != len) {
            return false;
        }
        int at = offsets[id];
        if (len > 32) {
            return Arrays.equals(arena, at, at + len, buf, from, from + len);
        }
        // ids are short: a plain loop beats the call into the vectorised comparison
        for (int i = 0; i < len; i++) {
            if (arena[at + i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] buf, int from, int len) {
        int h = 1;
        for (int i = from; i < from + len; i++) {
            h = 31 * h + buf[i];
        }
        return h ^ (h >>> 16);
    }

    int intern(byte[] buf, int from, int len) {
        if (base != null) {
            int known = base.find(buf, from, len);
            if (known >= 0) {
                return known;
            }
        }
        int h = hash(buf, from, len);
        int pos = slot(h, buf, from, len);
        if (slots[pos] >= 0) {
            return baseSize + slots[pos];
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
        return baseSize + id;
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
        if (id < baseSize) {
            return base.name(id);
        }
        int own = id - baseSize;
        return new String(arena, offsets[own], lengths[own], StandardCharsets.UTF_8);
    }

    List<String> names() {
        List<String> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(name(i));
        }
        return out;
    }
}
