package net.overlay.core.proto.signal;

/** A signalling message could not be decoded: the peer is broken or hostile. Counted, then dropped. */
public final class SignalException extends Exception {
    private static final long serialVersionUID = 1L;

    public SignalException(String message) {
        super(message, null, false, false);
    }
}
