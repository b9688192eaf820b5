package net.overlay.core.proto.noise;

import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;

/**
 * A Noise protocol: handshake pattern and the three functions, as named by a protocol name such
 * as {@code Noise_IK_25519_ChaChaPoly_BLAKE2s} (Noise rev. 34, section 8).
 *
 * @param pattern the handshake pattern with its modifiers
 * @param dh the Diffie-Hellman function
 * @param cipher the AEAD cipher
 * @param hash the hash function
 */
public record NoiseProtocol(HandshakePattern pattern, DhFunction dh, CipherSuite cipher, HashSuite hash) {
    private static final String PREFIX = "Noise";

    /** The protocol the overlay uses between client and device (DESIGN.md, connection flow 4). */
    public static NoiseProtocol ik(CipherSuite cipher, HashSuite hash) {
        return new NoiseProtocol(HandshakePattern.parse("IK"), DhFunction.X25519, cipher, hash);
    }

    /** The protocol for a first contact, where the initiator does not know the responder's key. */
    public static NoiseProtocol xx(CipherSuite cipher, HashSuite hash) {
        return new NoiseProtocol(HandshakePattern.parse("XX"), DhFunction.X25519, cipher, hash);
    }

    /** This protocol with another DH function ({@link DhFunction#SIMULATED} in the simulator). */
    public NoiseProtocol withDh(DhFunction function) {
        return function == dh ? this : new NoiseProtocol(pattern, function, cipher, hash);
    }

    /**
     * Parses a protocol name.
     *
     * @throws IllegalArgumentException with a message naming the part that is malformed or not
     *     supported (e.g. DH {@code 448}, the {@code fallback} modifier)
     */
    public static NoiseProtocol parse(String name) {
        String[] parts = name.split("_", -1);
        if (parts.length != 5 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException(
                    "not a Noise protocol name (Noise_PATTERN_DH_CIPHER_HASH): '" + name + "'");
        }
        HandshakePattern pattern = HandshakePattern.parse(parts[1]);
        DhFunction dh = DhFunction.fromNoiseName(parts[2]);
        if (dh == null) {
            throw new IllegalArgumentException("unsupported DH function '" + parts[2] + "' (only 25519)");
        }
        CipherSuite cipher = CipherSuite.fromNoiseName(parts[3]);
        if (cipher == null) {
            throw new IllegalArgumentException(
                    "unsupported cipher '" + parts[3] + "' (only AESGCM, ChaChaPoly)");
        }
        HashSuite hash = HashSuite.fromNoiseName(parts[4]);
        if (hash == null) {
            throw new IllegalArgumentException(
                    "unsupported hash '" + parts[4] + "' (only SHA256, SHA512, BLAKE2s, BLAKE2b)");
        }
        return new NoiseProtocol(pattern, dh, cipher, hash);
    }

    /** The protocol name, which is also what the handshake hash starts from (section 5.2). */
    public String name() {
        return String.join("_", PREFIX, pattern.name(), dh.noiseName(), cipher.noiseName(), hash.noiseName());
    }

    @Override
    public String toString() {
        return name();
    }
}
