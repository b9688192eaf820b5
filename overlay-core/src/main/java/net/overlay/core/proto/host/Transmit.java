package net.overlay.core.proto.host;

import java.net.InetSocketAddress;
import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * A datagram a state machine wants sent.
 *
 * @param socket the machine's local socket to send from (0 is the primary one)
 * @param to the destination
 * @param payload the datagram's bytes
 * @param ttl IP TTL for this datagram, or {@link #DEFAULT_TTL}; a low TTL primes the sender's own NAT
 *     without reaching the far one (hole punching against the Linux conntrack collision)
 */
public record Transmit(int socket, InetSocketAddress to, Bytes payload, int ttl) {
    /** The socket's default TTL. */
    public static final int DEFAULT_TTL = -1;

    public Transmit {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(payload, "payload");
        if (socket < 0) {
            throw new IllegalArgumentException("socket must be >= 0");
        }
        if (ttl != DEFAULT_TTL && (ttl < 1 || ttl > 255)) {
            throw new IllegalArgumentException("ttl must be 1..255 or DEFAULT_TTL, got " + ttl);
        }
    }

    /** A datagram from the primary socket with the default TTL. */
    public static Transmit of(InetSocketAddress to, Bytes payload) {
        return new Transmit(0, to, payload, DEFAULT_TTL);
    }
}
