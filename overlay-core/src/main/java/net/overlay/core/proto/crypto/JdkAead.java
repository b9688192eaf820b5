package net.overlay.core.proto.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shared shape of the JDK-provider ciphers: one {@link Cipher} per instance, re-initialised with a
 * fresh nonce for every message. The JDK's intrinsics (AES-NI, CLMUL, AVX for ChaCha20) make these
 * faster than pure-Java implementations on this class of machine.
 */
abstract sealed class JdkAead implements Aead permits JdkAesGcm, JdkChaChaPoly {
    private static final byte[] NO_AD = new byte[0];

    private final Cipher cipher;
    private final SecretKeySpec key;
    /** Reused nonce buffer: 4 zero bytes then the 8-byte counter. */
    protected final byte[] nonceBytes = new byte[12];

    JdkAead(String transformation, String keyAlgorithm, byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AEAD key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, KEY_BYTES), keyAlgorithm);
        try {
            this.cipher = Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + transformation, e);
        }
    }

    /** Writes the counter into {@link #nonceBytes} and returns the parameter spec for it. */
    protected abstract AlgorithmParameterSpec nonceSpec(long nonce);

    @Override
    public final int seal(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonceSpec(nonce));
            cipher.updateAAD(ad == null ? NO_AD : ad);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            // Only a programming error (short output buffer, reused nonce) can get here.
            throw new IllegalStateException("seal failed", e);
        }
    }

    @Override
    public final int open(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws AeadException {
        if (len < TAG_BYTES) {
            throw new AeadException("ciphertext shorter than the tag");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonceSpec(nonce));
            cipher.updateAAD(ad == null ? NO_AD : ad);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            throw new AeadException("authentication tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("open failed", e);
        }
    }
}
