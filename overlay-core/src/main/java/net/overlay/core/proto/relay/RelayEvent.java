package net.overlay.core.proto.relay;

/**
 * What the relay reports to its host ({@link Relay#pollEvent()}, {@link RelayMachine#pollEvent()}):
 * the rendezvous uses them to tell the sides and for accounting. Per-packet drops are not events
 * (a flood would make one per datagram); they are counters in {@link RelayStats}.
 */
public sealed interface RelayEvent {

    /** An allocation reached its expiry without a refresh and was removed. */
    record AllocationExpired(long clientToken, long deviceToken, long bytesForwarded) implements RelayEvent {}

    /** An allocation refused its first datagram for lack of byte budget (reported once). */
    record ByteBudgetExhausted(long clientToken, long deviceToken, long byteBudget) implements RelayEvent {}
}
