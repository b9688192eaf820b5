package net.overlay.core.proto.crypto;

import net.overlay.core.spi.RandomSource;

/**
 * X25519 Diffie-Hellman (RFC 7748) on raw 32-byte keys, over BouncyCastle's constant-time
 * implementation. Used by the Noise handshake (ephemeral and static keys) and by identities.
 */
public final class X25519 {
    /** Private and public key length in bytes. */
    public static final int KEY_BYTES = 32;

    private X25519() {}

    /** A new private key from the key-material stream of {@code random}, clamped per RFC 7748. */
    public static byte[] generatePrivateKey(RandomSource random) {
        byte[] k = new byte[KEY_BYTES];
        random.nextKeyBytes(k);
        org.bouncycastle.math.ec.rfc7748.X25519.clampPrivateKey(k);
        return k;
    }

    /** The public key (u-coordinate) for {@code privateKey}. */
    public static byte[] publicKey(byte[] privateKey) {
        checkLength(privateKey, "private key");
        byte[] pub = new byte[KEY_BYTES];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, pub, 0);
        return pub;
    }

    /**
     * The shared secret of {@code privateKey} and {@code peerPublicKey}, written to
     * {@code out[outOff..outOff+32)}.
     *
     * @return false when the result is all zeros (the peer sent a low-order point); the caller
     *     must then abort the handshake, as RFC 7748 section 6.1 allows and Noise recommends
     */
    public static boolean agree(byte[] privateKey, byte[] peerPublicKey, byte[] out, int outOff) {
        checkLength(privateKey, "private key");
        checkLength(peerPublicKey, "public key");
        return org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, out, outOff);
    }

    private static void checkLength(byte[] key, String what) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("X25519 " + what + " must be 32 bytes");
        }
    }
}
