package net.overlay.lab.soak;

/**
 * The soak's known data: byte {@code i} of the stream is a pure function of a seed and {@code i}
 * (a SplitMix64 finaliser over the 8-byte block number), so a writer and a checker that cut the
 * stream into different chunks still agree byte for byte, and a corrupted, lost or duplicated byte
 * is found at its offset. Immutable; any thread.
 */
public record StreamPattern(long seed) {
    /** The byte at {@code offset}. */
    public byte at(long offset) {
        return (byte) (block(offset >>> 3) >>> ((offset & 7) * 8));
    }

    /** Fills {@code buf[0..len)} with the bytes starting at {@code offset}. */
    public void fill(long offset, byte[] buf, int len) {
        for (int i = 0; i < len; i++) {
            buf[i] = at(offset + i);
        }
    }

    /**
     * Checks {@code buf[0..len)} against the bytes starting at {@code offset}.
     *
     * @return the index in {@code buf} of the first wrong byte, or -1 when all match
     */
    public int firstMismatch(long offset, byte[] buf, int len) {
        for (int i = 0; i < len; i++) {
            if (buf[i] != at(offset + i)) {
                return i;
            }
        }
        return -1;
    }

    private long block(long n) {
        long z = seed + (n + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
