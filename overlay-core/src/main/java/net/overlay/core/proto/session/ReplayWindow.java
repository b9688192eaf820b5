package net.overlay.core.proto.session;

/**
 * Sliding anti-replay window over packet numbers, as a ring of 64-bit words (RFC 6479): advancing
 * clears whole words instead of shifting the bitmap, so each check and update is O(1) except when
 * the window jumps, which costs at most one pass over the ring.
 *
 * <p>Of the ring's {@code sizePackets} bits, the word holding the highest number is shared with
 * numbers above it, so only {@code sizePackets - 64} numbers behind the highest are tracked; older
 * ones are "too old" (RFC 6479 section 2).
 *
 * <p>{@link #check(long)} and {@link #accept(long)} are separate so that a caller can check before
 * it spends an AEAD operation and update only after the tag verified: a forged packet must never
 * move the window.
 *
 * <p>The ring is made only when the numbers first arrive out of order. While every accepted number
 * was the highest plus one, the numbers seen are exactly 0..highest, so no bit is needed: a session
 * whose packets arrive in order (a device's keepalives) holds no ring at all (docs/node.md). On the
 * first gap the ring is made with every tracked number up to the highest marked, and from then on
 * it works as above. Not thread-safe.
 */
final class ReplayWindow {
    /** Result of {@link #check(long)}. */
    static final int FRESH = 0;
    static final int DUPLICATE = 1;
    static final int TOO_OLD = 2;

    private final int sizePackets;
    private final long trackedPackets;
    /** Null while every number so far arrived in order (0, 1, 2, ...). */
    private long[] ring;
    private int blockMask;
    /** Highest accepted packet number, or -1 before the first. */
    private long highest = -1;

    ReplayWindow(int sizePackets) {
        if (sizePackets < 128 || Integer.bitCount(sizePackets) != 1) {
            throw new IllegalArgumentException("window size must be a power of two >= 128");
        }
        this.sizePackets = sizePackets;
        this.trackedPackets = sizePackets - 64L;
    }

    /** Whether {@code pn} (non-negative) would be fresh; changes nothing. */
    int check(long pn) {
        if (pn > highest) {
            return FRESH;
        }
        if (highest - pn >= trackedPackets) {
            return TOO_OLD;
        }
        if (ring == null) {
            return DUPLICATE;
        }
        long word = ring[(int) (pn >>> 6) & blockMask];
        return (word & (1L << pn)) != 0 ? DUPLICATE : FRESH;
    }

    /** Records {@code pn} as received; the caller has checked it is fresh and authentic. */
    void accept(long pn) {
        if (ring == null) {
            if (pn == highest + 1) {
                highest = pn;
                return;
            }
            inflate();
        }
        if (pn > highest) {
            long currentBlock = highest >> 6;
            long newBlock = pn >>> 6;
            long advance = Math.min(newBlock - currentBlock, ring.length);
            for (long i = 1; i <= advance; i++) {
                ring[(int) (currentBlock + i) & blockMask] = 0;
            }
            highest = pn;
        }
        // Java masks the shift count to 6 bits: 1L << pn is bit (pn mod 64).
        ring[(int) (pn >>> 6) & blockMask] |= 1L << pn;
    }

    /** The ring as it would be had it existed from the start: every tracked number up to the highest is set. */
    private void inflate() {
        ring = new long[sizePackets / 64];
        blockMask = ring.length - 1;
        for (long n = Math.max(0, highest - trackedPackets + 1); n <= highest; n++) {
            ring[(int) (n >>> 6) & blockMask] |= 1L << n;
        }
    }

    /** Highest accepted packet number, or -1. */
    long highest() {
        return highest;
    }

    /** Numbers behind the highest that are still tracked. */
    long trackedPackets() {
        return trackedPackets;
    }
}
