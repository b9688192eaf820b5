package net.overlay.core.proto.session;

/**
 * What a {@link SessionEndpoint} did with one received datagram: every datagram ends in exactly
 * one outcome, so the counters in {@link SessionStats} add up to the datagrams received.
 */
public enum DatagramOutcome {
    /** First byte 0-3: handed to the parent's STUN handler. */
    STUN,
    /** Not a well-formed version-1 overlay packet (see {@link SessionStats#garbageByReason()}), or a relay token 0. */
    GARBAGE,
    /** A handshake response or transport packet for an index we do not hold. */
    UNKNOWN_SESSION,
    /** A handshake initiation over its source's rate. */
    INITIATION_RATE_LIMITED,
    /** An initiation seen before, from another path or after its session moved on: dropped. */
    INITIATION_REPLAYED,
    /** A retransmitted initiation from the path it first came on: the cached answer was sent again. */
    INITIATION_DUPLICATE,
    /** Too many half-open or total sessions. */
    INITIATION_OVER_CAPACITY,
    /** The Noise message did not authenticate (wrong responder key, forged, corrupted). */
    INITIATION_UNAUTHENTIC,
    /** Authenticated, but the authorizer refused: no answer. */
    INITIATION_UNAUTHORIZED,
    /** Answered: a new responder session. */
    INITIATION_ACCEPTED,
    RESPONSE_ACCEPTED,
    /** A response for a session that is not waiting for one (a duplicate). */
    RESPONSE_UNEXPECTED,
    /** A response that did not authenticate. */
    RESPONSE_FORGED,
    TRANSPORT_ACCEPTED,
    /** Authentic, but its frames do not parse: the rest of the packet is dropped. */
    TRANSPORT_UNDECODABLE,
    /** Not a transport packet of the session (see {@link OpenStatus#MALFORMED}). */
    TRANSPORT_MALFORMED,
    /** A packet number already accepted: replay or network duplicate. */
    TRANSPORT_DUPLICATE,
    /** Too far behind the anti-replay window. */
    TRANSPORT_TOO_OLD,
    /** The tag did not verify. */
    TRANSPORT_FORGED,
    /** A packet number past the key's limit. */
    TRANSPORT_EXHAUSTED,
    /** A transport packet for a session with no keys yet (initiator waiting for the answer) or closed. */
    TRANSPORT_NO_KEYS,
    /** A cookie reply: reserved, nothing sends them yet. */
    COOKIE_IGNORED;

    static DatagramOutcome of(OpenStatus status) {
        return switch (status) {
            case ACCEPTED -> TRANSPORT_ACCEPTED;
            case MALFORMED -> TRANSPORT_MALFORMED;
            case DUPLICATE -> TRANSPORT_DUPLICATE;
            case TOO_OLD -> TRANSPORT_TOO_OLD;
            case FORGED -> TRANSPORT_FORGED;
            case EXHAUSTED -> TRANSPORT_EXHAUSTED;
        };
    }
}
