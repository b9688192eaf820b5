package net.overlay.core.proto.stun;

import java.util.Optional;

/**
 * The only exception {@link StunCodec#decode} throws, whatever the input. It says why the bytes
 * were refused and, when the 20-byte header itself was sound, which transaction they belonged to:
 * a server answers 400 to a request with a sound header and drops everything else (RFC 8489 6.3).
 */
public final class StunException extends Exception {
    /** Why a datagram was refused. */
    public enum Reason {
        /** Fewer than 20 bytes. */
        TOO_SHORT,
        /** First two bits not zero or no magic cookie: not STUN at all (RFC 8489 5). */
        NOT_STUN,
        /** Length field not a multiple of 4 or not equal to the bytes that follow (RFC 8489 5). */
        BAD_LENGTH,
        /** An attribute's length runs past the end of the message (RFC 8489 14). */
        TRUNCATED_ATTRIBUTE,
        /** A known attribute with a value that its definition does not allow. */
        BAD_ATTRIBUTE,
        /** An attribute after FINGERPRINT, which must be last (RFC 8489 14.7). */
        BAD_ORDER
    }

    private final Reason reason;
    private final transient StunHeader header;

    public StunException(Reason reason, String detail) {
        this(reason, null, detail);
    }

    public StunException(Reason reason, StunHeader header, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.header = header;
    }

    public Reason reason() {
        return reason;
    }

    /** The header, when the first 20 bytes were a sound STUN header. */
    public Optional<StunHeader> header() {
        return Optional.ofNullable(header);
    }
}
