package net.overlay.core.proto.crypto;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/** ChaCha20-Poly1305 (RFC 8439) with Noise's nonce layout: 4 zero bytes, then the counter little-endian. */
final class JdkChaChaPoly extends JdkAead {

    JdkChaChaPoly(byte[] key) {
        super("ChaCha20-Poly1305", "ChaCha20", key);
    }

    @Override
    public String noiseName() {
        return "ChaChaPoly";
    }

    @Override
    protected AlgorithmParameterSpec nonceSpec(long nonce) {
        for (int i = 0; i < 8; i++) {
            nonceBytes[4 + i] = (byte) (nonce >>> (8 * i));
        }
        return new IvParameterSpec(nonceBytes);
    }
}
