package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One way between the two ends of a session: a local socket, a remote address, and, for a path
 * through a relay, the relay token (the allocation id this side writes in its {@code Relayed}
 * packets and the relay writes in the packets it forwards to us). Token 0 means a direct path.
 * Immutable; compared by value, so a session can look a path up by what a datagram came on.
 *
 * @param socket the parent machine's local socket (0 is its primary one)
 * @param remote the peer's address for a direct path, the relay's address for a relayed one
 * @param relayToken the relay allocation token, or 0 for a direct path
 */
public record Path(int socket, InetSocketAddress remote, long relayToken) {
    /** The token of a direct path. */
    public static final long DIRECT = 0;

    public Path {
        Objects.requireNonNull(remote, "remote");
        if (socket < 0) {
            throw new IllegalArgumentException("socket must be >= 0, got " + socket);
        }
    }

    /** A direct path from {@code socket} to {@code remote}. */
    public static Path direct(int socket, InetSocketAddress remote) {
        return new Path(socket, remote, DIRECT);
    }

    /** A path through the relay at {@code relay} with our token {@code relayToken} (not 0). */
    public static Path relayed(int socket, InetSocketAddress relay, long relayToken) {
        if (relayToken == DIRECT) {
            throw new IllegalArgumentException("a relay token is never 0");
        }
        return new Path(socket, relay, relayToken);
    }

    /** Whether packets on this path go straight to the peer. */
    public boolean isDirect() {
        return relayToken == DIRECT;
    }

    @Override
    public String toString() {
        return isDirect()
                ? "direct[" + socket + " -> " + remote + "]"
                : "relay[" + socket + " -> " + remote + ", token " + Long.toUnsignedString(relayToken, 16) + "]";
    }
}
