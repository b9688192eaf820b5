package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunConstants.*;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.overlay.core.proto.wire.Bytes;

/**
 * MESSAGE-INTEGRITY (RFC 8489 14.5), MESSAGE-INTEGRITY-SHA256 (14.6) and FINGERPRINT (14.7) over
 * the raw bytes of a message: computing them for the encoder and checking them on receipt.
 *
 * <p>Each value covers the message up to the attribute, with the header's length field replaced
 * by the length the message would have if that attribute were the last one. The checks walk the
 * attributes themselves, so they are safe on any bytes (anything unparseable is INVALID), but a
 * caller normally runs them after {@link StunCodec#decode} succeeded. MACs are compared in
 * constant time. Stateless and thread-safe; allocates a {@link Mac} per call.
 */
public final class StunIntegrity {
    private StunIntegrity() {}

    /** The result of checking one protection attribute. */
    public enum Check {
        /** The message has no such attribute. */
        ABSENT,
        VALID,
        /** Wrong value, or the attribute or message is malformed. */
        INVALID
    }

    /** Checks the first FINGERPRINT, which must also be the last attribute (RFC 8489 14.7). */
    public static Check checkFingerprint(byte[] buf, int off, int len) {
        int at = findAttribute(buf, off, len, FINGERPRINT);
        if (at < 0) {
            return at == NOT_FOUND ? Check.ABSENT : Check.INVALID;
        }
        if (StunWriter.u16(buf, at + 2) != 4 || at + 8 != off + len) {
            return Check.INVALID;
        }
        return StunWriter.u32(buf, at + 4) == crc(buf, off, at) ? Check.VALID : Check.INVALID;
    }

    /** Checks the first MESSAGE-INTEGRITY (HMAC-SHA1) with {@code key}. */
    public static Check checkIntegrity(byte[] buf, int off, int len, StunKey key) {
        int at = findAttribute(buf, off, len, MESSAGE_INTEGRITY);
        if (at < 0) {
            return at == NOT_FOUND ? Check.ABSENT : Check.INVALID;
        }
        if (StunWriter.u16(buf, at + 2) != MESSAGE_INTEGRITY_BYTES) {
            return Check.INVALID;
        }
        Bytes expected = hmacSha1(key, buf, off, at);
        return macEquals(expected, buf, at + 4) ? Check.VALID : Check.INVALID;
    }

    /** Checks the first MESSAGE-INTEGRITY-SHA256 (possibly truncated) with {@code key}. */
    public static Check checkIntegritySha256(byte[] buf, int off, int len, StunKey key) {
        int at = findAttribute(buf, off, len, MESSAGE_INTEGRITY_SHA256);
        if (at < 0) {
            return at == NOT_FOUND ? Check.ABSENT : Check.INVALID;
        }
        int macLen = StunWriter.u16(buf, at + 2);
        if (macLen < MESSAGE_INTEGRITY_SHA256_MIN_BYTES || macLen > MESSAGE_INTEGRITY_SHA256_MAX_BYTES
                || macLen % 4 != 0) {
            return Check.INVALID;
        }
        Bytes expected = hmacSha256(key, buf, off, at, macLen);
        return macEquals(expected, buf, at + 4) ? Check.VALID : Check.INVALID;
    }

    /** HMAC-SHA1 over {@code msg[off..attrOff)} with the length field ending after a 24-byte MI. */
    static Bytes hmacSha1(StunKey key, byte[] msg, int off, int attrOff) {
        return Bytes.wrapOwned(hmac("HmacSHA1", key, msg, off, attrOff, 4 + MESSAGE_INTEGRITY_BYTES));
    }

    /** HMAC-SHA256, truncated to {@code macLen}, length field ending after the attribute. */
    static Bytes hmacSha256(StunKey key, byte[] msg, int off, int attrOff, int macLen) {
        byte[] full = hmac("HmacSHA256", key, msg, off, attrOff, 4 + macLen);
        return Bytes.wrapOwned(Arrays.copyOf(full, macLen));
    }

    /** CRC-32 XOR 0x5354554e over {@code msg[off..attrOff)}, length field ending after FINGERPRINT. */
    static int crc(byte[] msg, int off, int attrOff) {
        CRC32 crc = new CRC32();
        crc.update(msg, off, 2);
        crc.update(adjustedLength(off, attrOff, 8), 0, 2);
        crc.update(msg, off + 4, attrOff - off - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    private static byte[] hmac(String algorithm, StunKey key, byte[] msg, int off, int attrOff, int attrBytes) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.toArray(), algorithm));
            mac.update(msg, off, 2);
            mac.update(adjustedLength(off, attrOff, attrBytes));
            mac.update(msg, off + 4, attrOff - off - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** RFC 8489 14.5: the length field as if the message ended right after this attribute. */
    private static byte[] adjustedLength(int off, int attrOff, int attrBytes) {
        int bodyLen = attrOff - off - HEADER_BYTES + attrBytes;
        return new byte[] {(byte) (bodyLen >>> 8), (byte) bodyLen};
    }

    private static boolean macEquals(Bytes expected, byte[] buf, int macOff) {
        byte[] received = Arrays.copyOfRange(buf, macOff, macOff + expected.length());
        return MessageDigest.isEqual(expected.toArray(), received);
    }

    private static final int NOT_FOUND = -1;
    private static final int MALFORMED = -2;

    /** Offset of the first attribute of {@code type}, or NOT_FOUND, or MALFORMED. */
    private static int findAttribute(byte[] buf, int off, int len, int type) {
        try {
            StunCodec.decodeHeader(buf, off, len);
        } catch (StunException e) {
            return MALFORMED;
        }
        int end = off + len;
        for (int pos = off + HEADER_BYTES; pos < end; ) {
            int t = StunWriter.u16(buf, pos);
            int next = pos + ATTRIBUTE_HEADER_BYTES + ((StunWriter.u16(buf, pos + 2) + 3) & ~3);
            if (next > end) {
                return MALFORMED;
            }
            if (t == type) {
                return pos;
            }
            pos = next;
        }
        return NOT_FOUND;
    }
}
