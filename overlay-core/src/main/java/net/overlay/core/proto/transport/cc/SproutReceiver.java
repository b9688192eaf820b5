package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.Feedback;
import net.overlay.core.spi.cc.ReceiverHook;

/**
 * Sprout's receiver half: counts the bytes arriving in each tick, feeds each finished tick to
 * its {@link TickForecaster}, and after every tick offers the sender a {@link SproutFeedback}
 * forecast together with the bytes received so far. Ticks start at the first arrival.
 *
 * <p>Sprout's sender marks in each packet when it will send the next, so that its receiver does not
 * mistake a sender holding back for a slow link. Our hook sees only packet numbers and sizes, so
 * it infers the same from its own forecasts: the sender may have sent, in total, the bytes
 * received when a forecast was made plus what that forecast lets drain within the target delay;
 * a tick that ends with nearly all of that received is sender-limited, a lower bound on the link
 * rate rather than a measurement of it (the minimum window, which the sender may always have out,
 * counts as slack) (and so is every tick before the first forecast, when the
 * sender is held by its initial window). Without this the 5th-percentile forecast feeds on its
 * own caution and collapses to the minimum window. After {@value #IDLE_TICKS_BEFORE_SLEEP} empty ticks the hook stops asking to be woken; when
 * packets come again it replays at most that many empty ticks and skips the rest of the gap.
 * Called by the receiving transport on its host's thread; not thread-safe.
 */
final class SproutReceiver implements ReceiverHook {
    /** Our choice: one second of silence at 20 ms ticks. */
    static final int IDLE_TICKS_BEFORE_SLEEP = 50;

    private final TickForecaster forecaster;
    private final int lookaheadTicks;
    private final long minimumWindowBytes;
    /** The last few forecasts issued, newest at {@code issuedCount - 1} modulo their number. */
    private final long[][] issuedCumulativeBytes;
    private final long[] issuedReceivedBytes;
    private final long[] issuedAtTick;
    private int issuedCount;
    private long tickIndex;
    private final long tickNs;
    private final int tickMs;
    private final double datagramBytes;
    private final double[] cumulativePackets;
    private final long[] cumulativeBytes;
    private long tickEndNs = Long.MAX_VALUE;
    private double tickBytes;
    private long receivedBytes;
    private int emptyTicks;
    private boolean feedbackDue;

    SproutReceiver(TickForecaster forecaster, int tickMs, int forecastTicks, int lookaheadTicks, int datagramBytes,
            long minimumWindowBytes) {
        this.forecaster = forecaster;
        this.minimumWindowBytes = minimumWindowBytes;
        this.lookaheadTicks = lookaheadTicks;
        // Forecasts older than forecastTicks - lookahead ticks reach past their own horizon.
        int history = Math.max(1, forecastTicks - lookaheadTicks);
        this.issuedCumulativeBytes = new long[history][forecastTicks];
        this.issuedReceivedBytes = new long[history];
        this.issuedAtTick = new long[history];
        this.tickMs = tickMs;
        this.tickNs = tickMs * 1_000_000L;
        this.datagramBytes = datagramBytes;
        this.cumulativePackets = new double[forecastTicks];
        this.cumulativeBytes = new long[forecastTicks];
    }

    @Override
    public void onPacketReceived(long nowNs, long packetNumber, int sizeBytes) {
        if (tickEndNs == Long.MAX_VALUE) {
            tickEndNs = nowNs + tickNs;
        } else {
            finishTicks(nowNs);
        }
        tickBytes += sizeBytes;
        receivedBytes += sizeBytes;
        emptyTicks = 0;
    }

    private void finishTicks(long nowNs) {
        long replayed = 0;
        while (nowNs >= tickEndNs) {
            if (replayed++ == IDLE_TICKS_BEFORE_SLEEP) {
                // A long silence: skip to the tick holding nowNs.
                tickEndNs += (nowNs - tickEndNs) / tickNs * tickNs + tickNs;
                break;
            }
            forecaster.observeTick(tickBytes / datagramBytes, senderLimited());
            tickIndex++;
            emptyTicks = tickBytes == 0 ? emptyTicks + 1 : 0;
            tickBytes = 0;
            tickEndNs += tickNs;
            feedbackDue = true;
        }
    }

    /**
     * Whether all the sender was allowed to send has arrived. What arrives now was sent under a
     * forecast a round trip old, which the receiver cannot date, so it takes the smallest
     * allowance among its last few forecasts. The sender may always have its minimum window out
     * whatever the forecast says, hence the slack.
     */
    private boolean senderLimited() {
        if (issuedCount == 0) {
            return true;
        }
        long allowedBytes = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(issuedCount, issuedAtTick.length); i++) {
            long[] forecast = issuedCumulativeBytes[i];
            int horizon = (int) Math.min(forecast.length, tickIndex - issuedAtTick[i] + lookaheadTicks);
            allowedBytes = Math.min(allowedBytes, issuedReceivedBytes[i] + forecast[horizon - 1]);
        }
        return receivedBytes + minimumWindowBytes >= allowedBytes;
    }

    @Override
    public Feedback pollFeedback(long nowNs) {
        if (tickEndNs == Long.MAX_VALUE) {
            return null;
        }
        finishTicks(nowNs);
        if (!feedbackDue) {
            return null;
        }
        feedbackDue = false;
        forecaster.forecast(cumulativePackets);
        for (int i = 0; i < cumulativeBytes.length; i++) {
            cumulativeBytes[i] = (long) (cumulativePackets[i] * datagramBytes);
        }
        int slot = issuedCount++ % issuedAtTick.length;
        System.arraycopy(cumulativeBytes, 0, issuedCumulativeBytes[slot], 0, cumulativeBytes.length);
        issuedReceivedBytes[slot] = receivedBytes;
        issuedAtTick[slot] = tickIndex;
        return SproutFeedback.encode(tickMs, receivedBytes, cumulativeBytes);
    }

    @Override
    public long pollTimeoutNs() {
        return tickEndNs == Long.MAX_VALUE || emptyTicks >= IDLE_TICKS_BEFORE_SLEEP ? Long.MAX_VALUE : tickEndNs;
    }
}
