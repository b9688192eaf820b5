package net.overlay.cluster.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.spi.RandomSource;

/**
 * How an admin request is signed. The signer's Ed25519 key signs the UTF-8 bytes of
 *
 * <pre>
 * overlay-admin-v1 \n METHOD \n TARGET \n hex(SHA-256(body)) \n TIMESTAMP_MS \n NONCE
 * </pre>
 *
 * where TARGET is the path with its query exactly as sent, and the four headers below carry the key
 * (peer id text), the timestamp (decimal milliseconds since the epoch), the nonce (32 lowercase hex
 * digits, 16 random bytes) and the signature (base64). The domain string keeps these signatures
 * from ever being valid as anything else the key signs (statements, registrations); the body digest
 * binds the body; the timestamp and nonce let the server refuse stale and replayed requests.
 * Stateless; used by {@link RequestVerifier} and {@link AdminClient}.
 */
public final class RequestSigning {
    public static final String KEY_HEADER = "X-Overlay-Key";
    public static final String TIMESTAMP_HEADER = "X-Overlay-Timestamp";
    public static final String NONCE_HEADER = "X-Overlay-Nonce";
    public static final String SIGNATURE_HEADER = "X-Overlay-Signature";
    /** Bytes of the nonce (hex text is twice as long). */
    public static final int NONCE_BYTES = 16;
    private static final String DOMAIN = "overlay-admin-v1";

    private RequestSigning() {}

    /** The bytes that are signed. */
    public static byte[] canonical(String method, String target, byte[] body, long timestampMs, String nonceHex) {
        String text = String.join("\n", DOMAIN, method, target, sha256Hex(body), Long.toString(timestampMs), nonceHex);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The four headers that sign {@code method target body} as {@code signer} at {@code timestampMs}. */
    public static Map<String, String> sign(Identity signer, String method, String target, byte[] body,
            long timestampMs, String nonceHex) {
        byte[] message = canonical(method, target, body, timestampMs, nonceHex);
        byte[] signature = signer.sign(message, 0, message.length);
        return Map.of(KEY_HEADER, signer.peerId().text(), TIMESTAMP_HEADER, Long.toString(timestampMs),
                NONCE_HEADER, nonceHex, SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signature));
    }

    /** A fresh nonce from {@code random}'s key stream, as hex. */
    public static String newNonce(RandomSource random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextKeyBytes(nonce);
        return HexFormat.of().formatHex(nonce);
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
