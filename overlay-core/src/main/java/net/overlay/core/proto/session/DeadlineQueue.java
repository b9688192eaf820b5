package net.overlay.core.proto.session;

import java.util.Arrays;

/**
 * The endpoint's session timers: a binary min-heap of sessions keyed by deadline, indexed (each
 * session knows its slot, {@link Session#queueSlot}) so that a session can be moved or removed in
 * O(log n) without a search. {@link SessionEndpoint} re-arms a session after anything that may have
 * moved its deadline, so {@link SessionEndpoint#pollTimeoutNs()} reads the top instead of asking
 * every session, and {@link SessionEndpoint#handleTimeout} touches only the due ones.
 *
 * <p>A deadline that moves earlier sifts up at once. One that moves later (every authentic packet
 * pushes the idle deadline back; every packet sent pushes the keepalive back) only updates
 * {@link Session#queuedDeadlineNs}: the heap key stays early and is corrected when it reaches the
 * top, so the common case, a keepalive, costs no heap work at all. Invariant: a slot's key is never
 * later than its session's deadline, so the top, once corrected, is the true minimum.
 *
 * <p>About 12 bytes a session (a long and a compressed reference), plus up to half as much again
 * of growth slack. Not thread-safe: the endpoint's thread.
 */
final class DeadlineQueue {
    /** Small first: an agent's endpoint holds one or two sessions (a simulator keeps a million, issue #5). */
    private static final int MIN_CAPACITY = 4;

    private long[] keys = new long[MIN_CAPACITY];
    private Session[] items = new Session[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /**
     * Records {@code deadlineNs} as {@code s}'s deadline ({@link Long#MAX_VALUE}: none) and arms it:
     * inserts it, moves it earlier, removes it, or leaves a now too early key for {@link #settleTop}.
     */
    void schedule(Session s, long deadlineNs) {
        s.queuedDeadlineNs = deadlineNs;
        int slot = s.queueSlot;
        if (deadlineNs == Long.MAX_VALUE) {
            if (slot >= 0) {
                removeAt(slot);
            }
        } else if (slot < 0) {
            if (size == keys.length) {
                int capacity = keys.length + (keys.length >> 1);
                keys = Arrays.copyOf(keys, capacity);
                items = Arrays.copyOf(items, capacity);
            }
            place(size, deadlineNs, s);
            size++;
            siftUp(size - 1);
        } else if (deadlineNs < keys[slot]) {
            keys[slot] = deadlineNs;
            siftUp(slot);
        }
    }

    /** Takes {@code s} out, if it is in. */
    void remove(Session s) {
        if (s.queueSlot >= 0) {
            removeAt(s.queueSlot);
        }
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE}. */
    long peekNs() {
        settleTop();
        return size == 0 ? Long.MAX_VALUE : keys[0];
    }

    /** Removes and returns a session whose deadline is at or before {@code nowNs}, or null if none is. */
    Session pollDue(long nowNs) {
        settleTop();
        if (size == 0 || keys[0] > nowNs) {
            return null;
        }
        Session s = items[0];
        removeAt(0);
        return s;
    }

    /** Corrects keys left early by deadlines that moved later, until the top's key is its deadline. */
    private void settleTop() {
        while (size > 0 && keys[0] != items[0].queuedDeadlineNs) {
            keys[0] = items[0].queuedDeadlineNs;
            siftDown(0);
        }
    }

    private void removeAt(int slot) {
        Session gone = items[slot];
        int last = --size;
        if (slot != last) {
            place(slot, keys[last], items[last]);
            siftDown(slot);
            siftUp(slot);
        }
        keys[last] = 0;
        items[last] = null;
        gone.queueSlot = -1;
    }

    private void siftUp(int slot) {
        long key = keys[slot];
        Session s = items[slot];
        int i = slot;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) {
                break;
            }
            place(i, keys[parent], items[parent]);
            i = parent;
        }
        place(i, key, s);
    }

    private void siftDown(int slot) {
        long key = keys[slot];
        Session s = items[slot];
        int i = slot;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && keys[child + 1] < keys[child]) {
                child++;
            }
            if (key <= keys[child]) {
                break;
            }
            place(i, keys[child], items[child]);
            i = child;
        }
        place(i, key, s);
    }

    private void place(int slot, long key, Session s) {
        keys[slot] = key;
        items[slot] = s;
        s.queueSlot = slot;
    }
}
