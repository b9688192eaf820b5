package net.overlay.core.proto.relay;

/** Why the relay dropped a datagram; each reason has its own counter in {@link RelayStats}. */
public enum DropReason implements Verdict {
    /** Not a well-formed overlay packet (truncated, not overlay, bad type or length, bad inner packet). */
    MALFORMED,
    /** An overlay packet of a version we do not speak (docs/wire-format.md: drop and count, never answer). */
    UNSUPPORTED_VERSION,
    /** A Relayed packet inside a Relayed packet (the codec refuses it: NESTED_RELAY). */
    NESTED_RELAY,
    /** A well-formed overlay packet that is not Relayed: nothing for a relay to do with it. */
    NOT_RELAYED,
    /** The token names no live allocation: never issued, released, or expired. */
    UNKNOWN_TOKEN,
    /** The other side has not sent anything yet, so there is nowhere to forward to. */
    OTHER_SIDE_UNKNOWN,
    /** The allocation has forwarded its whole byte budget. */
    BUDGET_EXHAUSTED,
    /** The allocation's token bucket does not hold this datagram's size right now. */
    RATE_LIMITED
}
