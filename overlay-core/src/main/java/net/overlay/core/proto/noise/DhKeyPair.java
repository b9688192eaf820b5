package net.overlay.core.proto.noise;

import java.util.Arrays;
import java.util.HexFormat;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.spi.RandomSource;

/**
 * An X25519 key pair for a Noise handshake: a static identity or an ephemeral key. Immutable;
 * the private key never leaves except to the handshake in this package, and {@link #toString()}
 * shows only the public half.
 */
public final class DhKeyPair {
    private final byte[] privateKey;
    private final byte[] publicKey;

    private DhKeyPair(byte[] privateKey) {
        this(privateKey, X25519.publicKey(privateKey));
    }

    private DhKeyPair(byte[] privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** An X25519 pair for a private key this class may keep. */
    static DhKeyPair fromOwnedPrivateKey(byte[] privateKey) {
        return new DhKeyPair(privateKey);
    }

    /** A pair whose public half another function computed ({@link DhFunction#SIMULATED}). */
    static DhKeyPair of(byte[] privateKey, byte[] publicKey) {
        return new DhKeyPair(privateKey, publicKey);
    }

    /** A new key pair from the key-material stream of {@code random}. */
    public static DhKeyPair generate(RandomSource random) {
        return new DhKeyPair(X25519.generatePrivateKey(random));
    }

    /** The pair for a given 32-byte private key (copied); X25519 clamps it when used. */
    public static DhKeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != X25519.KEY_BYTES) {
            throw new IllegalArgumentException("X25519 private key must be 32 bytes");
        }
        return new DhKeyPair(privateKey.clone());
    }

    /** A copy of the 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** A copy of the private key, for storing an identity. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    byte[] privateKeyRef() {
        return privateKey;
    }

    byte[] publicKeyRef() {
        return publicKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhKeyPair p && Arrays.equals(publicKey, p.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "DhKeyPair[public=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
