package net.overlay.core.proto.crypto;

import net.overlay.core.spi.RandomSource;

/**
 * Ed25519 signatures (RFC 8032, pure variant) on raw keys, over BouncyCastle. Identities sign
 * registrations, device certificates, grants and tickets with it.
 */
public final class Ed25519 {
    /** Private key (seed) length in bytes. */
    public static final int PRIVATE_KEY_BYTES = 32;
    /** Public key length in bytes. */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** Signature length in bytes. */
    public static final int SIGNATURE_BYTES = 64;

    private Ed25519() {}

    /** A new private key (32-byte seed) from the key-material stream of {@code random}. */
    public static byte[] generatePrivateKey(RandomSource random) {
        byte[] k = new byte[PRIVATE_KEY_BYTES];
        random.nextKeyBytes(k);
        return k;
    }

    /** The public key for {@code privateKey}. */
    public static byte[] publicKey(byte[] privateKey) {
        check(privateKey, PRIVATE_KEY_BYTES, "private key");
        byte[] pub = new byte[PUBLIC_KEY_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(privateKey, 0, pub, 0);
        return pub;
    }

    /** Signs {@code message[off..off+len)}; returns the 64-byte signature. */
    public static byte[] sign(byte[] privateKey, byte[] message, int off, int len) {
        check(privateKey, PRIVATE_KEY_BYTES, "private key");
        byte[] sig = new byte[SIGNATURE_BYTES];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(privateKey, 0, message, off, len, sig, 0);
        return sig;
    }

    /** Signs the whole of {@code message}. */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        return sign(privateKey, message, 0, message.length);
    }

    /**
     * Whether {@code signature} is a valid signature of {@code message[off..off+len)} under
     * {@code publicKey}. Malformed keys or signatures verify as false, never throw.
     */
    public static boolean verify(byte[] publicKey, byte[] message, int off, int len, byte[] signature) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES
                || signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, publicKey, 0, message, off, len);
    }

    /** Verifies a signature over the whole of {@code message}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return verify(publicKey, message, 0, message.length, signature);
    }

    private static void check(byte[] key, int len, String what) {
        if (key == null || key.length != len) {
            throw new IllegalArgumentException("Ed25519 " + what + " must be " + len + " bytes");
        }
    }
}
