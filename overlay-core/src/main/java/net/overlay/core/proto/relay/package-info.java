/**
 * The relay core (docs/relay.md): allocations that join the two sides of one session, forwarding
 * of {@code Relayed(token, innerPacket)} packets between the sides' learned addresses, per
 * allocation expiry, byte budget and rate budget, and drop counters. It never sends to an address
 * that has not itself sent a valid token-bearing packet, so it cannot be used for amplification.
 *
 * <p>Sans-IO: time comes in as {@code nowNs}, tokens from an injected
 * {@link net.overlay.core.spi.RandomSource}. Callers: the rendezvous node, which creates and
 * refreshes allocations and embeds {@link net.overlay.core.proto.relay.Relay} on its overlay
 * socket, and hosts of {@link net.overlay.core.proto.relay.RelayMachine} on a socket of its own
 * (a Pekko driver, the simulator, the in-memory test network).
 */
package net.overlay.core.proto.relay;
