package net.overlay.core.proto.crypto;

/** An AEAD tag did not verify: the message was forged, corrupted, or sealed under another key. */
public final class AeadException extends Exception {
    private static final long serialVersionUID = 1L;

    public AeadException(String message) {
        super(message, null, false, false);
    }
}
