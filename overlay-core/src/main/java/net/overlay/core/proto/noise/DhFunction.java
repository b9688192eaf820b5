package net.overlay.core.proto.noise;

/**
 * The Diffie-Hellman functions a protocol name may select. Only Curve25519 (section 12.1): the
 * overlay's identities are X25519 keys, and BouncyCastle's X25519 is constant-time.
 * Curve448 is deliberately absent (see docs/noise.md).
 */
public enum DhFunction {
    X25519("25519", 32);

    private final String noiseName;
    private final int keyBytes;

    DhFunction(String noiseName, int keyBytes) {
        this.noiseName = noiseName;
        this.keyBytes = keyBytes;
    }

    /** The name used in Noise protocol names. */
    public String noiseName() {
        return noiseName;
    }

    /** Noise's {@code DHLEN}: public key and shared secret length in bytes. */
    public int keyBytes() {
        return keyBytes;
    }

    /** The function with the given Noise name, or {@code null}. */
    public static DhFunction fromNoiseName(String name) {
        for (DhFunction d : values()) {
            if (d.noiseName.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
