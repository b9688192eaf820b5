package net.overlay.core.proto.crypto;

/** The AEAD ciphers a session may use, with their Noise names. */
public enum CipherSuite {
    AES_GCM("AESGCM"),
    CHACHA_POLY("ChaChaPoly");

    private final String noiseName;

    CipherSuite(String noiseName) {
        this.noiseName = noiseName;
    }

    /** The name used in Noise protocol names. */
    public String noiseName() {
        return noiseName;
    }

    /** The suite with the given Noise name, or {@code null}. */
    public static CipherSuite fromNoiseName(String name) {
        for (CipherSuite s : values()) {
            if (s.noiseName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
