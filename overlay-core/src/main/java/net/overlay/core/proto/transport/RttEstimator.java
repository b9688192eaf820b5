package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.TransportConstants.GRANULARITY_NS;
import static net.overlay.core.proto.transport.TransportConstants.INITIAL_RTT_NS;

import net.overlay.core.spi.cc.RttView;

/**
 * Round-trip estimates after RFC 9002 section 5: latest, minimum, smoothed and variance, with the
 * peer's acknowledgement delay taken off samples when that does not go below the minimum. Read by
 * the loss detector and, through {@link RttView}, by the congestion controller.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class RttEstimator implements RttView {
    private final long maxAckDelayNs;
    private long latestRttNs;
    private long smoothedRttNs;
    private long rttVarNs;
    private long minRttNs;
    private boolean hasSample;
    private long firstSampleTimeNs;

    RttEstimator(long maxAckDelayNs) {
        this.maxAckDelayNs = maxAckDelayNs;
        reset();
    }

    /** RFC 9002 5.2 and 6.2.2: forget the path (a new path starts with the initial RTT). */
    void reset() {
        latestRttNs = 0;
        minRttNs = 0;
        smoothedRttNs = INITIAL_RTT_NS;
        rttVarNs = INITIAL_RTT_NS / 2;
        hasSample = false;
        firstSampleTimeNs = Long.MAX_VALUE;
    }

    /**
     * One sample: the time from sending the largest newly acknowledged packet to its ACK.
     *
     * @param ackDelayNs the delay the peer reports in its ACK frame
     */
    void onSample(long nowNs, long sampleNs, long ackDelayNs) {
        long sample = Math.max(sampleNs, 0);
        latestRttNs = sample;
        if (!hasSample) {
            // RFC 9002 5.3: the first sample initialises everything.
            hasSample = true;
            firstSampleTimeNs = nowNs;
            minRttNs = sample;
            smoothedRttNs = sample;
            rttVarNs = sample / 2;
            return;
        }
        // RFC 9002 5.2: min RTT ignores ack delay.
        minRttNs = Math.min(minRttNs, sample);
        // RFC 9002 5.3: the peer cannot delay acks longer than it announced (max_ack_delay), and
        // subtracting must not take the sample below min RTT.
        long ackDelay = Math.min(Math.max(ackDelayNs, 0), maxAckDelayNs);
        long adjusted = sample >= minRttNs + ackDelay ? sample - ackDelay : sample;
        rttVarNs = (3 * rttVarNs + Math.abs(smoothedRttNs - adjusted)) / 4;
        smoothedRttNs = (7 * smoothedRttNs + adjusted) / 8;
    }

    /** RFC 9002 6.2.1: PTO = smoothed_rtt + max(4 rttvar, kGranularity) + max_ack_delay. */
    long ptoDurationNs() {
        return smoothedRttNs + Math.max(4 * rttVarNs, GRANULARITY_NS) + maxAckDelayNs;
    }

    boolean hasSample() {
        return hasSample;
    }

    /** When the first sample was taken, or {@code Long.MAX_VALUE} (RFC 9002 7.6.2 needs it). */
    long firstSampleTimeNs() {
        return firstSampleTimeNs;
    }

    @Override
    public long latestRttNs() {
        return latestRttNs;
    }

    @Override
    public long smoothedRttNs() {
        return smoothedRttNs;
    }

    @Override
    public long rttVarianceNs() {
        return rttVarNs;
    }

    @Override
    public long minRttNs() {
        return minRttNs;
    }
}
