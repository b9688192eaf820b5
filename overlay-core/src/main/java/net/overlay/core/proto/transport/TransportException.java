package net.overlay.core.proto.transport;

/**
 * The peer broke a transport rule (RFC 9000 section 20's error classes): the session must be
 * closed, and {@link #code()} is what to tell the peer in a Close frame. Thrown by {@link
 * Transport#handlePacket}; frames that do not even parse raise the codec's {@code WireException}
 * instead. Stackless: hostile input may raise one per packet.
 */
public final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** RFC 9000 20.1 transport error codes that this transport raises, with their numbers. */
    public enum Code {
        /** RFC 9000 4: more data than the advertised stream or connection limit. */
        FLOW_CONTROL_ERROR(0x03),
        /** RFC 9000 4.6: a stream beyond the advertised stream limit. */
        STREAM_LIMIT_ERROR(0x04),
        /** RFC 9000 3: a frame for a stream in a state that forbids it. */
        STREAM_STATE_ERROR(0x05),
        /** RFC 9000 4.5: data past a known final size, or a changed final size. */
        FINAL_SIZE_ERROR(0x06),
        /** RFC 9000 13.1: anything else, e.g. acknowledging a packet never sent. */
        PROTOCOL_VIOLATION(0x0a);

        private final int wireCode;

        Code(int wireCode) {
            this.wireCode = wireCode;
        }

        /** The number to put in a Close frame. */
        public int wireCode() {
            return wireCode;
        }
    }

    private final Code code;

    public TransportException(Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    @Override
    public String toString() {
        return "TransportException[" + code + "]: " + getMessage();
    }
}
