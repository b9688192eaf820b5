package net.overlay.core.proto.identity;

/**
 * Bytes that are not a well-formed signed statement: too short or too long, an unknown version or
 * kind, a field out of range, or trailing bytes. The only exception the statement decoders throw,
 * whatever the input.
 */
public final class MalformedStatementException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedStatementException(String message) {
        super(message, null, false, false);
    }
}
