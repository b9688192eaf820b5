package net.overlay.core.proto.session;

/**
 * The sealer has used every packet number it may under this key: the session must rekey (a new
 * handshake) before it sends more. Never thrown before the configured limit.
 */
public final class RekeyRequiredException extends Exception {
    private static final long serialVersionUID = 1L;

    public RekeyRequiredException(long packetsSealed) {
        super("sealed " + packetsSealed + " packets under this key: a rekey is required", null, false, false);
    }
}
