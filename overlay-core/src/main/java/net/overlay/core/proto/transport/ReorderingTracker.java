package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.TransportConstants.GRANULARITY_NS;
import static net.overlay.core.proto.transport.TransportConstants.PACKET_THRESHOLD;

/**
 * Spurious-loss detection and adaptive loss thresholds for {@link LossDetector}, after RACK
 * (RFC 8985 6.2: the reordering window grows when a loss proves spurious and decays after 16
 * recoveries without one) and RFC 9002 6.1, which allows a sender to raise its packet and time
 * thresholds when it sees reordering.
 *
 * <p>Packets declared lost stay in a bounded ring (sorted, because loss is declared in packet
 * order) until their acknowledgement arrives after all (a spurious loss: the packet was late, not
 * lost) or they expire one probe timeout after the declaration (a real loss). A spurious loss
 * raises the packet threshold to the reordering distance it shows (the largest number the same
 * ACK acknowledged minus its own, plus one; at most {@link #MAX_PACKET_THRESHOLD}) and widens the
 * reordering window, at most once per smoothed RTT. Losses form an episode from the first one
 * declared while none is pending until every one of them is settled; an episode whose losses were
 * all spurious is {@link Outcome#SPURIOUS} (the controller undoes its response), otherwise {@link
 * Outcome#REAL}.
 *
 * <p>Mutable, not thread-safe; owned by one loss detector. Reads no clock: time comes as arguments.
 */
final class ReorderingTracker {
    /** How an episode ended, if one did. */
    enum Outcome { NONE, SPURIOUS, REAL }

    /** Bound on the adaptive packet threshold (Linux caps its reordering degree at 300 by default). */
    static final int MAX_PACKET_THRESHOLD = 64;
    /** RFC 8985 6.2: the window comes back to its baseline after this many recoveries without reordering. */
    static final int CLEAN_EPISODES_BEFORE_DECAY = 16;
    private static final int MAX_WINDOW_STEPS = 1 << 12;
    private static final int CAPACITY = 256;

    private final long[] lostPn = new long[CAPACITY];
    private final long[] lostAtNs = new long[CAPACITY];
    private long head;
    private long tail;
    private long cursor;

    private boolean enabled = true;
    private int packetThreshold = PACKET_THRESHOLD;
    private int windowSteps;
    private long lastWindowGrowthNs = Long.MIN_VALUE;
    private int pending;
    private boolean episodeHadRealLoss;
    private boolean episodeHadSpuriousLoss;
    private int cleanEpisodes;
    private long spuriousLosses;
    private long spuriousEpisodes;

    /** Turns adaptation off (tests comparing with plain RFC 9002); spurious losses are still counted. */
    void setEnabled(boolean on) {
        enabled = on;
        if (!on) {
            packetThreshold = PACKET_THRESHOLD;
            windowSteps = 0;
        }
    }

    boolean isEnabled() {
        return enabled;
    }

    int packetThreshold() {
        return packetThreshold;
    }

    /**
     * Extra time a packet may be late beyond RFC 9002's 9/8 RTT: {@code windowSteps} quarters of
     * the minimum RTT (at least the timer granularity each), at most the smoothed RTT (RFC 8985 6.2).
     */
    long reorderingWindowNs(long minRttNs, long smoothedRttNs) {
        if (windowSteps == 0) {
            return 0;
        }
        long stepNs = Math.max(minRttNs / 4, GRANULARITY_NS);
        return Math.min(stepNs * windowSteps, smoothedRttNs);
    }

    long spuriousLosses() {
        return spuriousLosses;
    }

    long spuriousEpisodes() {
        return spuriousEpisodes;
    }

    /** A packet was declared lost at {@code nowNs}. */
    Outcome onLost(long pn, long nowNs) {
        Outcome out = Outcome.NONE;
        if (tail - head == CAPACITY) {
            // The oldest pending loss never came back within the ring's reach: take it as real.
            if (lostPn[(int) (head % CAPACITY)] >= 0) {
                out = settle(head, false);
            }
            head++;
        }
        int s = (int) (tail++ % CAPACITY);
        lostPn[s] = pn;
        lostAtNs[s] = nowNs;
        pending++;
        return out;
    }

    /** Starts matching one ACK frame's ranges, which come from the largest down. */
    void beginAck() {
        cursor = tail - 1;
    }

    /**
     * The ACK frame acknowledges {@code [lo, hi]}; any pending loss inside was spurious.
     *
     * @param largestAcked the frame's largest acknowledged packet (the reordering distance's far end)
     */
    Outcome onAckedRange(long lo, long hi, long largestAcked, long nowNs, long smoothedRttNs) {
        Outcome out = Outcome.NONE;
        while (cursor >= head) {
            int s = (int) (cursor % CAPACITY);
            long pn = lostPn[s];
            if (pn >= 0 && pn < lo) {
                break;
            }
            cursor--;
            if (pn > hi || pn < 0) {
                continue;
            }
            spuriousLosses++;
            if (enabled) {
                long distance = largestAcked - pn + 1;
                packetThreshold = (int) Math.clamp(distance, packetThreshold, MAX_PACKET_THRESHOLD);
                if (lastWindowGrowthNs == Long.MIN_VALUE || nowNs - lastWindowGrowthNs >= smoothedRttNs) {
                    // Doubling rather than RFC 8985's one step per round: a jitter of many minimum
                    // RTTs (a fast LAN behind a jittery delay line) is reached in a few rounds.
                    windowSteps = Math.min(Math.max(1, windowSteps * 2), MAX_WINDOW_STEPS);
                    lastWindowGrowthNs = nowNs;
                }
            }
            Outcome o = settle(cursor + 1, true);
            out = o != Outcome.NONE ? o : out;
        }
        dropSettledHead();
        return out;
    }

    /** Pending losses declared more than {@code expiryNs} ago were real. */
    Outcome expire(long nowNs, long expiryNs) {
        Outcome out = Outcome.NONE;
        while (head < tail) {
            int s = (int) (head % CAPACITY);
            if (lostPn[s] >= 0 && nowNs - lostAtNs[s] < expiryNs) {
                break;
            }
            if (lostPn[s] >= 0) {
                Outcome o = settle(head, false);
                out = o != Outcome.NONE ? o : out;
            }
            head++;
        }
        return out;
    }

    /** A new path: pending losses are forgotten as real and the thresholds start afresh. */
    void reset() {
        head = tail;
        cursor = tail - 1;
        pending = 0;
        episodeHadRealLoss = false;
        episodeHadSpuriousLoss = false;
        cleanEpisodes = 0;
        packetThreshold = PACKET_THRESHOLD;
        windowSteps = 0;
        lastWindowGrowthNs = Long.MIN_VALUE;
    }

    private Outcome settle(long index, boolean spurious) {
        lostPn[(int) (index % CAPACITY)] = -1;
        episodeHadRealLoss |= !spurious;
        episodeHadSpuriousLoss |= spurious;
        if (--pending > 0) {
            return Outcome.NONE;
        }
        boolean real = episodeHadRealLoss;
        boolean reordered = episodeHadSpuriousLoss;
        episodeHadRealLoss = false;
        episodeHadSpuriousLoss = false;
        if (reordered) {
            cleanEpisodes = 0;
        }
        if (!real) {
            spuriousEpisodes++;
            return Outcome.SPURIOUS;
        }
        if (!reordered && ++cleanEpisodes >= CLEAN_EPISODES_BEFORE_DECAY) {
            cleanEpisodes = 0;
            packetThreshold = PACKET_THRESHOLD;
            windowSteps = 0;
        }
        return Outcome.REAL;
    }

    private void dropSettledHead() {
        while (head < tail && lostPn[(int) (head % CAPACITY)] < 0) {
            head++;
        }
    }
}
