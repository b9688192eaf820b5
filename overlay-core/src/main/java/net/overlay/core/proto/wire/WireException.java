package net.overlay.core.proto.wire;

/**
 * The only exception the wire decoders throw, on any input: the bytes are not a well-formed
 * packet or frame sequence. The {@link Reason} lets a caller count drops by cause and answer the
 * few that deserve an answer (an unsupported version). Stackless, because hostile traffic can
 * make a node throw one per datagram.
 */
public final class WireException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** A field or length runs past the end of the input. */
        TRUNCATED,
        /** Byte 0 is outside 0xD0-0xDF: another protocol sharing the socket (STUN), or noise. */
        NOT_OVERLAY,
        /** An overlay packet of a version this node does not speak. */
        UNSUPPORTED_VERSION,
        /** An outer packet type this version does not define. */
        UNKNOWN_PACKET_TYPE,
        /** A packet is shorter or longer than its type allows. */
        BAD_LENGTH,
        /** A Relayed packet carries another Relayed packet. */
        NESTED_RELAY,
        /** A frame type this version does not define. */
        UNKNOWN_FRAME_TYPE,
        /** A frame type in a longer varint form than it needs (RFC 9000 12.4 forbids it). */
        FRAME_TYPE_NOT_MINIMAL,
        /** An ACK frame's ranges go below packet number zero. */
        BAD_ACK_RANGE,
        /** An ACK frame has more ranges than the cap. */
        TOO_MANY_ACK_RANGES,
        /** A STREAM frame's offset plus length reaches 2^62. */
        STREAM_OFFSET_OVERFLOW,
        /** A length-prefixed field is longer than its frame type allows. */
        FIELD_TOO_LONG,
        /** A CLOSE reason is not valid UTF-8. */
        INVALID_UTF8
    }

    private final Reason reason;

    public WireException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "WireException[" + reason + "]: " + getMessage();
    }
}
