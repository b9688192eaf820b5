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
 * A BBR-style model-based controller (Cardwell et al., "BBR: Congestion-Based Congestion
 * Control", ACM Queue 2016; draft-cardwell-iccrg-bbr-congestion-control-00, i.e. BBR v1). It
 * models the path as a bottleneck rate (the maximum delivery rate over the last
 * {@value #BW_WINDOW_ROUNDS} round trips) and a propagation delay (the minimum RTT over the last
 * 10 s), paces at a gain times the rate, and caps the window at a gain times their product.
 * States: STARTUP (gain 2/ln 2 until the rate stops growing by 25% for three rounds), DRAIN
 * (inverse gain until in-flight falls to one BDP), PROBE_BW (pacing gains 1.25, 0.75, then 1 for
 * six rounds, from a seeded random phase), PROBE_RTT (four segments for 200 ms and a round when
 * the minimum RTT is 10 s old).
 *
 * <p>Simplified: losses are ignored except persistent congestion (which falls back to the
 * minimum window), so there is no packet conservation during recovery, no idle-restart handling,
 * and no long-term (policer) model. Parameters: {@code bw_window_rounds} (10),
 * {@code min_rtt_window_ms} (10000), {@code cwnd_gain} (2).
 * Called by one session's transport on its host's thread; not thread-safe.
 */
public final class Bbr implements CongestionControl {
    /** BBR draft 4.1.1.1: BtlBw is the windowed maximum over 10 round trips. */
    static final int BW_WINDOW_ROUNDS = 10;
    /** BBR draft 4.1.2.1: RTprop is the windowed minimum over 10 seconds. */
    private static final long MIN_RTT_WINDOW_NS = 10_000_000_000L;
    /** BBR draft 4.3.4: PROBE_RTT holds for at least 200 ms. */
    private static final long PROBE_RTT_DURATION_NS = 200_000_000L;
    /** BBR draft 4.3.1.1: 2/ln(2), the smallest gain that doubles the delivery rate each round. */
    private static final double HIGH_GAIN = 2 / Math.log(2);
    /** BBR draft 4.3.3: the PROBE_BW pacing-gain cycle. */
    private static final double[] PACING_GAIN_CYCLE = {1.25, 0.75, 1, 1, 1, 1, 1, 1};
    /** BBR draft 4.3.1.2: the pipe is full when the rate grew less than 25% for three rounds. */
    private static final double FULL_BW_GROWTH = 1.25;
    private static final int FULL_BW_ROUNDS = 3;
    /** BBR draft 4.2.3: minimum window (four segments) and the quantization budget (three). */
    private static final int MIN_PIPE_SEGMENTS = 4;
    private static final int QUANTA_SEGMENTS = 3;

    private enum Mode { STARTUP, DRAIN, PROBE_BW, PROBE_RTT }

    private final CongestionConfig config;
    private final long mss;
    private final int bwWindowRounds;
    private final long minRttWindowNs;
    private final double probeBwCwndGain;
    /** Windowed max of delivery rate: one maximum per round in a ring indexed by round count. */
    private final long[] bwByRound;
    private final long[] bwRoundStamp;
    private long rngState;

    private Mode mode;
    private long maxBwBytesPerSec;
    private long minRttNs;
    private long minRttStampNs;
    private long roundCount;
    private long roundEndPacketNumber;
    private long lastSentPacketNumber;
    private long fullBwBytesPerSec;
    private int fullBwRounds;
    private boolean filledPipe;
    private int cycleIndex;
    private long cycleStampNs;
    private long probeRttDoneNs;
    private boolean probeRttRoundDone;
    private long priorCwndBytes;
    private double pacingGain;
    private double cwndGain;
    private long cwndBytes;
    private long pacingRateBytesPerSec;
    private long deliveredBytes;

    public Bbr(CongestionConfig config) {
        this.config = config;
        this.mss = config.maxDatagramBytes();
        this.bwWindowRounds = (int) config.parameter("bw_window_rounds", BW_WINDOW_ROUNDS);
        this.minRttWindowNs = (long) (config.parameter("min_rtt_window_ms", MIN_RTT_WINDOW_NS / 1e6) * 1e6);
        this.probeBwCwndGain = config.parameter("cwnd_gain", 2);
        if (bwWindowRounds < 1 || bwWindowRounds > 1000 || minRttWindowNs <= 0 || !(probeBwCwndGain >= 1)) {
            throw new IllegalArgumentException("bbr needs 1 <= bw_window_rounds <= 1000, min_rtt_window_ms > 0, cwnd_gain >= 1");
        }
        this.bwByRound = new long[bwWindowRounds];
        this.bwRoundStamp = new long[bwWindowRounds];
        this.rngState = config.seed();
        reset();
    }

    private void reset() {
        Arrays.fill(bwByRound, 0);
        Arrays.fill(bwRoundStamp, -1);
        mode = Mode.STARTUP;
        pacingGain = HIGH_GAIN;
        cwndGain = HIGH_GAIN;
        maxBwBytesPerSec = 0;
        minRttNs = Long.MAX_VALUE;
        minRttStampNs = 0;
        roundCount = 0;
        roundEndPacketNumber = 0;
        lastSentPacketNumber = -1;
        fullBwBytesPerSec = 0;
        fullBwRounds = 0;
        filledPipe = false;
        probeRttDoneNs = 0;
        cwndBytes = config.initialWindowBytes();
        pacingRateBytesPerSec = 0;
        deliveredBytes = 0;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
        lastSentPacketNumber = Math.max(lastSentPacketNumber, packetNumber);
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        long nowNs = ack.nowNs();
        deliveredBytes += ack.ackedBytes();
        boolean roundStart = ack.largestAckedPacketNumber() >= roundEndPacketNumber;
        if (roundStart) {
            roundCount++;
            roundEndPacketNumber = lastSentPacketNumber + 1;
        }
        updateBandwidth(ack);
        if (roundStart && !filledPipe && !ack.appLimited()) {
            checkFullPipe();
        }
        boolean minRttExpired = minRttNs != Long.MAX_VALUE && nowNs - minRttStampNs > minRttWindowNs;
        long sampleNs = rtt.latestRttNs();
        if (sampleNs > 0 && (sampleNs <= minRttNs || minRttExpired)) {
            minRttNs = sampleNs;
            minRttStampNs = nowNs;
        }
        long inflight = ack.bytesInFlight();
        switch (mode) {
            case STARTUP -> {
                if (filledPipe) {
                    enter(Mode.DRAIN, nowNs);
                }
            }
            case DRAIN -> {
                if (inflight <= bdpBytes(1.0)) {
                    enter(Mode.PROBE_BW, nowNs);
                }
            }
            case PROBE_BW -> advanceCycle(nowNs, inflight, ack.ackedBytes());
            case PROBE_RTT -> handleProbeRtt(nowNs, inflight, roundStart);
        }
        if (minRttExpired && mode != Mode.PROBE_RTT) {
            // BBR draft 4.3.4: the minimum RTT is stale; drain the queue to measure it afresh.
            priorCwndBytes = cwndBytes;
            enter(Mode.PROBE_RTT, nowNs);
        }
        setPacingRate(rtt);
        setCwnd(ack.ackedBytes());
    }

    private void updateBandwidth(AckSample ack) {
        long rate = ack.deliveryRateBytesPerSec();
        // BBR draft 4.1.1.3: application-limited samples count only if they raise the estimate.
        if (rate <= 0 || (ack.appLimited() && rate < maxBwBytesPerSec)) {
            return;
        }
        int slot = (int) (roundCount % bwWindowRounds);
        if (bwRoundStamp[slot] != roundCount) {
            bwRoundStamp[slot] = roundCount;
            bwByRound[slot] = 0;
        }
        bwByRound[slot] = Math.max(bwByRound[slot], rate);
        long max = 0;
        for (int i = 0; i < bwWindowRounds; i++) {
            if (bwRoundStamp[i] > roundCount - bwWindowRounds) {
                max = Math.max(max, bwByRound[i]);
            }
        }
        maxBwBytesPerSec = max;
    }

    private void checkFullPipe() {
        if (maxBwBytesPerSec >= fullBwBytesPerSec * FULL_BW_GROWTH) {
            fullBwBytesPerSec = maxBwBytesPerSec;
            fullBwRounds = 0;
            return;
        }
        if (++fullBwRounds >= FULL_BW_ROUNDS) {
            filledPipe = true;
        }
    }

    private void advanceCycle(long nowNs, long inflight, long ackedBytes) {
        boolean phaseOver = nowNs - cycleStampNs > minRttNs;
        double gain = PACING_GAIN_CYCLE[cycleIndex];
        // BBR draft 4.3.3.5: probe until a queue of 0.25 BDP formed; drain early once it is gone.
        if (gain > 1) {
            phaseOver = phaseOver && inflight + ackedBytes >= bdpBytes(gain);
        } else if (gain < 1) {
            phaseOver = phaseOver || inflight <= bdpBytes(1.0);
        }
        if (phaseOver) {
            cycleIndex = (cycleIndex + 1) % PACING_GAIN_CYCLE.length;
            cycleStampNs = nowNs;
            pacingGain = PACING_GAIN_CYCLE[cycleIndex];
        }
    }

    private void handleProbeRtt(long nowNs, long inflight, boolean roundStart) {
        if (probeRttDoneNs == 0 && inflight <= MIN_PIPE_SEGMENTS * mss) {
            probeRttDoneNs = nowNs + PROBE_RTT_DURATION_NS;
            probeRttRoundDone = false;
            roundEndPacketNumber = lastSentPacketNumber + 1;
        } else if (probeRttDoneNs != 0) {
            probeRttRoundDone |= roundStart;
            if (probeRttRoundDone && nowNs >= probeRttDoneNs) {
                minRttStampNs = nowNs;
                cwndBytes = Math.max(cwndBytes, priorCwndBytes);
                enter(filledPipe ? Mode.PROBE_BW : Mode.STARTUP, nowNs);
            }
        }
    }

    private void enter(Mode next, long nowNs) {
        mode = next;
        switch (next) {
            case STARTUP -> {
                pacingGain = HIGH_GAIN;
                cwndGain = HIGH_GAIN;
            }
            case DRAIN -> {
                pacingGain = 1 / HIGH_GAIN;
                cwndGain = HIGH_GAIN;
            }
            case PROBE_BW -> {
                // BBR draft 4.3.3.6: start at a random phase other than the draining one.
                int r = (int) Math.floorMod(nextRandom(), (long) PACING_GAIN_CYCLE.length - 1);
                cycleIndex = r == 0 ? 0 : r + 1;
                cycleStampNs = nowNs;
                pacingGain = PACING_GAIN_CYCLE[cycleIndex];
                cwndGain = probeBwCwndGain;
            }
            case PROBE_RTT -> {
                pacingGain = 1;
                cwndGain = 1;
                probeRttDoneNs = 0;
            }
        }
    }

    private void setPacingRate(RttView rtt) {
        long rate;
        if (maxBwBytesPerSec > 0) {
            rate = (long) (pacingGain * maxBwBytesPerSec);
        } else {
            // BBR draft 4.2.1: before any rate sample, pace the initial window over one RTT.
            long rttNs = minRttNs != Long.MAX_VALUE ? minRttNs : rtt.smoothedRttNs();
            rate = (long) (HIGH_GAIN * cwndBytes * 1e9 / Math.max(rttNs, 1_000_000L));
        }
        // In STARTUP the rate only rises, so that one low sample does not stall the ramp.
        if (filledPipe || rate > pacingRateBytesPerSec) {
            pacingRateBytesPerSec = rate;
        }
    }

    private void setCwnd(long ackedBytes) {
        long minCwnd = MIN_PIPE_SEGMENTS * mss;
        if (mode == Mode.PROBE_RTT) {
            cwndBytes = Math.min(cwndBytes, minCwnd);
            return;
        }
        long target = maxBwBytesPerSec > 0 && minRttNs != Long.MAX_VALUE
                ? bdpBytes(cwndGain) + QUANTA_SEGMENTS * mss
                : config.initialWindowBytes();
        if (filledPipe) {
            cwndBytes = Math.min(cwndBytes + ackedBytes, target);
        } else if (cwndBytes < target || deliveredBytes < config.initialWindowBytes()) {
            cwndBytes += ackedBytes;
        }
        cwndBytes = Math.max(cwndBytes, minCwnd);
    }

    private long bdpBytes(double gain) {
        if (minRttNs == Long.MAX_VALUE) {
            return config.initialWindowBytes();
        }
        return (long) (gain * maxBwBytesPerSec * (minRttNs / 1e9));
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic stream from the configured seed. */
    private long nextRandom() {
        long z = (rngState += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        if (loss.persistentCongestion()) {
            cwndBytes = MIN_PIPE_SEGMENTS * mss;
        }
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        if (change == PathChange.NEW_PATH) {
            reset();
        } else {
            minRttNs = Long.MAX_VALUE;
        }
    }

    @Override
    public long congestionWindowBytes() {
        return cwndBytes;
    }

    @Override
    public long pacingRateBytesPerSec() {
        return pacingRateBytesPerSec;
    }

    String mode() {
        return mode.name();
    }

    @Override
    public String name() {
        return Factory.NAME;
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code bbr}. */
    public static final class Factory implements CongestionControlFactory {
        static final String NAME = "bbr";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "BBR-style model-based (max delivery rate x min RTT, gain cycle, v1 states)";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            return new Bbr(config);
        }
    }
}
