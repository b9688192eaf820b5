package net.overlay.core.proto.transport.cc;

import java.util.Arrays;
import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/**
 * LEDBAT after RFC 6817: a scavenger that keeps the queueing delay it causes near a target and
 * yields to loss-based flows, which push the delay past the target.
 *
 * <p>RFC 6817 measures one-way delay with sender timestamps; our transport measures round trips
 * only, so the queueing-delay estimate is the current RTT (the smallest of the last
 * {@value #CURRENT_FILTER} samples) minus the base RTT (the smallest of per-minute minima over the
 * last {@value #BASE_HISTORY} minutes), as LEDBAT++ (draft-irtf-iccrg-ledbat-plus-plus) does.
 * Queueing on the return path therefore counts too. No slow start (RFC 6817 has none). Paced
 * over the current delay (see {@link #pacingRateBytesPerSec()}).
 * Parameters: {@code target_ms} (100), {@code gain} (1).
 * Called by one session's transport on its host's thread; not thread-safe.
 */
public final class Ledbat implements CongestionControl {
    /** RFC 6817 2.5.1: TARGET MUST be 100 ms or less. */
    static final double TARGET_MS_DEFAULT = 100;
    /** RFC 6817 2.5.1: GAIN MUST be 1 or less, so that LEDBAT never ramps up faster than Reno. */
    private static final double GAIN_MAX = 1;
    /** RFC 6817 2.5.1: BASE_HISTORY minutes of base-delay minima (10 recommended). */
    static final int BASE_HISTORY = 10;
    /** RFC 6817 2.5.2: the current delay is filtered over this many samples (4 suggested). */
    static final int CURRENT_FILTER = 4;
    /** RFC 6817 2.4.2: base delays are kept per minute. */
    private static final long BASE_BUCKET_NS = 60_000_000_000L;
    /** RFC 6817 2.4.2: ALLOWED_INCREASE and MIN_CWND, in segments. */
    private static final int ALLOWED_INCREASE = 1;
    private static final int MIN_CWND = 2;
    private static final long NONE = Long.MIN_VALUE;
    /** RFC 9002 7.7: pace at 1.25 times the window per round trip. */
    private static final double PACING_GAIN = 1.25;

    private final CongestionConfig config;
    private final double mss;
    private final double targetNs;
    private final double gain;

    private double cwndBytes;
    private long recoveryStartNs;
    /** The window before the current loss episode, to undo a spurious one; negative: none. */
    private double undoCwndBytes = -1;
    private final long[] baseMinNs = new long[BASE_HISTORY];
    private int baseIndex;
    private long baseBucketStartNs;
    private final long[] currentNs = new long[CURRENT_FILTER];
    private int currentIndex;

    public Ledbat(CongestionConfig config) {
        this.config = config;
        this.mss = config.maxDatagramBytes();
        double targetMs = config.parameter("target_ms", TARGET_MS_DEFAULT);
        this.gain = config.parameter("gain", 1);
        if (!(targetMs > 0) || !(gain > 0 && gain <= GAIN_MAX)) {
            throw new IllegalArgumentException("ledbat needs target_ms > 0 and 0 < gain <= 1");
        }
        this.targetNs = targetMs * 1e6;
        reset();
    }

    private void reset() {
        cwndBytes = config.initialWindowBytes();
        recoveryStartNs = NONE;
        undoCwndBytes = -1;
        Arrays.fill(baseMinNs, Long.MAX_VALUE);
        Arrays.fill(currentNs, Long.MAX_VALUE);
        baseIndex = 0;
        currentIndex = 0;
        baseBucketStartNs = NONE;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        long sampleNs = rtt.latestRttNs();
        if (sampleNs <= 0) {
            return;
        }
        updateBase(ack.nowNs(), sampleNs);
        currentNs[currentIndex] = sampleNs;
        currentIndex = (currentIndex + 1) % CURRENT_FILTER;
        double queueingDelayNs = minOf(currentNs) - minOf(baseMinNs);
        // RFC 6817 2.4.2: grow or shrink in proportion to the distance from the target.
        double offTarget = (targetNs - queueingDelayNs) / targetNs;
        cwndBytes += gain * offTarget * ack.ackedBytes() * mss / cwndBytes;
        // RFC 6817 2.4.2: never more than ALLOWED_INCREASE beyond what was in flight.
        double flightBytes = ack.bytesInFlight() + ack.ackedBytes();
        cwndBytes = Math.min(cwndBytes, flightBytes + ALLOWED_INCREASE * mss);
        cwndBytes = Math.max(cwndBytes, MIN_CWND * mss);
    }

    /** RFC 6817 2.4.2 update_base_delay: per-minute minima in a ring. */
    private void updateBase(long nowNs, long sampleNs) {
        if (baseBucketStartNs == NONE) {
            baseBucketStartNs = nowNs;
        } else if (nowNs - baseBucketStartNs >= BASE_BUCKET_NS) {
            baseIndex = (baseIndex + 1) % BASE_HISTORY;
            baseMinNs[baseIndex] = Long.MAX_VALUE;
            baseBucketStartNs = nowNs;
        }
        baseMinNs[baseIndex] = Math.min(baseMinNs[baseIndex], sampleNs);
    }

    private static long minOf(long[] values) {
        long m = Long.MAX_VALUE;
        for (long v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        if (undoCwndBytes < 0) {
            undoCwndBytes = cwndBytes;
        }
        // RFC 6817 2.4.2: halve on loss, at most once per RTT (keyed on sent time as RFC 9002).
        boolean recovering = recoveryStartNs != NONE && loss.largestLostSentTimeNs() <= recoveryStartNs;
        if (!recovering) {
            recoveryStartNs = loss.nowNs();
            cwndBytes = Math.min(cwndBytes, Math.max(cwndBytes / 2, MIN_CWND * mss));
        }
        if (loss.persistentCongestion()) {
            cwndBytes = MIN_CWND * mss;
            recoveryStartNs = NONE;
        }
    }

    /** The halving was for reordering, not loss: back to the window before it. */
    @Override
    public void onSpuriousCongestion(long nowNs, RttView rtt) {
        if (undoCwndBytes >= 0) {
            cwndBytes = Math.max(cwndBytes, undoCwndBytes);
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
        if (change == PathChange.NEW_PATH) {
            reset();
        } else {
            // RFC 6817 2.4.2 suggests resetting base delays when the route may have changed.
            Arrays.fill(baseMinNs, Long.MAX_VALUE);
        }
    }

    @Override
    public long congestionWindowBytes() {
        return (long) cwndBytes;
    }

    /**
     * RFC 9002 7.7's 1.25 x window per RTT, but over the filtered current delay rather than the
     * smoothed RTT: after an outage the smoothed RTT stays inflated for many round trips, and
     * the resulting trickle would keep the flight, and so by ALLOWED_INCREASE the window, at the
     * minimum long after the path has recovered.
     */
    @Override
    public long pacingRateBytesPerSec() {
        long currentDelayNs = minOf(currentNs);
        return currentDelayNs == Long.MAX_VALUE ? 0 : (long) (PACING_GAIN * cwndBytes * 1e9 / currentDelayNs);
    }

    @Override
    public String name() {
        return Factory.NAME;
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code ledbat}. */
    public static final class Factory implements CongestionControlFactory {
        static final String NAME = "ledbat";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "LEDBAT after RFC 6817, scavenger (target_ms=100 of RTT-based queueing delay)";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            return new Ledbat(config);
        }
    }
}
