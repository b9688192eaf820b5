package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.TransportConstants.GRANULARITY_NS;
import static net.overlay.core.proto.transport.TransportConstants.PERSISTENT_CONGESTION_THRESHOLD;
import static net.overlay.core.proto.transport.TransportConstants.TIME_THRESHOLD_DENOMINATOR;
import static net.overlay.core.proto.transport.TransportConstants.TIME_THRESHOLD_NUMERATOR;

import java.util.List;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;

/**
 * Loss detection and the congestion controller's inputs after RFC 9002 (appendix A's
 * pseudocode, one packet number space): ACK processing with RTT samples, loss by packet
 * threshold (3) and time threshold (9/8 RTT), the probe timeout with exponential backoff,
 * persistent congestion, bytes in flight, and BBR-style delivery-rate samples. It tells a {@link
 * Listener} which packets' frames were acknowledged or lost; the transport turns those into
 * stream bookkeeping and retransmissions.
 *
 * <p>Both thresholds adapt to reordering (RFC 9002 6.1 allows it; RFC 8985's RACK does it): a
 * {@link ReorderingTracker} notices packets declared lost and acknowledged later, raises the
 * packet threshold and adds a reordering window to the time threshold, and when every loss of an
 * episode proves spurious the controller is told to undo its response ({@link
 * CongestionControl#onSpuriousCongestion}).
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class LossDetector {

    /** What happened to a packet's frames. */
    interface Listener {
        void onPacketAcked(SentPacketLog log, long pn);

        void onPacketLost(SentPacketLog log, long pn);
    }

    /** What {@link #onTimeout} did. */
    enum TimeoutAction { NONE, LOSS_DETECTED, PROBE }

    private static final int MAX_PTO_SHIFT = 16;

    private final SentPacketLog log;
    private final RttEstimator rtt;
    private final CongestionControl cc;
    private final Listener listener;
    private final ReorderingTracker reordering = new ReorderingTracker();

    private long largestAckedPn = -1;
    private long lossTimeNs = Long.MAX_VALUE;
    private int ptoCount;
    private long lastAckElicitingSentNs;
    private int ackElicitingInFlight;
    private long bytesInFlight;

    // Delivery-rate state (BBR's: draft-ietf-ccwg-bbr 4.5.2.2).
    private long deliveredBytes;
    private long deliveredTimeNs;
    private long firstSentTimeNs;
    private long appLimitedUntilBytes;

    LossDetector(SentPacketLog log, RttEstimator rtt, CongestionControl cc, Listener listener) {
        this.log = log;
        this.rtt = rtt;
        this.cc = cc;
        this.listener = listener;
    }

    /**
     * Records a packet just built (its frames already logged) and tells the controller.
     *
     * @return its packet number
     */
    long onPacketSent(long nowNs, int sizeBytes, boolean ackEliciting, boolean inFlight) {
        if (inFlight && bytesInFlight == 0) {
            // Start of a new flight: the delivery-rate interval starts here too.
            firstSentTimeNs = nowNs;
            deliveredTimeNs = nowNs;
        }
        int flags = (inFlight ? SentPacketLog.IN_FLIGHT : 0) | (ackEliciting ? SentPacketLog.ACK_ELICITING : 0)
                | (appLimitedUntilBytes != 0 ? SentPacketLog.APP_LIMITED : 0);
        long pn = log.commit(nowNs, sizeBytes, flags, deliveredBytes, deliveredTimeNs, firstSentTimeNs);
        if (ackEliciting) {
            lastAckElicitingSentNs = nowNs;
            ackElicitingInFlight++;
        }
        if (inFlight) {
            bytesInFlight += sizeBytes;
            cc.onPacketSent(nowNs, pn, sizeBytes, bytesInFlight);
        }
        return pn;
    }

    /**
     * Processes an ACK frame (RFC 9002 A.7).
     *
     * @throws TransportException PROTOCOL_VIOLATION when it acknowledges a packet never sent
     */
    void onAck(long nowNs, Frame.Ack ack) throws TransportException {
        long largest = ack.largestAcked();
        if (largest >= log.nextPacketNumber()) {
            throw new TransportException(TransportException.Code.PROTOCOL_VIOLATION,
                    "ACK of packet " + largest + ", next packet number is " + log.nextPacketNumber());
        }
        largestAckedPn = Math.max(largestAckedPn, largest);
        reordering.beginAck();
        ReorderingTracker.Outcome episode = ReorderingTracker.Outcome.NONE;
        long ackedBytes = 0;
        int ackedPackets = 0;
        long newestAcked = -1;
        boolean ackElicitingAcked = false;
        long smallest = largest - ack.firstRange();
        long rangeLargest = largest;
        List<Frame.Ack.Range> ranges = ack.ranges();
        for (int r = -1; r < ranges.size(); r++) {
            if (r >= 0) {
                // RFC 9000 19.3.1: each further range sits gap + 2 below the previous smallest.
                rangeLargest = smallest - ranges.get(r).gap() - 2;
                smallest = rangeLargest - ranges.get(r).length();
            }
            long hi = Math.min(rangeLargest, log.nextPacketNumber() - 1);
            episode = latest(episode, reordering.onAckedRange(smallest, hi, largest, nowNs, rtt.smoothedRttNs()));
            for (long pn = Math.max(smallest, log.base()); pn <= hi; pn++) {
                if (!log.isOutstanding(pn)) {
                    continue;
                }
                int flags = log.flags(pn);
                log.resolve(pn, SentPacketLog.ACKED);
                newestAcked = Math.max(newestAcked, pn);
                if ((flags & SentPacketLog.ACK_ELICITING) != 0) {
                    ackElicitingAcked = true;
                    ackElicitingInFlight--;
                }
                if ((flags & SentPacketLog.IN_FLIGHT) != 0) {
                    int size = log.sizeBytes(pn);
                    bytesInFlight -= size;
                    deliveredBytes += size;
                    ackedBytes += size;
                    ackedPackets++;
                }
                listener.onPacketAcked(log, pn);
            }
        }
        endEpisode(nowNs, latest(episode, reordering.expire(nowNs, rtt.ptoDurationNs())));
        if (newestAcked < 0) {
            return;
        }
        if (newestAcked == largest && ackElicitingAcked) {
            long ackDelayNs = Math.min(ack.ackDelayUs(), Long.MAX_VALUE / 1000) * 1000;
            rtt.onSample(nowNs, nowNs - log.sentTimeNs(largest), ackDelayNs);
        }
        detectLostPackets(nowNs);
        deliveredTimeNs = nowNs;
        long sampleBytes = deliveredBytes - log.delivered(newestAcked);
        long intervalNs = Math.max(log.sentTimeNs(newestAcked) - log.firstSentTimeNs(newestAcked),
                nowNs - log.deliveredTimeNs(newestAcked));
        boolean appLimited = (log.flags(newestAcked) & SentPacketLog.APP_LIMITED) != 0;
        firstSentTimeNs = log.sentTimeNs(newestAcked);
        if (appLimitedUntilBytes != 0 && deliveredBytes > appLimitedUntilBytes) {
            appLimitedUntilBytes = 0;
        }
        if (ackedPackets > 0) {
            cc.onAck(new AckSample(nowNs, ackedBytes, ackedPackets, newestAcked, log.sentTimeNs(newestAcked),
                    bytesInFlight, sampleBytes, intervalNs, appLimited), rtt);
        }
        // RFC 9002 6.2.1: an acknowledgement resets the probe backoff.
        ptoCount = 0;
        log.forgetResolved();
    }

    /** RFC 9002 A.10: declares lost what the thresholds say, and arms the loss timer for the rest. */
    void detectLostPackets(long nowNs) {
        lossTimeNs = Long.MAX_VALUE;
        if (largestAckedPn < 0) {
            return;
        }
        long lossDelayNs = Math.max(Math.max(rtt.latestRttNs(), rtt.smoothedRttNs())
                * TIME_THRESHOLD_NUMERATOR / TIME_THRESHOLD_DENOMINATOR, GRANULARITY_NS)
                + reordering.reorderingWindowNs(rtt.minRttNs(), rtt.smoothedRttNs());
        int packetThreshold = reordering.packetThreshold();
        long lostSendTimeNs = nowNs - lossDelayNs;
        long lostBytes = 0;
        int lostPackets = 0;
        long largestLost = -1;
        long earliestLost = -1;
        long end = Math.min(largestAckedPn, log.nextPacketNumber() - 1);
        for (long pn = log.base(); pn <= end; pn++) {
            if (!log.isOutstanding(pn)) {
                continue;
            }
            long sentNs = log.sentTimeNs(pn);
            if (sentNs > lostSendTimeNs && largestAckedPn < pn + packetThreshold) {
                lossTimeNs = Math.min(lossTimeNs, sentNs + lossDelayNs);
                continue;
            }
            int flags = log.flags(pn);
            log.resolve(pn, SentPacketLog.LOST);
            if ((flags & SentPacketLog.ACK_ELICITING) != 0) {
                ackElicitingInFlight--;
                earliestLost = earliestLost < 0 ? pn : earliestLost;
            }
            if ((flags & SentPacketLog.IN_FLIGHT) != 0) {
                bytesInFlight -= log.sizeBytes(pn);
                lostBytes += log.sizeBytes(pn);
                lostPackets++;
                largestLost = pn;
                endEpisode(nowNs, reordering.onLost(pn, nowNs));
            }
            listener.onPacketLost(log, pn);
        }
        if (lostPackets > 0) {
            boolean persistent = earliestLost >= 0 && isPersistentCongestion(earliestLost, largestLost);
            cc.onCongestionEvent(new LossSample(nowNs, lostBytes, lostPackets, largestLost,
                    log.sentTimeNs(largestLost), persistent, bytesInFlight), rtt);
        }
    }

    /**
     * RFC 9002 7.6: the lost packets span more than three probe timeouts with nothing in between
     * acknowledged, and the span began after the first RTT sample (7.6.2). Simplified to the
     * packets of one detection pass: an earlier pass's losses do not extend the span.
     */
    private boolean isPersistentCongestion(long firstPn, long lastPn) {
        long startNs = log.sentTimeNs(firstPn);
        if (!rtt.hasSample() || startNs <= rtt.firstSampleTimeNs()) {
            return false;
        }
        long durationNs = rtt.ptoDurationNs() * PERSISTENT_CONGESTION_THRESHOLD;
        if (log.sentTimeNs(lastPn) - startNs <= durationNs) {
            return false;
        }
        for (long pn = firstPn; pn <= lastPn; pn++) {
            if (log.wasAcked(pn)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9002 A.9: handles the loss or probe timer if it is due. */
    TimeoutAction onTimeout(long nowNs) {
        endEpisode(nowNs, reordering.expire(nowNs, rtt.ptoDurationNs()));
        if (lossTimeNs != Long.MAX_VALUE) {
            if (lossTimeNs > nowNs) {
                return TimeoutAction.NONE;
            }
            detectLostPackets(nowNs);
            log.forgetResolved();
            return TimeoutAction.LOSS_DETECTED;
        }
        if (ptoDeadlineNs() > nowNs) {
            return TimeoutAction.NONE;
        }
        ptoCount++;
        cc.onPto(nowNs, ptoCount);
        return TimeoutAction.PROBE;
    }

    /** The loss timer if armed, else the probe timeout, else {@code Long.MAX_VALUE}. */
    long timerNs() {
        return lossTimeNs != Long.MAX_VALUE ? lossTimeNs : ptoDeadlineNs();
    }

    /** RFC 9002 6.2.1: last ack-eliciting send + PTO x 2^ptoCount, when anything can be probed. */
    long ptoDeadlineNs() {
        if (ackElicitingInFlight <= 0) {
            return Long.MAX_VALUE;
        }
        return lastAckElicitingSentNs + (rtt.ptoDurationNs() << Math.min(ptoCount, MAX_PTO_SHIFT));
    }

    /** The oldest packet still awaiting its fate that carried ack-eliciting frames, or -1. */
    long oldestOutstandingAckEliciting() {
        for (long pn = log.base(); pn < log.nextPacketNumber(); pn++) {
            if (log.isOutstanding(pn) && (log.flags(pn) & SentPacketLog.ACK_ELICITING) != 0) {
                return pn;
            }
        }
        return -1;
    }

    /** RFC 7661: the sender had less to send than the window allowed; tells the controller once. */
    void onAppLimited(long nowNs) {
        if (appLimitedUntilBytes == 0) {
            appLimitedUntilBytes = Math.max(deliveredBytes + bytesInFlight, 1);
            cc.onAppLimited(nowNs, bytesInFlight);
        }
    }

    /** The session moved to another path: RTT starts afresh (RFC 9000 9.4) and so does the controller. */
    void onPathChange(long nowNs, PathChange change) {
        if (change == PathChange.NEW_PATH) {
            rtt.reset();
            reordering.reset();
        }
        ptoCount = 0;
        cc.onPathChange(nowNs, change);
    }

    private static ReorderingTracker.Outcome latest(ReorderingTracker.Outcome a, ReorderingTracker.Outcome b) {
        return b != ReorderingTracker.Outcome.NONE ? b : a;
    }

    /** Tells the controller how a loss episode ended: undo (all spurious) or keep (some real). */
    private void endEpisode(long nowNs, ReorderingTracker.Outcome outcome) {
        if (!reordering.isEnabled()) {
            return;
        }
        switch (outcome) {
            case SPURIOUS -> cc.onSpuriousCongestion(nowNs, rtt);
            case REAL -> cc.onCongestionConfirmed(nowNs);
            case NONE -> { }
        }
    }

    /** The reordering state: spurious-loss counters and the current thresholds. */
    ReorderingTracker reordering() {
        return reordering;
    }

    long bytesInFlight() {
        return bytesInFlight;
    }

    int ptoCount() {
        return ptoCount;
    }
}
