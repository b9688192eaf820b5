package net.overlay.core.proto.crypto;

/**
 * The hash functions a Noise protocol name may select (Noise rev. 34, section 12.5-12.8), with the
 * two lengths the framework needs: {@code HASHLEN} (output) and {@code BLOCKLEN} (HMAC block).
 */
public enum HashSuite {
    SHA256("SHA256", 32, 64),
    SHA512("SHA512", 64, 128),
    BLAKE2S("BLAKE2s", 32, 64),
    BLAKE2B("BLAKE2b", 64, 128);

    private final String noiseName;
    private final int hashBytes;
    private final int blockBytes;

    HashSuite(String noiseName, int hashBytes, int blockBytes) {
        this.noiseName = noiseName;
        this.hashBytes = hashBytes;
        this.blockBytes = blockBytes;
    }

    /** The name used in Noise protocol names, e.g. {@code BLAKE2s}. */
    public String noiseName() {
        return noiseName;
    }

    /** Noise's {@code HASHLEN}: digest length in bytes. */
    public int hashBytes() {
        return hashBytes;
    }

    /** Noise's {@code BLOCKLEN}: the block length HMAC pads its key to. */
    public int blockBytes() {
        return blockBytes;
    }

    /** The suite with the given Noise name, or {@code null}. */
    public static HashSuite fromNoiseName(String name) {
        for (HashSuite s : values()) {
            if (s.noiseName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
