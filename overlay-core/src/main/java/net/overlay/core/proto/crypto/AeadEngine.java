package net.overlay.core.proto.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD with the key given on every call: one JDK {@link Cipher} per suite, re-keyed per message,
 * so that a node holding a million idle sessions keeps 32 key bytes per direction instead of a
 * keyed {@code Cipher} with its expanded AES key and GHASH state (about 1.5 KB each, docs/node.md).
 * Re-keying costs an AES-256 key expansion and the GCM subkey per message (about 150 ns on an idle
 * core here, 30-50% of sealing a keepalive). Sealing and opening have a cipher each, and the JDK's
 * AES skips the expansion when the key bytes equal the previous ones, so one busy session (a bulk
 * transfer) pays nothing extra. The nonce layout is Noise's, as in {@link Aead}.
 *
 * <p>Callers: the session transport ({@code PacketSealer}, {@code PacketOpener}), one engine per
 * session endpoint. Not thread-safe: one engine per thread.
 */
public final class AeadEngine {
    /** Key length in bytes. */
    public static final int KEY_BYTES = Aead.KEY_BYTES;
    /** Size of {@link #scratch()}. */
    public static final int SCRATCH_BYTES = 64;

    private final byte[] nonceBytes = new byte[12];
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final byte[] keyBuffer = new byte[KEY_BYTES];
    /** By suite and direction: [suite][0] seals, [suite][1] opens; made on first use. */
    private final Cipher[][] ciphers = new Cipher[CipherSuite.values().length][2];

    /**
     * A small buffer for the caller's associated data (a packet header), shared by everything
     * that seals on this engine's thread; valid until the next call that uses it.
     */
    public byte[] scratch() {
        return scratch;
    }

    /**
     * Spells out a key kept as four big-endian longs in the engine's key buffer and returns it, to
     * pass to the next {@link #seal} or {@link #open}, which wipe it once the cipher took its copy.
     */
    public byte[] putKey(long k0, long k1, long k2, long k3) {
        putLong(keyBuffer, 0, k0);
        putLong(keyBuffer, 8, k1);
        putLong(keyBuffer, 16, k2);
        putLong(keyBuffer, 24, k3);
        return keyBuffer;
    }

    /** The {@code i}th big-endian long of a 32-byte key, for callers that keep it as four longs. */
    public static long keyWord(byte[] key, int i) {
        long v = 0;
        for (int b = 8 * i; b < 8 * i + 8; b++) {
            v = (v << 8) | (key[b] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] buf, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            buf[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * Seals {@code len} bytes of {@code in} with {@code key} and nonce {@code nonce}, authenticating
     * {@code ad[adOff..adOff+adLen)}, into {@code out[outOff..]} ({@code len + TAG_BYTES} bytes).
     *
     * @return bytes written
     */
    public int seal(CipherSuite suite, byte[] key, long nonce, byte[] ad, int adOff, int adLen,
            byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            Cipher c = init(suite, Cipher.ENCRYPT_MODE, key, nonce);
            c.updateAAD(ad, adOff, adLen);
            return c.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            // Only a programming error (short output buffer, the same key and nonce twice) gets here.
            throw new IllegalStateException("seal failed", e);
        }
    }

    /**
     * Checks and decrypts {@code len} bytes (ciphertext and tag) of {@code in} into {@code out}.
     *
     * @return plaintext bytes written
     * @throws AeadException when the tag does not verify or {@code len < TAG_BYTES}
     */
    public int open(CipherSuite suite, byte[] key, long nonce, byte[] ad, int adOff, int adLen,
            byte[] in, int inOff, int len, byte[] out, int outOff) throws AeadException {
        if (len < Aead.TAG_BYTES) {
            throw new AeadException("ciphertext shorter than the tag");
        }
        try {
            Cipher c = init(suite, Cipher.DECRYPT_MODE, key, nonce);
            c.updateAAD(ad, adOff, adLen);
            return c.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new AeadException("authentication tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("open failed", e);
        }
    }

    private Cipher cipher(CipherSuite suite, int mode, String transformation) throws GeneralSecurityException {
        int direction = mode == Cipher.ENCRYPT_MODE ? 0 : 1;
        Cipher c = ciphers[suite.ordinal()][direction];
        if (c == null) {
            c = Cipher.getInstance(transformation);
            ciphers[suite.ordinal()][direction] = c;
        }
        return c;
    }

    private Cipher init(CipherSuite suite, int mode, byte[] key, long nonce) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        try {
            return keyed(suite, mode, key, nonce);
        } finally {
            // The cipher holds its own copy now; a key spelled out for this call does not linger.
            if (key == keyBuffer) {
                java.util.Arrays.fill(keyBuffer, (byte) 0);
            }
        }
    }

    private Cipher keyed(CipherSuite suite, int mode, byte[] key, long nonce) throws GeneralSecurityException {
        return switch (suite) {
            case AES_GCM -> {
                // Noise section 12.4: 32 zero bits, then the counter big-endian.
                for (int i = 0; i < 8; i++) {
                    nonceBytes[4 + i] = (byte) (nonce >>> (56 - 8 * i));
                }
                Cipher c = cipher(suite, mode, "AES/GCM/NoPadding");
                c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(Aead.TAG_BYTES * 8, nonceBytes));
                yield c;
            }
            case CHACHA_POLY -> {
                // Noise section 12.3: 32 zero bits, then the counter little-endian.
                for (int i = 0; i < 8; i++) {
                    nonceBytes[4 + i] = (byte) (nonce >>> (8 * i));
                }
                Cipher c = cipher(suite, mode, "ChaCha20-Poly1305");
                c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonceBytes));
                yield c;
            }
        };
    }
}
