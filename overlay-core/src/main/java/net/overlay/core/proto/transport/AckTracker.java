package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.TransportConstants.ACK_ELICITING_THRESHOLD;
import static net.overlay.core.proto.wire.WireConstants.FRAME_ACK;

import net.overlay.core.proto.wire.Varint;

/**
 * The receiver's side of acknowledgement (RFC 9000 13.2): which packet numbers arrived (a
 * bounded {@link RangeSet}; the oldest ranges are forgotten and everything below them then counts
 * as already received), duplicate detection, when an ACK is due (every second ack-eliciting
 * packet, at once on a gap or reordering, else after max_ack_delay), and writing the ACK frame
 * without building a {@code Frame.Ack}.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class AckTracker {
    private final RangeSet received = new RangeSet();
    private final int maxRanges;
    private final long maxAckDelayNs;
    private long floorPn;
    private long largestPn = -1;
    private long largestReceivedNs;
    private int unackedAckEliciting;
    private boolean newInfo;
    private boolean immediate;
    private long ackDeadlineNs = Long.MAX_VALUE;

    AckTracker(int maxRanges, long maxAckDelayNs) {
        this.maxRanges = maxRanges;
        this.maxAckDelayNs = maxAckDelayNs;
    }

    /** Whether {@code pn} already arrived (or is too old to tell, which counts as arrived). */
    boolean isDuplicate(long pn) {
        return pn < floorPn || received.contains(pn);
    }

    /** Records an arrived packet and decides how soon to acknowledge it. */
    void onPacket(long pn, long nowNs, boolean ackEliciting) {
        // RFC 9000 13.2.1: out of order (below the largest) or after a gap: acknowledge at once.
        boolean outOfOrder = largestPn >= 0 && pn != largestPn + 1;
        received.add(pn, pn + 1);
        if (received.rangeCount() > maxRanges + 1) {
            floorPn = received.end(0);
            received.removeFirstRange();
        }
        if (pn > largestPn) {
            largestPn = pn;
            largestReceivedNs = nowNs;
        }
        newInfo = true;
        if (!ackEliciting) {
            return;
        }
        unackedAckEliciting++;
        if (outOfOrder || unackedAckEliciting >= ACK_ELICITING_THRESHOLD) {
            immediate = true;
        } else if (ackDeadlineNs == Long.MAX_VALUE) {
            ackDeadlineNs = nowNs + maxAckDelayNs;
        }
    }

    /** An ACK must go out now, even alone and even with the congestion window full. */
    boolean isAckDue(long nowNs) {
        return unackedAckEliciting > 0 && (immediate || nowNs >= ackDeadlineNs);
    }

    /** Something arrived that the peer has not seen acknowledged: worth adding to a packet. */
    boolean hasNewInfo() {
        return newInfo && largestPn >= 0;
    }

    /** When the delayed ACK is due, or {@code Long.MAX_VALUE}. */
    long timeoutNs() {
        if (unackedAckEliciting == 0) {
            return Long.MAX_VALUE;
        }
        // Immediate: due since the packet that made it so arrived.
        return immediate ? largestReceivedNs : ackDeadlineNs;
    }

    /** Bytes an ACK frame of every tracked range takes (an upper bound for {@link #writeAck}). */
    int frameLengthBound() {
        int top = received.rangeCount() - 1;
        if (top < 0) {
            return 0;
        }
        // 8 bytes for the delay: it is measured only when the frame is written.
        int len = 1 + Varint.encodedLength(received.end(top) - 1) + 8 + Varint.encodedLength(top)
                + Varint.encodedLength(received.end(top) - 1 - received.start(top));
        for (int i = top - 1; i >= 0 && i >= top - maxRanges; i--) {
            len += Varint.encodedLength(gap(i)) + Varint.encodedLength(received.end(i) - 1 - received.start(i));
        }
        return len;
    }

    /**
     * Writes an ACK frame of the ranges received into {@code dst[pos..limit)}, as many ranges as
     * fit (highest first), and resets the ack-delay state.
     *
     * @return the position after the frame, or {@code pos} when not even one range fits
     */
    int writeAck(long nowNs, byte[] dst, int pos, int limit) {
        int top = received.rangeCount() - 1;
        long largest = received.end(top) - 1;
        long delayUs = Math.max(0, nowNs - largestReceivedNs) / 1000;
        long firstRange = largest - received.start(top);
        int extra = Math.min(top, maxRanges);
        int headerLen = 1 + Varint.encodedLength(largest) + Varint.encodedLength(delayUs)
                + Varint.encodedLength(extra) + Varint.encodedLength(firstRange);
        int len = headerLen;
        int fitting = 0;
        for (int i = top - 1; i >= top - extra; i--) {
            int rangeLen = Varint.encodedLength(gap(i)) + Varint.encodedLength(received.end(i) - 1 - received.start(i));
            if (pos + len + rangeLen > limit) {
                break;
            }
            len += rangeLen;
            fitting++;
        }
        if (pos + len > limit) {
            return pos;
        }
        // The range count was sized for all ranges: its varint may only shrink, so fix it up.
        int p = Varint.encode(FRAME_ACK, dst, pos);
        p = Varint.encode(largest, dst, p);
        p = Varint.encode(delayUs, dst, p);
        p = Varint.encode(fitting, Varint.encodedLength(extra), dst, p);
        p = Varint.encode(firstRange, dst, p);
        for (int i = top - 1; i >= top - fitting; i--) {
            p = Varint.encode(gap(i), dst, p);
            p = Varint.encode(received.end(i) - 1 - received.start(i), dst, p);
        }
        unackedAckEliciting = 0;
        immediate = false;
        newInfo = false;
        ackDeadlineNs = Long.MAX_VALUE;
        return p;
    }

    /** RFC 9000 19.3.1: gap = previous smallest - this range's largest - 2. */
    private long gap(int i) {
        return received.start(i + 1) - (received.end(i) - 1) - 2;
    }
}
