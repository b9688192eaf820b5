package net.overlay.core.proto.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import net.overlay.core.proto.wire.Bytes;

/**
 * The HMAC key for MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 (RFC 8489 9.1.1, 9.2.2).
 * Immutable; {@link #toString()} never shows the key.
 *
 * <p>OpaqueString (RFC 8265 4.2) is implemented for the simple case only: non-ASCII spaces become
 * U+0020 and the string is put in Unicode NFC. Not implemented: refusing the code points the
 * PRECIS FreeformClass disallows (controls, unassigned and default-ignorable ones, old Hangul
 * jamo), so such a password gives a key rather than an error. Legacy SASLprep (RFC 4013, used by
 * RFC 5389 and by the RFC 5769 samples) is not implemented at all: callers with such credentials
 * pass the already-prepared password.
 */
public final class StunKey {
    private final Bytes key;

    private StunKey(Bytes key) {
        this.key = key;
    }

    /**
     * RFC 8489 9.1.1: short-term key = OpaqueString(password) as UTF-8.
     *
     * @throws IllegalArgumentException for an empty password, which OpaqueString refuses (RFC 8265 4.2)
     */
    public static StunKey shortTerm(String password) {
        String prepared = opaqueString(password);
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("OpaqueString refuses an empty password (RFC 8265 4.2)");
        }
        return new StunKey(Bytes.wrapOwned(prepared.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * RFC 8489 9.2.2: long-term key = MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)),
     * the username as sent in USERNAME.
     */
    public static StunKey longTerm(String username, String realm, String password) {
        String joined = username + ":" + opaqueString(realm) + ":" + opaqueString(password);
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(joined.getBytes(StandardCharsets.UTF_8));
            return new StunKey(Bytes.wrapOwned(md5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** A key given as raw bytes (for example one derived elsewhere); must not be empty. */
    public static StunKey ofBytes(Bytes key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an HMAC key needs at least one byte");
        }
        return new StunKey(key);
    }

    /** The key bytes (a copy). */
    public byte[] toArray() {
        return key.toArray();
    }

    /** RFC 8265 4.2, simple case: space mapping and NFC, no disallowed-code-point check. */
    static String opaqueString(String s) {
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // RFC 8265 4.2.1: "non-ASCII space characters MUST be mapped to ASCII space (U+0020)"
            boolean nonAsciiSpace = c > 0x7F && Character.getType(c) == Character.SPACE_SEPARATOR;
            mapped.append(nonAsciiSpace ? ' ' : c);
        }
        return Normalizer.normalize(mapped, Normalizer.Form.NFC);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunKey k && k.key.constantTimeEquals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "StunKey[" + key.length() + " bytes]";
    }
}
