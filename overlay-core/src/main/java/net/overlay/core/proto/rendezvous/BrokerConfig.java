package net.overlay.core.proto.rendezvous;

/**
 * Tunables of the broker, validated.
 *
 * @param keepaliveIntervalMs the interval devices are told to start with (25 s: below the shortest
 *     common NAT timeout of 30 s, REFERENCE.md)
 * @param registrationTimeoutNs a registration without keepalive for this long is dropped
 * @param ticketLifetimeMs how long a connection ticket is valid (the client's first handshake
 *     message must reach the device within it)
 * @param connectMemoryNs how long (client, nonce) pairs are remembered to refuse replays; must
 *     exceed the ticket lifetime
 * @param offerRetryNs first retransmission delay of an unacknowledged offer (doubles each time)
 * @param offerAttempts how many times an offer is sent before giving up
 * @param maxRememberedConnects cap on the replay memory (oldest forgotten first)
 */
public record BrokerConfig(
        long keepaliveIntervalMs,
        long registrationTimeoutNs,
        long ticketLifetimeMs,
        long connectMemoryNs,
        long offerRetryNs,
        int offerAttempts,
        int maxRememberedConnects) {

    /** Registrations outlive 2.5 of the longest keepalive interval a device may prove (120 s). */
    public static final BrokerConfig DEFAULT = new BrokerConfig(25_000, 300_000_000_000L, 60_000,
            120_000_000_000L, 300_000_000L, 5, 1_000_000);

    public BrokerConfig {
        if (keepaliveIntervalMs <= 0 || registrationTimeoutNs <= 0 || ticketLifetimeMs <= 0 || offerRetryNs <= 0) {
            throw new IllegalArgumentException("broker intervals must be positive");
        }
        if (connectMemoryNs < ticketLifetimeMs * 1_000_000L) {
            throw new IllegalArgumentException("connectMemoryNs must cover the ticket lifetime, or replays slip through");
        }
        if (offerAttempts < 1 || maxRememberedConnects < 1) {
            throw new IllegalArgumentException("offerAttempts and maxRememberedConnects must be >= 1");
        }
    }
}
