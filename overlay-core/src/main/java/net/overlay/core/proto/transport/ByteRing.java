package net.overlay.core.proto.transport;

/**
 * A circular byte buffer addressed by absolute stream offset: it holds offsets {@code [base,
 * base + capacity)}, with offset {@code o} in slot {@code o & mask}. Send streams keep the bytes
 * written and not yet acknowledged in one; receive streams keep the window past the reader (out of
 * order arrivals land in place). It starts small and doubles up to {@code maxBytes} rounded up to
 * a power of two, so a thousand idle streams cost little.
 *
 * <p>Mutable, not thread-safe; owned by one stream.
 */
final class ByteRing {
    private static final int INITIAL_BYTES = 4096;

    private final int maxCapacity;
    private byte[] data = new byte[0];
    private long base;

    ByteRing(int maxBytes) {
        this.maxCapacity = (int) Math.min(1 << 30, Long.highestOneBit(Math.max(maxBytes, 1) * 2L - 1));
    }

    long base() {
        return base;
    }

    /** Makes room for offsets up to {@code endOffset} (exclusive); it must be within the maximum. */
    void ensureCapacity(long endOffset) {
        long needed = endOffset - base;
        if (needed <= data.length) {
            return;
        }
        if (needed > maxCapacity) {
            throw new IllegalStateException("ring of " + maxCapacity + " bytes cannot hold " + needed);
        }
        int capacity = Math.max(data.length, INITIAL_BYTES);
        while (capacity < needed) {
            capacity *= 2;
        }
        byte[] grown = new byte[capacity];
        // The old contents are offsets [base, base + old length): copy them to their new slots.
        if (data.length > 0) {
            copyOut(base, grown, (int) (base & (capacity - 1)), data.length, capacity);
        }
        data = grown;
    }

    private void copyOut(long offset, byte[] dst, int dstSlot, int len, int dstCapacity) {
        for (int done = 0; done < len; ) {
            int src = (int) ((offset + done) & (data.length - 1));
            int dstPos = (dstSlot + done) & (dstCapacity - 1);
            int n = Math.min(len - done, Math.min(data.length - src, dstCapacity - dstPos));
            System.arraycopy(data, src, dst, dstPos, n);
            done += n;
        }
    }

    /** Copies {@code src[off..off+len)} to offsets {@code [offset, offset+len)}, which must fit. */
    void put(long offset, byte[] src, int off, int len) {
        ensureCapacity(offset + len);
        int mask = data.length - 1;
        int done = 0;
        while (done < len) {
            int slot = (int) ((offset + done) & mask);
            int n = Math.min(len - done, data.length - slot);
            System.arraycopy(src, off + done, data, slot, n);
            done += n;
        }
    }

    /** Copies offsets {@code [offset, offset+len)} into {@code dst[off..)}. */
    void get(long offset, byte[] dst, int off, int len) {
        int mask = data.length - 1;
        int done = 0;
        while (done < len) {
            int slot = (int) ((offset + done) & mask);
            int n = Math.min(len - done, data.length - slot);
            System.arraycopy(data, slot, dst, off + done, n);
            done += n;
        }
    }

    /** Forgets offsets below {@code newBase} (acknowledged, or read). */
    void advance(long newBase) {
        if (newBase > base) {
            base = newBase;
        }
    }

    /** Releases the memory (the stream was reset). */
    void release(long newBase) {
        data = new byte[0];
        base = Math.max(base, newBase);
    }
}
