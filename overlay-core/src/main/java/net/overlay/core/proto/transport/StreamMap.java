package net.overlay.core.proto.transport;

import java.util.Arrays;

/**
 * Open streams by id: an open-addressing hash table on primitive long keys (linear probing,
 * backward-shift deletion), so that looking a stream up for every STREAM frame boxes nothing.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class StreamMap {
    private long[] keys = new long[16];
    private StreamState[] values = new StreamState[16];
    private int size;

    int size() {
        return size;
    }

    StreamState get(long id) {
        int mask = keys.length - 1;
        for (int i = hash(id) & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == id) {
                return values[i];
            }
        }
        return null;
    }

    void put(StreamState s) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(s.id) & mask;
        while (values[i] != null && keys[i] != s.id) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = s.id;
        values[i] = s;
    }

    void remove(long id) {
        int mask = keys.length - 1;
        int i = hash(id) & mask;
        while (values[i] != null && keys[i] != id) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // Backward-shift: move later entries of the probe run into the hole.
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!between) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    /** Copies the current streams into {@code out} (grown if needed) and returns how many. */
    StreamState[] snapshot(StreamState[] out) {
        StreamState[] dst = out.length >= size ? out : new StreamState[Math.max(size, out.length * 2)];
        int n = 0;
        for (StreamState s : values) {
            if (s != null) {
                dst[n++] = s;
            }
        }
        if (n < dst.length) {
            Arrays.fill(dst, n, dst.length, null);
        }
        return dst;
    }

    private void grow() {
        long[] oldKeys = keys;
        StreamState[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new StreamState[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldValues[i]);
            }
        }
    }

    private static int hash(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
