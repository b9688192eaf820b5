package net.overlay.core.netsim;

import java.util.Arrays;

/** A growable array of longs for the bench's per-packet records. */
final class LongSeries {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    void set(int i, long v) {
        values[i] = v;
    }

    int size() {
        return size;
    }
}
