package net.overlay.core.netsim;

import net.overlay.core.spi.cc.RttView;

/**
 * A tiny RTT estimator after RFC 9002 section 5 for the test bench (no ack delay: the model
 * receiver acknowledges at once). The transport brings the real one.
 */
final class ModelRtt implements RttView {
    /** RFC 9002 6.2.2: initial RTT 333 ms. */
    static final long INITIAL_RTT_NS = 333_000_000L;
    /** RFC 9002 6.1.2: timer granularity 1 ms. */
    static final long GRANULARITY_NS = 1_000_000L;

    private long latestNs;
    private long smoothedNs = INITIAL_RTT_NS;
    private long varianceNs = INITIAL_RTT_NS / 2;
    private long minNs;

    void update(long sampleNs) {
        latestNs = sampleNs;
        if (minNs == 0) {
            minNs = sampleNs;
            smoothedNs = sampleNs;
            varianceNs = sampleNs / 2;
            return;
        }
        minNs = Math.min(minNs, sampleNs);
        // RFC 9002 5.3: rttvar first, from the old smoothed RTT.
        varianceNs = (3 * varianceNs + Math.abs(smoothedNs - sampleNs)) / 4;
        smoothedNs = (7 * smoothedNs + sampleNs) / 8;
    }

    boolean hasSample() {
        return minNs != 0;
    }

    /** RFC 9002 6.2.1: PTO = smoothed_rtt + max(4 rttvar, granularity) + max_ack_delay (0 here). */
    long ptoNs() {
        return smoothedNs + Math.max(4 * varianceNs, GRANULARITY_NS);
    }

    /** RFC 9002 6.1.2: max(9/8 max(smoothed_rtt, latest_rtt), granularity). */
    long lossDelayNs() {
        return Math.max(9 * Math.max(smoothedNs, latestNs) / 8, GRANULARITY_NS);
    }

    @Override
    public long latestRttNs() {
        return latestNs;
    }

    @Override
    public long smoothedRttNs() {
        return smoothedNs;
    }

    @Override
    public long rttVarianceNs() {
        return varianceNs;
    }

    @Override
    public long minRttNs() {
        return minNs;
    }
}
