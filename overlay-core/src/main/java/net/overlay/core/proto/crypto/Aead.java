package net.overlay.core.proto.crypto;

/**
 * An AEAD cipher bound to one 32-byte key, with the nonce formed from a 64-bit counter as the
 * Noise Protocol Framework specifies for its cipher (section 12): for {@code ChaChaPoly} 32 zero
 * bits then the counter little-endian, for {@code AESGCM} 32 zero bits then the counter big-endian.
 *
 * <p>Callers: the Noise {@code CipherState} and the session transport. Not thread-safe: one
 * instance per direction of one session.
 */
public interface Aead {

    /** Key length in bytes. */
    int KEY_BYTES = 32;
    /** Authentication tag length in bytes. */
    int TAG_BYTES = 16;

    /** The cipher's name in Noise protocol names: {@code ChaChaPoly} or {@code AESGCM}. */
    String noiseName();

    /**
     * Encrypts {@code len} bytes of {@code in} from {@code inOff} and writes ciphertext and tag to
     * {@code out} from {@code outOff}; {@code out} needs {@code len + TAG_BYTES} bytes there.
     * {@code in} and {@code out} may be the same array at the same offset.
     *
     * @param ad associated data, or an empty array
     * @return bytes written, {@code len + TAG_BYTES}
     */
    int seal(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Checks and decrypts {@code len} bytes (ciphertext and tag) of {@code in} from {@code inOff}
     * into {@code out} from {@code outOff}.
     *
     * @return plaintext bytes written, {@code len - TAG_BYTES}
     * @throws AeadException when the tag does not verify or {@code len < TAG_BYTES}; nothing of
     *     the plaintext may be used then
     */
    int open(long nonce, byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws AeadException;

    /** Creates a cipher of the given suite for {@code key} (copied). */
    static Aead create(CipherSuite suite, byte[] key) {
        return switch (suite) {
            case AES_GCM -> new JdkAesGcm(key);
            case CHACHA_POLY -> new JdkChaChaPoly(key);
        };
    }
}
