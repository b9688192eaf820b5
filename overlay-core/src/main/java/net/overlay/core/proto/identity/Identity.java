package net.overlay.core.proto.identity;

import java.util.Objects;
import net.overlay.core.proto.crypto.Ed25519;
import net.overlay.core.proto.crypto.X25519;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * A node's long-term key pair: an Ed25519 signing key (its {@link PeerId}; signs registrations,
 * certificates, tickets and grants) and an X25519 static key (its Noise IK static key). The two
 * are independent keys rather than one key converted between curves, so neither use can weaken
 * the other.
 *
 * <p>Callers: the key-file code (load, store), the device agent and client (handshakes), issuers
 * of statements. Immutable and thread-safe; private keys never leave except through the explicit
 * {@code ...PrivateKey()} copies, and never appear in {@link #toString()}.
 */
public final class Identity {
    private final byte[] signingPrivateKey;
    private final byte[] staticPrivateKey;
    private final PeerId peerId;
    private final Bytes staticPublicKey;
    /** {@link StaticKeyBinding} of this identity, made on first use (racy but idempotent: same bytes). */
    private volatile Bytes staticKeyBinding;
    /** The static key as a Noise key pair, made on first use (racy but idempotent: an equal pair). */
    private volatile DhKeyPair staticKeyPair;

    private Identity(byte[] signingPrivateKey, byte[] staticPrivateKey) {
        this.signingPrivateKey = signingPrivateKey;
        this.staticPrivateKey = staticPrivateKey;
        this.peerId = new PeerId(Bytes.wrapOwned(Ed25519.publicKey(signingPrivateKey)));
        this.staticPublicKey = Bytes.wrapOwned(X25519.publicKey(staticPrivateKey));
    }

    /** A new identity with both keys drawn from the key-material stream of {@code random}. */
    public static Identity generate(RandomSource random) {
        Objects.requireNonNull(random, "random");
        return new Identity(Ed25519.generatePrivateKey(random), X25519.generatePrivateKey(random));
    }

    /**
     * The identity of two stored private keys (both copied): a 32-byte Ed25519 seed and a 32-byte
     * X25519 private key.
     *
     * @throws IllegalArgumentException on a wrong key length
     */
    public static Identity fromPrivateKeys(byte[] signingPrivateKey, byte[] staticPrivateKey) {
        if (signingPrivateKey == null || signingPrivateKey.length != Ed25519.PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("the signing key must be " + Ed25519.PRIVATE_KEY_BYTES + " bytes");
        }
        if (staticPrivateKey == null || staticPrivateKey.length != X25519.KEY_BYTES) {
            throw new IllegalArgumentException("the static key must be " + X25519.KEY_BYTES + " bytes");
        }
        return new Identity(signingPrivateKey.clone(), staticPrivateKey.clone());
    }

    /** This node's public name: its Ed25519 public key. */
    public PeerId peerId() {
        return peerId;
    }

    /** The X25519 static public key (the {@code s} a Noise IK initiator must know in advance). */
    public Bytes staticPublicKey() {
        return staticPublicKey;
    }

    /** A copy of the Ed25519 private key (seed); the caller should wipe it after use. */
    public byte[] signingPrivateKey() {
        return signingPrivateKey.clone();
    }

    /**
     * The static key as the Noise handshake takes it, computed once: a process with many endpoints
     * of one identity (the simulator's shared population identity, a benchmark fleet) pays its
     * X25519 base-point multiplication once, not per endpoint.
     */
    public DhKeyPair staticKeyPair() {
        DhKeyPair k = staticKeyPair;
        if (k == null) {
            staticKeyPair = k = DhKeyPair.fromPrivateKey(staticPrivateKey);
        }
        return k;
    }

    /** A copy of the X25519 private key, for the Noise handshake; the caller should wipe it after use. */
    public byte[] staticPrivateKey() {
        return staticPrivateKey.clone();
    }

    /**
     * The signature binding our static key to our peer id, signed once: Ed25519 is deterministic
     * (RFC 8032 section 5.1.6), so signing again gives the same 64 bytes at the cost of a scalar
     * multiplication, which every hello (each reconnect, each of a simulator's devices) paid.
     */
    Bytes staticKeyBinding() {
        Bytes b = staticKeyBinding;
        if (b == null) {
            b = StaticKeyBinding.signNow(this);
            staticKeyBinding = b;
        }
        return b;
    }

    /** Signs {@code message[off..off+len)}; returns the 64-byte Ed25519 signature. */
    public byte[] sign(byte[] message, int off, int len) {
        return Ed25519.sign(signingPrivateKey, message, off, len);
    }

    /** Same keys, compared in constant time. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other
                && java.security.MessageDigest.isEqual(signingPrivateKey, other.signingPrivateKey)
                && java.security.MessageDigest.isEqual(staticPrivateKey, other.staticPrivateKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(peerId, staticPublicKey);
    }

    /** The peer id only: private keys must not end up in logs. */
    @Override
    public String toString() {
        return "Identity[" + peerId.text() + "]";
    }
}
