package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/**
 * CUBIC after RFC 9438: after a congestion event the window follows
 * {@code W_cubic(t) = C (t - K)^3 + W_max} in time since the congestion-avoidance epoch began,
 * concave up to the previous maximum and convex beyond it, never below the Reno-friendly estimate
 * {@code W_est}; fast convergence lowers {@code W_max} when the window keeps shrinking. Windows
 * are in segments of the maximum datagram size inside the formulas, in bytes everywhere else.
 * Slow start is plain (no HyStart++); recovery periods and persistent congestion as in
 * {@link NewReno}.
 *
 * <p>Parameters: {@code c} (0.4), {@code beta} (0.7), {@code fast_convergence} (1 = on).
 * Called by one session's transport on its host's thread; not thread-safe.
 */
public final class Cubic implements CongestionControl {
    /** RFC 9438 4.2: C, in segments per second cubed. */
    static final double C_DEFAULT = 0.4;
    /** RFC 9438 4.6: multiplicative decrease factor beta_cubic. */
    static final double BETA_DEFAULT = 0.7;
    /** RFC 9438 4.2: the target is clamped to at most 1.5 times the current window. */
    private static final double MAX_TARGET_GROWTH = 1.5;
    private static final long NONE = Long.MIN_VALUE;

    private final CongestionConfig config;
    private final double mss;
    private final double c;
    private final double beta;
    /** RFC 9438 4.3: alpha_cubic = 3 (1 - beta) / (1 + beta) until W_est reaches cwnd_prior. */
    private final double alphaCubic;
    private final boolean fastConvergence;

    private double cwndBytes;
    private double ssthreshBytes;
    private long recoveryStartNs;
    private double wMaxSegments;
    private double cwndPriorSegments;
    private double wEstSegments;
    private double kSeconds;
    private long epochStartNs;
    /** RFC 9438 4.9: the state before the current loss episode, saved to undo a spurious one. */
    private boolean undoSaved;
    private double priorCwndBytes;
    private double priorSsthreshBytes;
    private double priorWMaxSegments;
    private double priorCwndPriorSegments;
    private double priorWEstSegments;
    private double priorKSeconds;
    private long priorEpochStartNs;

    public Cubic(CongestionConfig config) {
        this.config = config;
        this.mss = config.maxDatagramBytes();
        this.c = config.parameter("c", C_DEFAULT);
        this.beta = config.parameter("beta", BETA_DEFAULT);
        if (!(c > 0) || !(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("cubic needs c > 0 and 0 < beta < 1, got c=" + c + " beta=" + beta);
        }
        this.alphaCubic = 3 * (1 - beta) / (1 + beta);
        this.fastConvergence = config.parameter("fast_convergence", 1) != 0;
        reset();
    }

    private void reset() {
        cwndBytes = config.initialWindowBytes();
        ssthreshBytes = Double.POSITIVE_INFINITY;
        recoveryStartNs = NONE;
        wMaxSegments = 0;
        cwndPriorSegments = 0;
        epochStartNs = NONE;
        undoSaved = false;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        if (inRecovery(ack.largestAckedSentTimeNs()) || ack.appLimited()) {
            return;
        }
        if (cwndBytes < ssthreshBytes) {
            cwndBytes += ack.ackedBytes();
            return;
        }
        double cwndSegments = cwndBytes / mss;
        if (epochStartNs == NONE) {
            startEpoch(ack.nowNs(), cwndSegments);
        }
        double tSeconds = (ack.nowNs() - epochStartNs) / 1e9;
        double rttSeconds = rtt.smoothedRttNs() / 1e9;
        double ackedSegments = ack.ackedBytes() / mss;
        // RFC 9438 4.3: the Reno-friendly estimate grows by alpha per window acknowledged; alpha
        // becomes 1 once W_est reaches the window before the last reduction.
        double alpha = wEstSegments >= cwndPriorSegments ? 1.0 : alphaCubic;
        wEstSegments += alpha * ackedSegments / cwndSegments;
        if (wCubic(tSeconds) < wEstSegments) {
            // RFC 9438 4.3: Reno-friendly region.
            cwndBytes = wEstSegments * mss;
            return;
        }
        // RFC 9438 4.4, 4.5: concave and convex regions aim at W_cubic one RTT ahead.
        double target = Math.clamp(wCubic(tSeconds + rttSeconds), cwndSegments, MAX_TARGET_GROWTH * cwndSegments);
        cwndBytes += (target - cwndSegments) / cwndSegments * ackedSegments * mss;
    }

    /** RFC 9438 4.2: K from the distance between W_max and the window the epoch starts with. */
    private void startEpoch(long nowNs, double cwndSegments) {
        epochStartNs = nowNs;
        if (wMaxSegments <= 0) {
            // No congestion event yet (slow start ended at an ssthresh): grow from here.
            wMaxSegments = cwndSegments;
        }
        kSeconds = Math.cbrt((wMaxSegments - cwndSegments) / c);
        wEstSegments = cwndSegments;
    }

    /** RFC 9438 eq. 1: W_cubic(t) = C (t - K)^3 + W_max, in segments. */
    private double wCubic(double tSeconds) {
        double d = tSeconds - kSeconds;
        return c * d * d * d + wMaxSegments;
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        if (!undoSaved) {
            saveForUndo();
        }
        if (!inRecovery(loss.largestLostSentTimeNs())) {
            recoveryStartNs = loss.nowNs();
            double cwndSegments = cwndBytes / mss;
            // RFC 9438 4.7: fast convergence releases bandwidth when the maximum keeps falling.
            wMaxSegments = fastConvergence && cwndSegments < wMaxSegments
                    ? cwndSegments * (1 + beta) / 2
                    : cwndSegments;
            cwndPriorSegments = cwndSegments;
            ssthreshBytes = Math.max(cwndBytes * beta, config.minimumWindowBytes());
            cwndBytes = ssthreshBytes;
            epochStartNs = NONE;
        }
        if (loss.persistentCongestion()) {
            // RFC 9438 4.8 with RFC 9002 7.6.2: minimum window; slow start back to ssthresh.
            cwndBytes = config.minimumWindowBytes();
            recoveryStartNs = NONE;
            epochStartNs = NONE;
        }
    }

    private void saveForUndo() {
        undoSaved = true;
        priorCwndBytes = cwndBytes;
        priorSsthreshBytes = ssthreshBytes;
        priorWMaxSegments = wMaxSegments;
        priorCwndPriorSegments = cwndPriorSegments;
        priorWEstSegments = wEstSegments;
        priorKSeconds = kSeconds;
        priorEpochStartNs = epochStartNs;
    }

    /** RFC 9438 4.9: a spurious congestion event restores the state saved before it. */
    @Override
    public void onSpuriousCongestion(long nowNs, RttView rtt) {
        if (!undoSaved) {
            return;
        }
        undoSaved = false;
        if (priorCwndBytes <= cwndBytes) {
            return;
        }
        cwndBytes = priorCwndBytes;
        ssthreshBytes = Math.max(ssthreshBytes, priorSsthreshBytes);
        wMaxSegments = priorWMaxSegments;
        cwndPriorSegments = priorCwndPriorSegments;
        wEstSegments = priorWEstSegments;
        kSeconds = priorKSeconds;
        epochStartNs = priorEpochStartNs;
        recoveryStartNs = NONE;
    }

    @Override
    public void onCongestionConfirmed(long nowNs) {
        undoSaved = false;
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        if (change == PathChange.NEW_PATH) {
            reset();
        }
    }

    private boolean inRecovery(long sentTimeNs) {
        return recoveryStartNs != NONE && sentTimeNs <= recoveryStartNs;
    }

    @Override
    public long congestionWindowBytes() {
        return (long) cwndBytes;
    }

    double wMaxSegments() {
        return wMaxSegments;
    }

    double kSeconds() {
        return kSeconds;
    }

    @Override
    public String name() {
        return Factory.NAME;
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code cubic}. */
    public static final class Factory implements CongestionControlFactory {
        static final String NAME = "cubic";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "CUBIC after RFC 9438 (C=0.4, beta=0.7, Reno-friendly region, fast convergence)";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            return new Cubic(config);
        }
    }
}
