package net.overlay.core.proto.crypto;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;

/** AES-256-GCM with Noise's nonce layout: 4 zero bytes, then the counter big-endian. */
final class JdkAesGcm extends JdkAead {

    JdkAesGcm(byte[] key) {
        super("AES/GCM/NoPadding", "AES", key);
    }

    @Override
    public String noiseName() {
        return "AESGCM";
    }

    @Override
    protected AlgorithmParameterSpec nonceSpec(long nonce) {
        for (int i = 0; i < 8; i++) {
            nonceBytes[4 + i] = (byte) (nonce >>> (56 - 8 * i));
        }
        return new GCMParameterSpec(TAG_BYTES * 8, nonceBytes);
    }
}
