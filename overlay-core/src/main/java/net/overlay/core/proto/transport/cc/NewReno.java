package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/**
 * NewReno as RFC 9002 section 7 and appendix B give it: slow start, congestion avoidance, one
 * window reduction per recovery period (keyed on the sent time of the lost packet), and the
 * minimum window after persistent congestion. The reference controller the others are compared to.
 * A loss episode that proves spurious is undone: window and threshold go back to their values
 * before the episode (Linux's {@code tcp_undo_cwnd_reduction}), never below their current ones.
 *
 * <p>Called by one session's transport on its host's thread; not thread-safe.
 */
public final class NewReno implements CongestionControl {
    /** RFC 9002 7.3.2 (kLossReductionFactor): the window halves on a congestion event. */
    static final double LOSS_REDUCTION_FACTOR = 0.5;

    private final CongestionConfig config;
    private final int maxDatagramBytes;
    private long cwndBytes;
    private long ssthreshBytes;
    /** RFC 9002 B.2 congestion_recovery_start_time; MIN_VALUE while not in any recovery period. */
    private long recoveryStartNs;
    /** Bytes acknowledged in congestion avoidance since the window last grew by one datagram. */
    private long caAckedBytes;
    /** Window and threshold before the current loss episode; -1 while no episode is open. */
    private long undoCwndBytes;
    private long undoSsthreshBytes;

    public NewReno(CongestionConfig config) {
        this.config = config;
        this.maxDatagramBytes = config.maxDatagramBytes();
        reset();
    }

    private void reset() {
        cwndBytes = config.initialWindowBytes();
        ssthreshBytes = Long.MAX_VALUE;
        recoveryStartNs = Long.MIN_VALUE;
        caAckedBytes = 0;
        undoCwndBytes = -1;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
        // RFC 9002 B.4: sending changes only bytes_in_flight, which the transport keeps.
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        // RFC 9002 B.5: no growth for packets sent during recovery, nor while application-limited
        // (7.8). The sample carries one sent time, that of the largest acknowledged packet.
        if (inRecovery(ack.largestAckedSentTimeNs()) || ack.appLimited()) {
            return;
        }
        if (cwndBytes < ssthreshBytes) {
            cwndBytes += ack.ackedBytes();
            return;
        }
        // RFC 9002 7.3.3: one maximum datagram per window acknowledged, counted in bytes so that
        // small acknowledgements add up exactly (RFC 3465's appropriate byte counting).
        caAckedBytes += ack.ackedBytes();
        if (caAckedBytes >= cwndBytes) {
            caAckedBytes -= cwndBytes;
            cwndBytes += maxDatagramBytes;
        }
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        if (undoCwndBytes < 0) {
            undoCwndBytes = cwndBytes;
            undoSsthreshBytes = ssthreshBytes;
        }
        if (!inRecovery(loss.largestLostSentTimeNs())) {
            // RFC 9002 B.6: a new recovery period starts now; losses of packets sent before it
            // belong to the same event and do not reduce the window again.
            recoveryStartNs = loss.nowNs();
            ssthreshBytes = Math.max((long) (cwndBytes * LOSS_REDUCTION_FACTOR), config.minimumWindowBytes());
            cwndBytes = ssthreshBytes;
            caAckedBytes = 0;
        }
        if (loss.persistentCongestion()) {
            // RFC 9002 7.6.2: collapse to the minimum window; the next loss starts a new period.
            cwndBytes = config.minimumWindowBytes();
            recoveryStartNs = Long.MIN_VALUE;
        }
    }

    @Override
    public void onSpuriousCongestion(long nowNs, RttView rtt) {
        if (undoCwndBytes < 0) {
            return;
        }
        cwndBytes = Math.max(cwndBytes, undoCwndBytes);
        ssthreshBytes = Math.max(ssthreshBytes, undoSsthreshBytes);
        // Out of recovery: the packets that seemed lost were delivered, so growth resumes at once.
        recoveryStartNs = Long.MIN_VALUE;
        undoCwndBytes = -1;
    }

    @Override
    public void onCongestionConfirmed(long nowNs) {
        undoCwndBytes = -1;
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        // RFC 9000 9.4: a new path starts with fresh congestion state; a rebinding keeps it.
        if (change == PathChange.NEW_PATH) {
            reset();
        }
    }

    private boolean inRecovery(long sentTimeNs) {
        return recoveryStartNs != Long.MIN_VALUE && sentTimeNs <= recoveryStartNs;
    }

    @Override
    public long congestionWindowBytes() {
        return cwndBytes;
    }

    long ssthreshBytes() {
        return ssthreshBytes;
    }

    @Override
    public String name() {
        return Factory.NAME;
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code newreno}. */
    public static final class Factory implements CongestionControlFactory {
        static final String NAME = "newreno";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "NewReno after RFC 9002 (slow start, AIMD, recovery keyed on sent time)";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            return new NewReno(config);
        }
    }
}
