package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/**
 * TCP Vegas (Brakmo and Peterson, IEEE JSAC 1995): once per round trip it compares the expected
 * rate {@code cwnd / baseRTT} with the actual rate {@code cwnd / RTT}; their difference times
 * baseRTT is the number of this flow's packets sitting in queues. Fewer than {@code alpha}: grow
 * by one segment; more than {@code beta}: shrink by one; in between: hold. Slow start ends as soon
 * as more than {@code gamma} packets queue. BaseRTT is the smallest RTT sample on the path; the
 * round's RTT is the smallest sample of that round (as Linux does, to ignore delayed acks).
 *
 * <p>Simplified: slow start grows every round (the paper grows every other round), and a loss
 * cuts the window to three quarters once per recovery period, as the paper's Vegas does.
 * Parameters: {@code alpha} (2), {@code beta} (4), {@code gamma} (1), in packets.
 * Called by one session's transport on its host's thread; not thread-safe.
 */
public final class Vegas implements CongestionControl {
    /** Brakmo and Peterson: the window shrinks by a quarter on a loss, not by half as in Reno. */
    private static final double LOSS_REDUCTION_FACTOR = 0.75;
    private static final long NONE = Long.MIN_VALUE;

    private final CongestionConfig config;
    private final long mss;
    private final double alphaPackets;
    private final double betaPackets;
    private final double gammaPackets;

    private long cwndBytes;
    private long ssthreshBytes;
    private long recoveryStartNs;
    /** Window and threshold before the current loss episode, to undo a spurious one; -1: none. */
    private long undoCwndBytes = -1;
    private long undoSsthreshBytes;
    private long baseRttNs;
    private long roundMinRttNs;
    private long roundEndPacketNumber;
    private long lastSentPacketNumber;

    public Vegas(CongestionConfig config) {
        this.config = config;
        this.mss = config.maxDatagramBytes();
        this.alphaPackets = config.parameter("alpha", 2);
        this.betaPackets = config.parameter("beta", 4);
        this.gammaPackets = config.parameter("gamma", 1);
        if (!(alphaPackets >= 0 && alphaPackets <= betaPackets && gammaPackets >= 0)) {
            throw new IllegalArgumentException("vegas needs 0 <= alpha <= beta and gamma >= 0");
        }
        reset();
    }

    private void reset() {
        cwndBytes = config.initialWindowBytes();
        ssthreshBytes = Long.MAX_VALUE;
        recoveryStartNs = NONE;
        undoCwndBytes = -1;
        baseRttNs = Long.MAX_VALUE;
        roundMinRttNs = Long.MAX_VALUE;
        roundEndPacketNumber = 0;
        lastSentPacketNumber = -1;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
        lastSentPacketNumber = Math.max(lastSentPacketNumber, packetNumber);
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        long sampleNs = rtt.latestRttNs();
        if (sampleNs > 0) {
            baseRttNs = Math.min(baseRttNs, sampleNs);
            roundMinRttNs = Math.min(roundMinRttNs, sampleNs);
        }
        boolean recovering = recoveryStartNs != NONE && ack.largestAckedSentTimeNs() <= recoveryStartNs;
        if (recovering || ack.appLimited()) {
            return;
        }
        if (cwndBytes < ssthreshBytes) {
            cwndBytes += ack.ackedBytes();
        }
        if (ack.largestAckedPacketNumber() >= roundEndPacketNumber) {
            // A packet sent after the round began is acknowledged: the round trip is over.
            roundEndPacketNumber = lastSentPacketNumber + 1;
            endRound();
            roundMinRttNs = Long.MAX_VALUE;
        }
    }

    private void endRound() {
        if (roundMinRttNs == Long.MAX_VALUE || baseRttNs == Long.MAX_VALUE) {
            return;
        }
        double cwndPackets = (double) cwndBytes / mss;
        // diff = (expected - actual) x baseRTT = cwnd (RTT - baseRTT) / RTT, in packets.
        double queuedPackets = cwndPackets * (roundMinRttNs - baseRttNs) / roundMinRttNs;
        if (cwndBytes < ssthreshBytes) {
            if (queuedPackets > gammaPackets) {
                // Leave slow start at the window that matches the measured rate, plus one segment.
                long targetBytes = (long) (cwndBytes * (double) baseRttNs / roundMinRttNs) + mss;
                cwndBytes = Math.max(Math.min(cwndBytes, targetBytes), config.minimumWindowBytes());
                ssthreshBytes = cwndBytes;
            }
            return;
        }
        if (queuedPackets < alphaPackets) {
            cwndBytes += mss;
        } else if (queuedPackets > betaPackets) {
            cwndBytes = Math.max(cwndBytes - mss, config.minimumWindowBytes());
            // Stay in congestion avoidance: slow start would undo the decrease on the next ack.
            ssthreshBytes = Math.min(ssthreshBytes, cwndBytes);
        }
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        if (undoCwndBytes < 0) {
            undoCwndBytes = cwndBytes;
            undoSsthreshBytes = ssthreshBytes;
        }
        boolean recovering = recoveryStartNs != NONE && loss.largestLostSentTimeNs() <= recoveryStartNs;
        if (!recovering) {
            recoveryStartNs = loss.nowNs();
            cwndBytes = Math.max((long) (cwndBytes * LOSS_REDUCTION_FACTOR), config.minimumWindowBytes());
            ssthreshBytes = cwndBytes;
        }
        if (loss.persistentCongestion()) {
            cwndBytes = config.minimumWindowBytes();
            recoveryStartNs = NONE;
        }
    }

    /** The losses were reordering: back to the window before them (as NewReno). */
    @Override
    public void onSpuriousCongestion(long nowNs, RttView rtt) {
        if (undoCwndBytes >= 0) {
            cwndBytes = Math.max(cwndBytes, undoCwndBytes);
            ssthreshBytes = Math.max(ssthreshBytes, undoSsthreshBytes);
            recoveryStartNs = NONE;
            undoCwndBytes = -1;
        }
    }

    @Override
    public void onCongestionConfirmed(long nowNs) {
        undoCwndBytes = -1;
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        // Either way the base RTT may have changed: a rebinding can reroute too.
        if (change == PathChange.NEW_PATH) {
            reset();
        } else {
            baseRttNs = Long.MAX_VALUE;
        }
    }

    @Override
    public long congestionWindowBytes() {
        return cwndBytes;
    }

    @Override
    public String name() {
        return Factory.NAME;
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code vegas}. */
    public static final class Factory implements CongestionControlFactory {
        static final String NAME = "vegas";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "TCP Vegas (keeps alpha..beta packets queued: alpha=2, beta=4)";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            return new Vegas(config);
        }
    }
}
