package net.overlay.core.proto.noise;

/**
 * A peer's Noise message could not be accepted: a bad tag, a wrong length, a low-order public key,
 * a message out of turn, or a handshake that already failed. The one error type of the handshake
 * and of {@link CipherState#decryptWithAd}; once a handshake has thrown it, that handshake is
 * dead. No stack trace is captured: forged packets are cheap to send and must stay cheap to drop.
 */
public final class NoiseException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoiseException(String message) {
        super(message, null, false, false);
    }
}
