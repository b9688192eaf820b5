package net.overlay.core.proto.transport;

import java.util.Arrays;

/**
 * A set of non-negative longs kept as sorted, disjoint, non-adjacent half-open ranges {@code
 * [start, end)} in two primitive arrays. The transport uses it for received packet numbers (the
 * ACK ranges), received stream offsets (reassembly), and acknowledged and to-be-resent stream
 * offsets on the send side. Usually one or two ranges long, so the linear scans are cheap and
 * nothing is allocated once the arrays have grown.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class RangeSet {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int size;

    /** Number of disjoint ranges. */
    int rangeCount() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long start(int index) {
        return starts[index];
    }

    long end(int index) {
        return ends[index];
    }

    void clear() {
        size = 0;
    }

    /** Whether every value of {@code [start, end)} is in the set. */
    boolean containsAll(long start, long end) {
        int i = indexOfFirstEndingAfter(start);
        return i < size && starts[i] <= start && ends[i] >= end;
    }

    boolean contains(long value) {
        return containsAll(value, value + 1);
    }

    /** Adds {@code [start, end)}, merging with every range it touches. */
    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        // Fast path for the common in-order case: extend or append at the top.
        if (size > 0 && start >= starts[size - 1]) {
            if (start <= ends[size - 1]) {
                ends[size - 1] = Math.max(ends[size - 1], end);
                return;
            }
            insertAt(size, start, end);
            return;
        }
        int first = indexOfFirstEndingAtOrAfter(start);
        int last = first;
        while (last < size && starts[last] <= end) {
            last++;
        }
        if (first == last) {
            insertAt(first, start, end);
            return;
        }
        long mergedStart = Math.min(start, starts[first]);
        long mergedEnd = Math.max(end, ends[last - 1]);
        starts[first] = mergedStart;
        ends[first] = mergedEnd;
        removeRange(first + 1, last);
    }

    /** Removes {@code [start, end)}, splitting a range it falls inside. */
    void remove(long start, long end) {
        if (start >= end) {
            return;
        }
        int i = indexOfFirstEndingAfter(start);
        while (i < size && starts[i] < end) {
            long s = starts[i];
            long e = ends[i];
            if (s < start && e > end) {
                ends[i] = start;
                insertAt(i + 1, end, e);
                return;
            }
            if (s < start) {
                ends[i] = start;
                i++;
            } else if (e > end) {
                starts[i] = end;
                return;
            } else {
                removeRange(i, i + 1);
            }
        }
    }

    /** Removes every member below {@code value}. */
    void removeBelow(long value) {
        if (size > 0 && starts[0] < value) {
            remove(starts[0], value);
        }
    }

    /** Drops the lowest range (when a bounded set is full). */
    void removeFirstRange() {
        removeRange(0, 1);
    }

    /** The end of the run of members that starts at {@code value}, or {@code value} if absent. */
    long contiguousEnd(long value) {
        int i = indexOfFirstEndingAfter(value);
        return i < size && starts[i] <= value ? ends[i] : value;
    }

    /** Total number of members. */
    long cardinality() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += ends[i] - starts[i];
        }
        return n;
    }

    private int indexOfFirstEndingAfter(long value) {
        int i = 0;
        while (i < size && ends[i] <= value) {
            i++;
        }
        return i;
    }

    private int indexOfFirstEndingAtOrAfter(long value) {
        int i = 0;
        while (i < size && ends[i] < value) {
            i++;
        }
        return i;
    }

    private void insertAt(int index, long start, long end) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        System.arraycopy(starts, index, starts, index + 1, size - index);
        System.arraycopy(ends, index, ends, index + 1, size - index);
        starts[index] = start;
        ends[index] = end;
        size++;
    }

    private void removeRange(int from, int to) {
        System.arraycopy(starts, to, starts, from, size - to);
        System.arraycopy(ends, to, ends, from, size - to);
        size -= to - from;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(starts[i]).append("..").append(ends[i]);
        }
        return sb.append(']').toString();
    }
}
