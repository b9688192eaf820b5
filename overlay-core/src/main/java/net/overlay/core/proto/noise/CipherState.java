package net.overlay.core.proto.noise;

import java.util.Arrays;
import net.overlay.core.proto.crypto.Aead;
import net.overlay.core.proto.crypto.AeadException;
import net.overlay.core.proto.crypto.CipherSuite;

/**
 * Noise's CipherState (rev. 34, section 5.1): a key {@code k} (possibly empty) and a 64-bit
 * counter nonce {@code n}. With no key, encryption and decryption pass the bytes through, as the
 * first handshake messages need. After a handshake, {@link HandshakeResult} holds one per
 * direction.
 *
 * <p>The array-and-offset methods allocate nothing. Not thread-safe: one instance per direction.
 */
public final class CipherState {
    /** Section 5.1: nonce 2^64-1 is reserved (REKEY uses it), so it must never carry a message. */
    static final long RESERVED_NONCE = -1L;
    private static final byte[] EMPTY = new byte[0];

    private final CipherSuite suite;
    private Aead aead;
    private long nonce;

    /** A cipher state with an empty key. */
    public CipherState(CipherSuite suite) {
        this.suite = suite;
    }

    /** A cipher state with {@code key} (32 bytes, copied) and nonce 0. */
    public CipherState(CipherSuite suite, byte[] key) {
        this(suite);
        initializeKey(key);
    }

    /** InitializeKey(key): sets the key (copied; null for empty) and resets the nonce to 0. */
    public void initializeKey(byte[] newKey) {
        if (newKey != null && newKey.length != Aead.KEY_BYTES) {
            throw new IllegalArgumentException("cipher key must be 32 bytes, got " + newKey.length);
        }
        aead = newKey == null ? null : Aead.create(suite, newKey);
        nonce = 0;
    }

    public CipherSuite suite() {
        return suite;
    }

    /** HasKey(). */
    public boolean hasKey() {
        return aead != null;
    }

    /** The next nonce, as an unsigned 64-bit number. */
    public long nonce() {
        return nonce;
    }

    /** SetNonce(nonce), e.g. for a transport that carries explicit nonces. */
    public void setNonce(long nonce) {
        this.nonce = nonce;
    }

    /** Bytes an encryption adds: the tag when a key is set, else none. */
    public int overheadBytes() {
        return hasKey() ? Aead.TAG_BYTES : 0;
    }

    /**
     * EncryptWithAd(ad, plaintext): writes {@code len + overheadBytes()} bytes to {@code out} from
     * {@code outOff} and returns that count. {@code in} and {@code out} may be the same array at
     * the same offset.
     *
     * @throws IllegalStateException when the nonce is exhausted: the session must have rekeyed or
     *     re-handshaken long before 2^64-1 messages
     */
    public int encryptWithAd(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (aead == null) {
            System.arraycopy(in, inOff, out, outOff, len);
            return len;
        }
        if (nonce == RESERVED_NONCE) {
            throw new IllegalStateException("nonce exhausted: rekey or handshake again");
        }
        int written = aead.seal(nonce, ad, in, inOff, len, out, outOff);
        nonce++;
        return written;
    }

    /**
     * DecryptWithAd(ad, ciphertext): checks and decrypts {@code len} bytes into {@code out} from
     * {@code outOff} and returns the plaintext length. On failure the nonce is not advanced
     * (section 5.1) and nothing written to {@code out} may be used.
     *
     * @throws NoiseException on a bad tag, a ciphertext shorter than the tag, or an exhausted nonce
     */
    public int decryptWithAd(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws NoiseException {
        if (aead == null) {
            System.arraycopy(in, inOff, out, outOff, len);
            return len;
        }
        if (nonce == RESERVED_NONCE) {
            throw new NoiseException("nonce exhausted");
        }
        if (len < Aead.TAG_BYTES) {
            throw new NoiseException("ciphertext of " + len + " bytes is shorter than the tag");
        }
        try {
            int written = aead.open(nonce, ad, in, inOff, len, out, outOff);
            nonce++;
            return written;
        } catch (AeadException e) {
            throw new NoiseException("decryption failed: " + e.getMessage());
        }
    }

    /** EncryptWithAd into a new array. */
    public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + overheadBytes()];
        encryptWithAd(ad == null ? EMPTY : ad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /** DecryptWithAd into a new array. */
    public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws NoiseException {
        int overhead = overheadBytes();
        if (ciphertext.length < overhead) {
            throw new NoiseException("ciphertext of " + ciphertext.length + " bytes is shorter than the tag");
        }
        byte[] out = new byte[ciphertext.length - overhead];
        decryptWithAd(ad == null ? EMPTY : ad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    /**
     * Rekey() (section 11.3): the key becomes the first 32 bytes of encrypting 32 zero bytes under
     * the reserved nonce 2^64-1 with empty associated data; the nonce is kept.
     */
    public void rekey() {
        if (aead == null) {
            throw new IllegalStateException("rekey needs a key");
        }
        byte[] block = new byte[Aead.KEY_BYTES + Aead.TAG_BYTES];
        aead.seal(RESERVED_NONCE, EMPTY, block, 0, Aead.KEY_BYTES, block, 0);
        byte[] newKey = Arrays.copyOf(block, Aead.KEY_BYTES);
        aead = Aead.create(suite, newKey);
        Arrays.fill(block, (byte) 0);
        Arrays.fill(newKey, (byte) 0);
    }

    /** Drops the key: the state becomes pass-through and unusable for a session. */
    void clear() {
        aead = null;
        nonce = 0;
    }

    @Override
    public String toString() {
        return "CipherState[" + suite.noiseName() + ", key=" + (hasKey() ? "set" : "empty")
                + ", n=" + Long.toUnsignedString(nonce) + "]";
    }
}
