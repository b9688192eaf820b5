package net.overlay.core.proto.session;

import java.util.Objects;
import net.overlay.core.proto.wire.Bytes;

/**
 * What happened in one session, reported to the parent machine through
 * {@link SessionEndpoint#pollEvent()} together with the session. Immutable.
 */
public sealed interface SessionEvent {

    /**
     * The handshake completed. For the initiator {@code peerPayload} is the responder's answer;
     * for the responder it is the initiator's first-message payload the authorizer accepted.
     */
    record Established(Bytes remoteStatic, Bytes peerPayload, Path path) implements SessionEvent {
        public Established {
            Objects.requireNonNull(remoteStatic, "remoteStatic");
            Objects.requireNonNull(peerPayload, "peerPayload");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The initiator gave up: no valid answer after every retransmission. */
    record HandshakeFailed(String reason) implements SessionEvent {
    }

    /** A PathResponse matched our PathChallenge on {@code path}, {@code rttNs} after we sent it. */
    record PathValidated(Path path, long rttNs) implements SessionEvent {
    }

    /** Packets now go out on {@code path}; {@code direct} says whether it bypasses the relay. */
    record PathActivated(Path path, boolean direct) implements SessionEvent {
    }

    /** The peer sent a Control frame (rendezvous signalling; meaning defined by the traversal layer). */
    record ControlReceived(long kind, Bytes body) implements SessionEvent {
    }

    /** The session is over; the endpoint forgets it. */
    record Closed(Cause cause, long errorCode, String reason) implements SessionEvent {
    }

    /** Why a session closed. */
    enum Cause {
        /** The application closed it. */
        LOCAL,
        /** The peer sent a Close frame. */
        PEER,
        /** Nothing authentic arrived for the idle timeout (or a half-open responder was never confirmed). */
        IDLE_TIMEOUT,
        /** The packet numbers of the key are used up and rekeying is not implemented. */
        KEY_EXHAUSTED
    }
}
