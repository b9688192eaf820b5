package net.overlay.core.proto.transport.cc;

/**
 * Sprout-EWMA's estimator (Winstein et al., NSDI 2013, section 5.3): an exponentially weighted
 * moving average of the packets per tick, forecast as if the rate stayed there. Faster and less
 * cautious than {@link SproutFilter}: more throughput, more delay.
 */
final class EwmaForecaster implements TickForecaster {
    /** Weight of the newest tick; our choice (1/8, as TCP's smoothed RTT). */
    static final double GAIN = 1.0 / 8;

    private double packetsPerTick;

    @Override
    public void observeTick(double packets, boolean senderLimited) {
        // A sender-limited tick only says the rate is at least this much.
        if (!senderLimited || packets > packetsPerTick) {
            packetsPerTick += GAIN * (packets - packetsPerTick);
        }
    }

    @Override
    public void forecast(double[] cumulativePackets) {
        for (int i = 0; i < cumulativePackets.length; i++) {
            cumulativePackets[i] = packetsPerTick * (i + 1);
        }
    }
}
