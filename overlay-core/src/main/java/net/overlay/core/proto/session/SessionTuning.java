package net.overlay.core.proto.session;

import java.util.Objects;
import net.overlay.core.proto.wire.WireConstants;

/**
 * Tunables of one session: handshake retransmission, keepalive, path probing, liveness and
 * fallback, limits. Our choices, not the protocol's (docs/session.md explains each default).
 * Validated on construction.
 *
 * @param handshakeRetransmitNs first retransmission of the initiation; each next waits twice as long
 * @param handshakeAttempts initiations sent in all (the first included) before {@code HandshakeFailed}
 * @param keepaliveIntervalNs a Ping goes out on the active path when nothing was sent on it for this
 *     long (25 s: below the 30 s shortest common NAT timeout, REFERENCE.md)
 * @param pathTimeoutNs an active direct path with nothing received for this long is given up for the
 *     relay (three keepalive intervals, docs/traversal.md step 7)
 * @param relayKeepaliveIntervalNs a Ping goes out on the idle relay path this often while a direct
 *     path is active, so the relay and our NAT still know us when we fall back; 0 disables
 * @param probeIntervalNs time between PathChallenges on a path being probed (50 ms, traversal.md)
 * @param probeWindowNs how long one probing round of a path lasts before it is given up
 * @param directRetryIntervalNs after a fallback, a new probing round of the lost direct path this often
 * @param directRetries how many such rounds before the direct path is forgotten
 * @param maxDirectPaths direct paths a session keeps (the relay path comes on top)
 * @param probesPerSecond PathChallenges a session may send per second, all paths together (burst the same)
 * @param idleTimeoutNs the session closes when nothing authentic arrived on any path for this long
 * @param halfOpenTimeoutNs a responder that answered but never heard an authentic packet forgets the session
 * @param maxDatagramBytes largest datagram the session sends, relay header included
 * @param crypto packet-sealing tunables (replay window, key limits)
 */
public record SessionTuning(
        long handshakeRetransmitNs,
        int handshakeAttempts,
        long keepaliveIntervalNs,
        long pathTimeoutNs,
        long relayKeepaliveIntervalNs,
        long probeIntervalNs,
        long probeWindowNs,
        long directRetryIntervalNs,
        int directRetries,
        int maxDirectPaths,
        int probesPerSecond,
        long idleTimeoutNs,
        long halfOpenTimeoutNs,
        int maxDatagramBytes,
        SessionConfig crypto) {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    /** Defaults for deployment. */
    public static final SessionTuning DEFAULT = new SessionTuning(
            500 * MS, 5, 25 * SECOND, 75 * SECOND, 25 * SECOND, 50 * MS, 5 * SECOND,
            15 * SECOND, 8, 8, 100, 180 * SECOND, 15 * SECOND,
            WireConstants.DEFAULT_DATAGRAM_BYTES, SessionConfig.DEFAULT);

    /** Smallest datagram: relay header, transport overhead and room for a few frames. */
    private static final int MIN_DATAGRAM_BYTES = 128;

    public SessionTuning {
        positive(handshakeRetransmitNs, "handshakeRetransmitNs");
        positive(keepaliveIntervalNs, "keepaliveIntervalNs");
        positive(pathTimeoutNs, "pathTimeoutNs");
        positive(probeIntervalNs, "probeIntervalNs");
        positive(probeWindowNs, "probeWindowNs");
        positive(directRetryIntervalNs, "directRetryIntervalNs");
        positive(idleTimeoutNs, "idleTimeoutNs");
        positive(halfOpenTimeoutNs, "halfOpenTimeoutNs");
        if (relayKeepaliveIntervalNs < 0) {
            throw new IllegalArgumentException("relayKeepaliveIntervalNs must be >= 0 (0 disables)");
        }
        if (handshakeAttempts < 1 || handshakeAttempts > 20) {
            throw new IllegalArgumentException("handshakeAttempts must be 1..20, got " + handshakeAttempts);
        }
        if (directRetries < 0 || maxDirectPaths < 1 || probesPerSecond < 1) {
            throw new IllegalArgumentException("directRetries >= 0, maxDirectPaths >= 1, probesPerSecond >= 1");
        }
        if (maxDatagramBytes < MIN_DATAGRAM_BYTES || maxDatagramBytes > WireConstants.MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException("maxDatagramBytes must be " + MIN_DATAGRAM_BYTES + ".."
                    + WireConstants.MAX_DATAGRAM_BYTES + ", got " + maxDatagramBytes);
        }
        Objects.requireNonNull(crypto, "crypto");
    }

    private static void positive(long valueNs, String name) {
        if (valueNs <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + valueNs);
        }
    }

    /** A copy with another keepalive interval, path timeout and idle timeout (tests use short ones). */
    /**
     * Room for hole punching: a direct path per candidate and predicted port (up to about 20), and
     * the challenge rate to probe them all at once.
     */
    public SessionTuning forPunching() {
        return new SessionTuning(handshakeRetransmitNs, handshakeAttempts, keepaliveIntervalNs, pathTimeoutNs,
                relayKeepaliveIntervalNs, probeIntervalNs, probeWindowNs, directRetryIntervalNs, directRetries,
                Math.max(maxDirectPaths, 32), Math.max(probesPerSecond, 1000), idleTimeoutNs, halfOpenTimeoutNs,
                maxDatagramBytes, crypto);
    }

    public SessionTuning withLiveness(long keepaliveNs, long pathTimeoutNs, long idleTimeoutNs) {
        return new SessionTuning(handshakeRetransmitNs, handshakeAttempts, keepaliveNs, pathTimeoutNs,
                relayKeepaliveIntervalNs == 0 ? 0 : keepaliveNs, probeIntervalNs, probeWindowNs,
                directRetryIntervalNs, directRetries, maxDirectPaths, probesPerSecond, idleTimeoutNs,
                halfOpenTimeoutNs, maxDatagramBytes, crypto);
    }

    /** A copy with another direct-path retry interval after a fallback. */
    public SessionTuning withDirectRetryIntervalNs(long intervalNs) {
        return new SessionTuning(handshakeRetransmitNs, handshakeAttempts, keepaliveIntervalNs, pathTimeoutNs,
                relayKeepaliveIntervalNs, probeIntervalNs, probeWindowNs, intervalNs, directRetries,
                maxDirectPaths, probesPerSecond, idleTimeoutNs, halfOpenTimeoutNs, maxDatagramBytes, crypto);
    }
}
