package net.overlay.core.proto.media;

import java.util.Objects;

/**
 * Adaptive bitrate from send-buffer fill: AIMD on the age of the oldest queued frame.
 *
 * <ul>
 *   <li>When the oldest queued frame is older than {@link Config#targetQueueDelayNs()} the link
 *       is not keeping up: decrease to {@link Config#decreaseFactor()} times the lower of the
 *       current bitrate and the rate the buffer drained at over the last {@link
 *       Config#drainWindowNs()}, at most once per {@link Config#holdNs()} (a decrease needs time
 *       to show: frames already queued were encoded at the old rate).
 *   <li>When the buffer is empty at a frame's capture the link has room: increase additively, by
 *       {@link Config#increaseBitsPerSecPerSec()} times the time since the previous frame.
 *   <li>Otherwise (queued, but young enough) hold.
 * </ul>
 *
 * Why this shape: the fill the sender sees is the queue the congestion controller left it
 * (a delay-based controller keeps the network queue short and the backlog in the sender), and the
 * age of the oldest frame is the delay that queue adds to every frame: a viewer feels that, not
 * bytes. Decreasing towards the drained rate, rather than by a fixed factor alone, follows a
 * cellular link that falls from megabits to a few hundred kilobits in one step instead of several
 * (GCC, draft-ietf-rmcat-gcc, likewise decreases to a fraction of the measured incoming rate).
 * Additive increase probes slowly, because an overshoot costs queue delay at once. The target
 * (120 ms by default) sits above the 40 ms frame interval and the time a keyframe (several times a
 * P-frame) takes to leave, so that keyframes alone do not trigger decreases.
 *
 * <p>Single-threaded; sans-IO.
 */
public final class QueueDelayBitrate implements BitrateController {

    /**
     * The controller's settings.
     *
     * @param startBitsPerSec the first bitrate
     * @param minBitsPerSec never below (an encoder's floor)
     * @param maxBitsPerSec never above (the camera's best quality)
     * @param targetQueueDelayNs the oldest queued frame's age that triggers a decrease
     * @param increaseBitsPerSecPerSec additive increase per second of empty buffer
     * @param decreaseFactor the multiplier of a decrease, in (0, 1)
     * @param holdNs the least time between decreases
     * @param drainWindowNs how far back the drain rate is measured
     */
    public record Config(long startBitsPerSec, long minBitsPerSec, long maxBitsPerSec, long targetQueueDelayNs,
            long increaseBitsPerSecPerSec, double decreaseFactor, long holdNs, long drainWindowNs) {

        public static final Config DEFAULTS = new Config(500_000, 100_000, 6_000_000, 120_000_000L, 400_000, 0.85,
                400_000_000L, 500_000_000L);

        public Config {
            if (minBitsPerSec <= 0 || maxBitsPerSec < minBitsPerSec || startBitsPerSec < minBitsPerSec
                    || startBitsPerSec > maxBitsPerSec) {
                throw new IllegalArgumentException("need 0 < min <= start <= max bitrate");
            }
            if (targetQueueDelayNs <= 0 || increaseBitsPerSecPerSec < 0 || holdNs < 0 || drainWindowNs <= 0
                    || !(decreaseFactor > 0 && decreaseFactor < 1)) {
                throw new IllegalArgumentException("bad adaptive bitrate settings: " + this);
            }
        }
    }

    /** Drain samples kept: one per frame, enough for the window at up to 120 frames/s. */
    private static final int SAMPLES = 128;

    private final Config config;
    private final long[] sampleNs = new long[SAMPLES];
    private final long[] sampleDrained = new long[SAMPLES];
    private int samples;
    private int head;
    private double bitsPerSec;
    private long lastFrameNs = Long.MIN_VALUE;
    private long lastDecreaseNs = Long.MIN_VALUE;

    public QueueDelayBitrate(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.bitsPerSec = config.startBitsPerSec();
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public void onFrame(long nowNs, SendBufferFill fill) {
        record(nowNs, fill.drainedBytes());
        if (fill.oldestQueuedAgeNs() > config.targetQueueDelayNs()) {
            if (lastDecreaseNs == Long.MIN_VALUE || nowNs - lastDecreaseNs >= config.holdNs()) {
                double base = bitsPerSec;
                double drained = drainBitsPerSec(nowNs);
                if (!Double.isNaN(drained)) {
                    base = Math.min(base, drained);
                }
                bitsPerSec = base * config.decreaseFactor();
                lastDecreaseNs = nowNs;
            }
        } else if (fill.isEmpty() && lastFrameNs != Long.MIN_VALUE) {
            bitsPerSec += config.increaseBitsPerSecPerSec() * ((nowNs - lastFrameNs) / 1e9);
        }
        bitsPerSec = Math.clamp(bitsPerSec, config.minBitsPerSec(), config.maxBitsPerSec());
        lastFrameNs = nowNs;
    }

    @Override
    public long bitrateBitsPerSec() {
        return (long) bitsPerSec;
    }

    private void record(long nowNs, long drainedBytes) {
        sampleNs[head] = nowNs;
        sampleDrained[head] = drainedBytes;
        head = (head + 1) % SAMPLES;
        samples = Math.min(samples + 1, SAMPLES);
    }

    /** Bits drained per second since the oldest sample within the window; NaN with too short a span. */
    private double drainBitsPerSec(long nowNs) {
        int newest = Math.floorMod(head - 1, SAMPLES);
        int oldest = newest;
        for (int k = 1; k < samples; k++) {
            int i = Math.floorMod(head - 1 - k, SAMPLES);
            if (nowNs - sampleNs[i] > config.drainWindowNs()) {
                break;
            }
            oldest = i;
        }
        long spanNs = sampleNs[newest] - sampleNs[oldest];
        if (spanNs < config.drainWindowNs() / 2) {
            return Double.NaN;
        }
        return (sampleDrained[newest] - sampleDrained[oldest]) * 8e9 / spanNs;
    }
}
