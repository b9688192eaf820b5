package net.overlay.core.proto.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.overlay.core.proto.crypto.Aead;
import net.overlay.core.proto.crypto.NoiseHash;

/**
 * Noise's SymmetricState (rev. 34, section 5.2): the chaining key {@code ck}, the handshake hash
 * {@code h} and the handshake's {@link CipherState}. Driven by {@link HandshakeState} only.
 * Not thread-safe.
 */
final class SymmetricState {
    private static final byte[] EMPTY = new byte[0];

    private final NoiseHash hash;
    private final CipherState cipher;
    private final byte[] ck;
    private final byte[] h;
    /** Scratch for HKDF outputs, HASHLEN bytes each. */
    private final byte[] temp1;
    private final byte[] temp2;

    /** InitializeSymmetric(protocol_name). */
    SymmetricState(NoiseProtocol protocol) {
        this.hash = NoiseHash.create(protocol.hash());
        this.cipher = new CipherState(protocol.cipher());
        int hashBytes = hash.hashBytes();
        this.h = new byte[hashBytes];
        this.temp1 = new byte[hashBytes];
        this.temp2 = new byte[hashBytes];
        byte[] name = protocol.name().getBytes(StandardCharsets.US_ASCII);
        // Section 5.2: a name that fits in HASHLEN is zero-padded, a longer one is hashed.
        if (name.length <= hashBytes) {
            System.arraycopy(name, 0, h, 0, name.length);
        } else {
            hash.hash(EMPTY, name, 0, name.length, h);
        }
        this.ck = h.clone();
    }

    /** MixKey(input_key_material). */
    void mixKey(byte[] ikm, int off, int len) {
        hash.hkdf(ck, ikm, off, len, ck, temp1, null);
        setCipherKey(temp1);
    }

    /** MixHash(data): h = HASH(h || data). */
    void mixHash(byte[] data, int off, int len) {
        hash.hash(h, data, off, len, h);
    }

    /** MixKeyAndHash(input_key_material), used for psk tokens. */
    void mixKeyAndHash(byte[] ikm) {
        byte[] tempK = new byte[hash.hashBytes()];
        hash.hkdf(ck, ikm, 0, ikm.length, ck, temp1, tempK);
        mixHash(temp1, 0, temp1.length);
        setCipherKey(tempK);
        Arrays.fill(tempK, (byte) 0);
    }

    /** GetHandshakeHash(), a copy. */
    byte[] handshakeHash() {
        return h.clone();
    }

    boolean hasKey() {
        return cipher.hasKey();
    }

    /** Bytes EncryptAndHash adds to a plaintext now. */
    int overheadBytes() {
        return cipher.overheadBytes();
    }

    /** EncryptAndHash(plaintext): ciphertext to {@code out}; returns its length. */
    int encryptAndHash(byte[] in, int inOff, int len, byte[] out, int outOff) {
        int written = cipher.encryptWithAd(h, in, inOff, len, out, outOff);
        mixHash(out, outOff, written);
        return written;
    }

    /** DecryptAndHash(ciphertext): plaintext to {@code out} (not overlapping {@code in}). */
    int decryptAndHash(byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
        int written = cipher.decryptWithAd(h, in, inOff, len, out, outOff);
        mixHash(in, inOff, len);
        return written;
    }

    /**
     * Split(): the two transport keys, initiator-to-responder first. Each is the first 32 bytes
     * of an HKDF output, as section 5.2 truncates when HASHLEN is 64.
     */
    byte[][] split() {
        hash.hkdf(ck, EMPTY, 0, 0, temp1, temp2, null);
        byte[][] keys = {Arrays.copyOf(temp1, Aead.KEY_BYTES), Arrays.copyOf(temp2, Aead.KEY_BYTES)};
        clear();
        return keys;
    }

    /** Forgets the chaining key and the handshake cipher key; the hash stays readable. */
    void clear() {
        Arrays.fill(ck, (byte) 0);
        Arrays.fill(temp1, (byte) 0);
        Arrays.fill(temp2, (byte) 0);
        cipher.clear();
    }

    // Section 5.2: if HASHLEN is 64, temp_k is truncated to 32 bytes.
    private void setCipherKey(byte[] hkdfOutput) {
        byte[] key = Arrays.copyOf(hkdfOutput, Aead.KEY_BYTES);
        cipher.initializeKey(key);
        Arrays.fill(key, (byte) 0);
    }
}
