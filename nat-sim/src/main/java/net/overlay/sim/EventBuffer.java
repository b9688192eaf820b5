package net.overlay.sim;

import java.util.Arrays;

/**
 * A growable array of events, four {@code long}s each, with no object per event: the engine's
 * buckets, far-future list and cross-region batches.
 *
 * <p>Layout of one event: {@code [timeNs, source << 32 | sequence, destination << 1 | kind,
 * payload]}. Sorting by the first two words orders events by (time, source, sequence), the
 * simulator's total order, which never depends on threads or regions because a source's sequence
 * numbers come from that source alone.
 *
 * <p>An event may carry one object, its attachment (the device workload's datagrams): kept in a
 * parallel array that is only allocated once an attachment is added, so the ping workload pays
 * nothing for it. The attachment moves with its event through sorts, copies and batches.
 *
 * <p>Not thread-safe. A batch handed to another actor is not touched again by its sender.
 */
final class EventBuffer {
    static final int STRIDE = 4;
    static final int KIND_TIMER = 0;
    static final int KIND_MESSAGE = 1;
    private static final int INSERTION_SORT_MAX = 12;

    private long[] data;
    /** Attachments, parallel to events; null until the first one is added. */
    private Object[] refs;
    private int size;

    EventBuffer(int initialEvents) {
        data = new long[Math.max(1, initialEvents) * STRIDE];
    }

    int size() {
        return size;
    }

    void clear() {
        // Attachments are dropped at once so that delivered datagrams do not stay reachable.
        if (refs != null) Arrays.fill(refs, 0, size, null);
        size = 0;
    }

    void add(long timeNs, int source, int sequence, int destination, int kind, long payload) {
        add(timeNs, source, sequence, destination, kind, payload, null);
    }

    void add(long timeNs, int source, int sequence, int destination, int kind, long payload, Object attachment) {
        int at = size * STRIDE;
        if (at == data.length) grow();
        if (attachment != null || refs != null) setRef(size, attachment);
        data[at] = timeNs;
        data[at + 1] = ((long) source << 32) | (sequence & 0xFFFF_FFFFL);
        data[at + 2] = ((long) destination << 1) | kind;
        data[at + 3] = payload;
        size++;
    }

    /** Appends event {@code i} of {@code from}, with its attachment. */
    void addFrom(EventBuffer from, int i) {
        int at = size * STRIDE;
        if (at == data.length) grow();
        Object attachment = from.refs == null ? null : from.refs[i];
        if (attachment != null || refs != null) setRef(size, attachment);
        System.arraycopy(from.data, i * STRIDE, data, at, STRIDE);
        size++;
    }

    private void grow() {
        // Grow by half: buckets reach a steady size, and doubling would waste up to half the heap.
        data = Arrays.copyOf(data, data.length + Math.max(STRIDE, (data.length / 2 / STRIDE) * STRIDE));
    }

    private void setRef(int i, Object attachment) {
        if (refs == null) refs = new Object[Math.max(16, data.length / STRIDE)];
        if (i >= refs.length) refs = Arrays.copyOf(refs, Math.max(data.length / STRIDE, i + 1));
        refs[i] = attachment;
    }

    /** The object attached to event {@code i}, or null. */
    Object attachment(int i) {
        return refs == null || i >= refs.length ? null : refs[i];
    }

    long timeNs(int i) {
        return data[i * STRIDE];
    }

    int source(int i) {
        return (int) (data[i * STRIDE + 1] >>> 32);
    }

    int sequence(int i) {
        return (int) data[i * STRIDE + 1];
    }

    int destination(int i) {
        return (int) (data[i * STRIDE + 2] >>> 1);
    }

    int kind(int i) {
        return (int) (data[i * STRIDE + 2] & 1);
    }

    long payload(int i) {
        return data[i * STRIDE + 3];
    }

    // --- a binary min-heap on (time, source, sequence), for events a window adds to itself ---------

    /** Adds an event to this buffer used as a heap. */
    void heapAdd(long timeNs, int source, int sequence, int destination, int kind, long payload, Object attachment) {
        add(timeNs, source, sequence, destination, kind, payload, attachment);
        int i = size - 1;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) break;
            swap(i, parent);
            i = parent;
        }
    }

    /** Removes the heap's least event (index 0). */
    void heapRemoveTop() {
        int last = size - 1;
        swap(0, last);
        if (refs != null) refs[last] = null;
        size = last;
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) break;
            int m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
            if (!less(m, i)) break;
            swap(i, m);
            i = m;
        }
    }

    /** Whether event {@code a} of this buffer comes before event {@code b} of {@code other}. */
    boolean before(int a, EventBuffer other, int b) {
        return lessThan(a, other.data[b * STRIDE], other.data[b * STRIDE + 1]);
    }

    /** Sorts by (time, source, sequence); keys are unique, so the result is one well-defined order. */
    void sort() {
        quicksort(0, size - 1);
    }

    private void quicksort(int lo, int hi) {
        while (hi - lo > INSERTION_SORT_MAX) {
            int mid = (lo + hi) >>> 1;
            // Median of three as pivot, moved to hi.
            if (less(mid, lo)) swap(mid, lo);
            if (less(hi, lo)) swap(hi, lo);
            if (less(mid, hi)) swap(mid, hi);
            long pivotTime = data[hi * STRIDE];
            long pivotKey = data[hi * STRIDE + 1];
            int store = lo;
            for (int i = lo; i < hi; i++) {
                if (lessThan(i, pivotTime, pivotKey)) swap(i, store++);
            }
            swap(store, hi);
            // Recurse on the smaller side, loop on the larger: stack depth stays logarithmic.
            if (store - lo < hi - store) {
                quicksort(lo, store - 1);
                lo = store + 1;
            } else {
                quicksort(store + 1, hi);
                hi = store - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && less(j, j - 1); j--) swap(j, j - 1);
        }
    }

    private boolean less(int a, int b) {
        return lessThan(a, data[b * STRIDE], data[b * STRIDE + 1]);
    }

    private boolean lessThan(int a, long timeNs, long key) {
        long t = data[a * STRIDE];
        return t < timeNs || (t == timeNs && data[a * STRIDE + 1] < key);
    }

    private void swap(int a, int b) {
        if (a == b) return;
        int x = a * STRIDE;
        int y = b * STRIDE;
        for (int k = 0; k < STRIDE; k++) {
            long tmp = data[x + k];
            data[x + k] = data[y + k];
            data[y + k] = tmp;
        }
        if (refs != null) {
            Object r = refs[a];
            refs[a] = refs[b];
            refs[b] = r;
        }
    }
}
