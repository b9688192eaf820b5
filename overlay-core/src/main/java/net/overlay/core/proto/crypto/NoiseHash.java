package net.overlay.core.proto.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;

/**
 * One of Noise's hash functions with the HMAC and HKDF built on it (Noise rev. 34, section 4.3):
 * SHA-256 and SHA-512 from the JDK (which has intrinsics for them), BLAKE2s and BLAKE2b from
 * BouncyCastle. HMAC is our own RFC 2104 construction so that both kinds of digest share it.
 *
 * <p>Caller: the Noise {@code SymmetricState}. Not thread-safe: the digest and the HMAC pads are
 * reused between calls, so one instance per handshake.
 */
public final class NoiseHash {
    // RFC 2104 section 2: the inner and outer pad bytes.
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;
    private static final byte[] EMPTY = new byte[0];

    private final HashSuite suite;
    private final Engine engine;
    private final byte[] pad;
    private final byte[] innerHash;
    private final byte[] counter = new byte[1];

    private NoiseHash(HashSuite suite, Engine engine) {
        this.suite = suite;
        this.engine = engine;
        this.pad = new byte[suite.blockBytes()];
        this.innerHash = new byte[suite.hashBytes()];
    }

    /** A fresh instance of {@code suite}. */
    public static NoiseHash create(HashSuite suite) {
        Engine engine = switch (suite) {
            case SHA256 -> new JdkEngine("SHA-256");
            case SHA512 -> new JdkEngine("SHA-512");
            case BLAKE2S -> new BcEngine(new Blake2sDigest(256));
            case BLAKE2B -> new BcEngine(new Blake2bDigest(512));
        };
        return new NoiseHash(suite, engine);
    }

    public HashSuite suite() {
        return suite;
    }

    /** Noise's {@code HASHLEN}. */
    public int hashBytes() {
        return suite.hashBytes();
    }

    /** {@code HASH(a || b[bOff..bOff+bLen))} written to {@code out[0..HASHLEN)}. */
    public void hash(byte[] a, byte[] b, int bOff, int bLen, byte[] out) {
        engine.update(a, 0, a.length);
        engine.update(b, bOff, bLen);
        engine.finish(out, 0);
    }

    /** {@code HASH(data)} as a new array. */
    public byte[] hash(byte[] data) {
        byte[] out = new byte[hashBytes()];
        hash(EMPTY, data, 0, data.length, out);
        return out;
    }

    /** {@code HMAC-HASH(key, data[off..off+len))} written to {@code out[outOff..outOff+HASHLEN)}. */
    public void hmac(byte[] key, byte[] data, int off, int len, byte[] out, int outOff) {
        hmac(key, data, off, len, null, out, outOff);
    }

    /**
     * Noise's {@code HKDF(chaining_key, input_key_material, num_outputs)} with two or three outputs
     * (section 4.3): {@code out3} may be null for two. Each output receives {@code HASHLEN} bytes;
     * {@code chainingKey} may be the same array as {@code out1}.
     */
    public void hkdf(byte[] chainingKey, byte[] ikm, int ikmOff, int ikmLen,
                     byte[] out1, byte[] out2, byte[] out3) {
        int n = hashBytes();
        byte[] tempKey = new byte[n];
        hmac(chainingKey, ikm, ikmOff, ikmLen, tempKey, 0);
        // output1 = HMAC(temp_key, 0x01); output2 = HMAC(temp_key, output1 || 0x02); ...
        counter[0] = 1;
        hmac(tempKey, EMPTY, 0, 0, counter, out1, 0);
        counter[0] = 2;
        hmac(tempKey, out1, 0, n, counter, out2, 0);
        if (out3 != null) {
            counter[0] = 3;
            hmac(tempKey, out2, 0, n, counter, out3, 0);
        }
        Arrays.fill(tempKey, (byte) 0);
    }

    /** HMAC over {@code data[off..off+len) || suffix} (suffix may be null). */
    private void hmac(byte[] key, byte[] data, int off, int len, byte[] suffix, byte[] out, int outOff) {
        loadPaddedKey(key, IPAD);
        engine.update(pad, 0, pad.length);
        engine.update(data, off, len);
        if (suffix != null) {
            engine.update(suffix, 0, suffix.length);
        }
        engine.finish(innerHash, 0);
        loadPaddedKey(key, OPAD);
        engine.update(pad, 0, pad.length);
        engine.update(innerHash, 0, innerHash.length);
        engine.finish(out, outOff);
        Arrays.fill(pad, (byte) 0);
    }

    /** RFC 2104 section 2: key hashed if longer than a block, zero-padded, then XORed with a pad byte. */
    private void loadPaddedKey(byte[] key, byte padByte) {
        Arrays.fill(pad, (byte) 0);
        if (key.length > pad.length) {
            engine.update(key, 0, key.length);
            engine.finish(pad, 0);
        } else {
            System.arraycopy(key, 0, pad, 0, key.length);
        }
        for (int i = 0; i < pad.length; i++) {
            pad[i] ^= padByte;
        }
    }

    /** The digest underneath: update, then finish (which also resets it). */
    private sealed interface Engine permits JdkEngine, BcEngine {
        void update(byte[] in, int off, int len);

        void finish(byte[] out, int outOff);
    }

    private static final class JdkEngine implements Engine {
        private final MessageDigest digest;

        JdkEngine(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("JDK lacks " + algorithm, e);
            }
        }

        @Override
        public void update(byte[] in, int off, int len) {
            digest.update(in, off, len);
        }

        @Override
        public void finish(byte[] out, int outOff) {
            try {
                digest.digest(out, outOff, digest.getDigestLength());
            } catch (DigestException e) {
                // Only a short output buffer gets here: a programming error.
                throw new IllegalStateException("digest output too small", e);
            }
        }
    }

    private record BcEngine(Digest digest) implements Engine {
        @Override
        public void update(byte[] in, int off, int len) {
            digest.update(in, off, len);
        }

        @Override
        public void finish(byte[] out, int outOff) {
            digest.doFinal(out, outOff);
        }
    }
}
