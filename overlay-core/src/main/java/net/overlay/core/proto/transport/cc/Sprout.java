package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.Feedback;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.ReceiverHook;
import net.overlay.core.spi.cc.RttView;

/**
 * Sprout's sender half (Winstein et al., NSDI 2013, section 3.5). The receiver
 * ({@link SproutReceiver}) forecasts how many bytes the link will deliver in each of the next
 * ticks; the sender may have sent, in total, what the receiver has already received plus what
 * the forecast says will drain within the target delay ({@code lookahead} ticks ahead of now).
 * Bytes it has sent beyond what the receiver reported, less those declared lost, are taken as
 * still queued. The window handed to the transport is that allowance plus what is in flight, so
 * the transport's own in-flight check enforces it; it never falls below the minimum window,
 * which keeps a trickle going through outages so that the receiver sees the link come back.
 *
 * <p>Until the first forecast arrives the window is the initial window, paced over one tick. The receiver's forecast
 * starts when it was made; treating it as starting when it arrives errs on the cautious side by
 * one one-way delay. Paced at four times the forecast rate, so a window leaves in a burst of
 * about a quarter of the horizon (Sprout itself does not pace). Parameters: {@code tick_ms} (20),
 * {@code target_ms} (100), {@code forecast_ticks} (8), {@code sigma} (200 packets/s/sqrt(s)),
 * {@code max_rate_pps} (1000), {@code percentile} (0.05), {@code outage_escape_per_s} (1).
 * Called by one session's transport on its host's thread; not thread-safe.
 */
public final class Sprout implements CongestionControl {
    /** Sprout: a 20 ms tick, forecasts of 8 ticks, a 100 ms target delay (5 ticks ahead). */
    static final int TICK_MS = 20;
    static final int FORECAST_TICKS = 8;
    static final int TARGET_MS = 100;
    /** Sprout: rate noise 200 packets/s per sqrt(s), the 5th percentile. */
    static final double SIGMA_PPS = 200;
    static final double PERCENTILE = 0.05;
    /** Our choices: top rate bin (about 12 Mbit/s of 1500-byte packets), outage escape 1/s. */
    static final double MAX_RATE_PPS = 1000;
    static final double OUTAGE_ESCAPE_PER_S = 1;
    private static final int PACING_OVER_FORECAST = 4;

    private final CongestionConfig config;
    private final String name;
    private final int lookaheadTicks;
    private final long[] forecastBytes = new long[SproutFeedback.MAX_TICKS];
    private final long[] headerOut = new long[2];
    private int forecastTicks;
    private long forecastTickNs;
    private long forecastAtNs;
    private long receivedBytes;
    private long sentBytes;
    private long lostBytes;
    private long bytesInFlight;
    private long cwndBytes;

    Sprout(CongestionConfig config, String name) {
        this.config = config;
        this.name = name;
        double tickMs = config.parameter("tick_ms", TICK_MS);
        this.lookaheadTicks = (int) Math.round(config.parameter("target_ms", TARGET_MS) / tickMs);
        reset();
    }

    private void reset() {
        forecastTicks = 0;
        receivedBytes = 0;
        sentBytes = 0;
        lostBytes = 0;
        bytesInFlight = 0;
        cwndBytes = config.initialWindowBytes();
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
        sentBytes += sizeBytes;
        this.bytesInFlight = bytesInFlight;
        updateWindow(nowNs);
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        bytesInFlight = ack.bytesInFlight();
        updateWindow(ack.nowNs());
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        // Lost bytes will never be reported received; without this they would count as queued.
        lostBytes += loss.lostBytes();
        bytesInFlight = loss.bytesInFlight();
        updateWindow(loss.nowNs());
    }

    @Override
    public void onFeedback(long nowNs, Feedback feedback) {
        int ticks = SproutFeedback.decode(feedback, forecastBytes, headerOut);
        if (ticks < 0) {
            return; // not ours or malformed: ignore rather than fail the session
        }
        forecastTicks = ticks;
        receivedBytes = Math.max(receivedBytes, headerOut[0]);
        forecastTickNs = headerOut[1] * 1_000_000L;
        forecastAtNs = nowNs;
        updateWindow(nowNs);
    }

    private void updateWindow(long nowNs) {
        if (forecastTicks == 0) {
            return;
        }
        long ticksSince = Math.max(0, (nowNs - forecastAtNs) / forecastTickNs);
        int horizon = (int) Math.min(forecastTicks, ticksSince + lookaheadTicks);
        long drainBytes = horizon == 0 ? 0 : forecastBytes[horizon - 1];
        long queuedBytes = Math.max(0, sentBytes - lostBytes - receivedBytes);
        long allowanceBytes = drainBytes - queuedBytes;
        cwndBytes = Math.max(config.minimumWindowBytes(), bytesInFlight + allowanceBytes);
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        if (change == PathChange.NEW_PATH) {
            reset();
        }
    }

    @Override
    public long congestionWindowBytes() {
        return cwndBytes;
    }

    @Override
    public long pacingRateBytesPerSec() {
        if (forecastTicks == 0) {
            // The initial window within one tick, so that the first ticks show the receiver a rate.
            return config.initialWindowBytes() * 1000L / TICK_MS;
        }
        double horizonNs = (double) forecastTicks * forecastTickNs;
        double forecastRate = forecastBytes[forecastTicks - 1] * 1e9 / horizonNs;
        double floorRate = config.minimumWindowBytes() * 1e9 / forecastTickNs;
        return (long) Math.max(PACING_OVER_FORECAST * forecastRate, floorRate);
    }

    @Override
    public String name() {
        return name;
    }

    static ReceiverHook receiver(CongestionConfig config, TickForecaster forecaster) {
        int tickMs = (int) config.parameter("tick_ms", TICK_MS);
        int ticks = (int) config.parameter("forecast_ticks", FORECAST_TICKS);
        int lookahead = (int) Math.round(config.parameter("target_ms", TARGET_MS) / tickMs);
        return new SproutReceiver(forecaster, tickMs, ticks, lookahead, config.maxDatagramBytes(),
                config.minimumWindowBytes());
    }

    static void validate(CongestionConfig config) {
        double tickMs = config.parameter("tick_ms", TICK_MS);
        double ticks = config.parameter("forecast_ticks", FORECAST_TICKS);
        double target = config.parameter("target_ms", TARGET_MS);
        if (tickMs < 1 || tickMs > 1000 || tickMs != Math.rint(tickMs) || ticks < 1
                || ticks > SproutFeedback.MAX_TICKS || target < tickMs || target / tickMs > ticks) {
            throw new IllegalArgumentException("sprout needs integer tick_ms in 1..1000, 1 <= forecast_ticks <= "
                    + SproutFeedback.MAX_TICKS + ", and tick_ms <= target_ms <= forecast_ticks x tick_ms");
        }
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code sprout}, with the Bayesian forecast. */
    public static final class Factory implements CongestionControlFactory {
        static final String NAME = "sprout";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Sprout, receiver-driven: Bayesian forecast of a cellular link, 100 ms target delay";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            validate(config);
            return new Sprout(config, NAME);
        }

        @Override
        public ReceiverHook createReceiverHook(CongestionConfig config) {
            validate(config);
            var filter = new SproutFilter(
                    config.parameter("tick_ms", TICK_MS) / 1000,
                    config.parameter("max_rate_pps", MAX_RATE_PPS),
                    config.parameter("sigma", SIGMA_PPS),
                    config.parameter("outage_escape_per_s", OUTAGE_ESCAPE_PER_S),
                    config.parameter("percentile", PERCENTILE));
            return receiver(config, filter);
        }
    }

    /** Registered for {@link java.util.ServiceLoader}: {@code sprout-ewma}, with an EWMA rate estimate. */
    public static final class EwmaFactory implements CongestionControlFactory {
        static final String NAME = "sprout-ewma";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "Sprout-EWMA: Sprout's sender with an EWMA rate estimate instead of the forecast";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            validate(config);
            return new Sprout(config, NAME);
        }

        @Override
        public ReceiverHook createReceiverHook(CongestionConfig config) {
            validate(config);
            return receiver(config, new EwmaForecaster());
        }
    }
}
