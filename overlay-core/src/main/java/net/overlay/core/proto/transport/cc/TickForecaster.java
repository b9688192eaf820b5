package net.overlay.core.proto.transport.cc;

/**
 * The receiver-side estimator inside {@link SproutReceiver}: told how much arrived in each tick,
 * it forecasts how much the link will deliver in the next ticks. Sprout's Bayesian filter
 * ({@link SproutFilter}) and Sprout-EWMA's average ({@link EwmaForecaster}) are the two kinds.
 */
sealed interface TickForecaster permits SproutFilter, EwmaForecaster {

    /**
     * One tick ended in which {@code packets} (in maximum-size datagrams, may be fractional)
     * arrived. {@code senderLimited}: the receiver had already received all the sender was allowed
     * to send, so the link might have delivered more; the count is then only a lower bound.
     */
    void observeTick(double packets, boolean senderLimited);

    /**
     * Writes into {@code cumulativePackets[i]} the packets that the link delivers, cumulatively,
     * by the end of tick {@code i + 1} from now, for {@code i < cumulativePackets.length}.
     */
    void forecast(double[] cumulativePackets);
}
