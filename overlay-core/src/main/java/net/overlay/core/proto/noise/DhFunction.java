package net.overlay.core.proto.noise;

import java.util.Arrays;
import net.overlay.core.spi.RandomSource;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The Diffie-Hellman functions a handshake may use. Curve25519 (Noise section 12.1) is the only
 * one a protocol name selects: the overlay's identities are X25519 keys, and BouncyCastle's X25519
 * is constant-time. Curve448 is deliberately absent (see docs/noise.md).
 *
 * <p>{@link #SIMULATED} is not Diffie-Hellman and not secure: it stands in for X25519 in the
 * simulator when a study is about the protocol's behaviour at scale rather than its cryptography
 * ({@code sim bench --crypto modelled}, docs/simulator.md). Its public key is a hash of the private
 * key and its shared secret a hash of the two public keys, so anyone who sees a handshake can
 * compute it. No protocol name selects it ({@link #fromNoiseName}), no deployment config can name
 * it; only code that builds a {@code SessionEndpointConfig} by hand can.
 */
public enum DhFunction {
    X25519("25519", 32) {
        @Override
        DhKeyPair generate(RandomSource random) {
            return DhKeyPair.fromOwnedPrivateKey(net.overlay.core.proto.crypto.X25519.generatePrivateKey(random));
        }

        @Override
        boolean agree(DhKeyPair local, byte[] remotePublic, byte[] out) {
            return net.overlay.core.proto.crypto.X25519.agree(local.privateKeyRef(), remotePublic, out, 0);
        }
    },
    SIMULATED("SimulatedDH", 32) {
        @Override
        DhKeyPair generate(RandomSource random) {
            byte[] priv = new byte[32];
            random.nextKeyBytes(priv);
            return DhKeyPair.of(priv, digest(PUBLIC_LABEL, priv, null));
        }

        @Override
        boolean agree(DhKeyPair local, byte[] remotePublic, byte[] out) {
            byte[] mine = local.publicKeyRef();
            boolean mineFirst = Arrays.compareUnsigned(mine, remotePublic) <= 0;
            byte[] secret = digest(SHARED_LABEL, mineFirst ? mine : remotePublic, mineFirst ? remotePublic : mine);
            System.arraycopy(secret, 0, out, 0, secret.length);
            return true;
        }
    };

    private static final byte[] PUBLIC_LABEL = "overlay simulated dh: public".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SHARED_LABEL = "overlay simulated dh: shared".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final String noiseName;
    private final int keyBytes;

    DhFunction(String noiseName, int keyBytes) {
        this.noiseName = noiseName;
        this.keyBytes = keyBytes;
    }

    /** A fresh ephemeral key pair from the key-material stream of {@code random}. */
    abstract DhKeyPair generate(RandomSource random);

    /**
     * The shared secret of {@code local} and {@code remotePublic}, into {@code out[0..keyBytes)}.
     *
     * @return false when the result is unusable (X25519: all zeros, a low-order point)
     */
    abstract boolean agree(DhKeyPair local, byte[] remotePublic, byte[] out);

    /** The name used in Noise protocol names. */
    public String noiseName() {
        return noiseName;
    }

    /** Noise's {@code DHLEN}: public key and shared secret length in bytes. */
    public int keyBytes() {
        return keyBytes;
    }

    /** The function with the given Noise name, or {@code null}; never {@link #SIMULATED}. */
    public static DhFunction fromNoiseName(String name) {
        return X25519.noiseName.equals(name) ? X25519 : null;
    }

    private static byte[] digest(byte[] label, byte[] a, byte[] b) {
        SHA256Digest d = new SHA256Digest();
        d.update(label, 0, label.length);
        d.update(a, 0, a.length);
        if (b != null) d.update(b, 0, b.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
