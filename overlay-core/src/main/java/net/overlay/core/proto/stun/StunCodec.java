package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunConstants.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.overlay.core.proto.stun.StunException.Reason;
import net.overlay.core.proto.wire.Bytes;

/**
 * STUN messages to and from bytes (RFC 8489 5 and 14). Stateless and thread-safe.
 *
 * <pre>
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Transaction ID (96 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * then attributes:  Type (16) | Length (16) | Value, zero-padded to a multiple of 4
 * </pre>
 *
 * <p>{@link #decode} throws nothing but {@link StunException}, whatever the bytes, and allocates
 * nothing whose size it has not checked against the input. It does not check FINGERPRINT or
 * MESSAGE-INTEGRITY: that is {@link StunIntegrity}'s job, on the same bytes.
 */
public final class StunCodec {
    private StunCodec() {}

    /**
     * Parses one datagram. {@code off} and {@code len} must lie inside {@code buf} (an
     * IndexOutOfBoundsException says the caller, not the input, is wrong).
     */
    public static StunMessage decode(byte[] buf, int off, int len) throws StunException {
        Objects.checkFromIndexSize(off, len, buf.length);
        StunHeader header = decodeHeader(buf, off, len);
        List<StunAttribute> attributes = new ArrayList<>();
        boolean afterIntegrity = false;
        boolean afterIntegritySha256 = false;
        boolean afterFingerprint = false;
        int end = off + len;
        for (int pos = off + HEADER_BYTES; pos < end; ) {
            // the body length is a multiple of 4, so at least an attribute header remains here
            int type = StunWriter.u16(buf, pos);
            int valueLen = StunWriter.u16(buf, pos + 2);
            int valueOff = pos + ATTRIBUTE_HEADER_BYTES;
            int paddedLen = (valueLen + 3) & ~3;
            if (paddedLen > end - valueOff) {
                throw new StunException(Reason.TRUNCATED_ATTRIBUTE, header,
                        String.format("attribute 0x%04x of %d bytes at offset %d overruns the message",
                                type, valueLen, pos - off));
            }
            if (afterFingerprint) {
                throw new StunException(Reason.BAD_ORDER, header, "attribute after FINGERPRINT");
            }
            boolean ignored = switch (type) {
                // RFC 8489 14.5/14.6: after MESSAGE-INTEGRITY only MI-SHA256 and FINGERPRINT count;
                // after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT; the rest "MUST be ignored"
                case FINGERPRINT -> false;
                case MESSAGE_INTEGRITY_SHA256 -> afterIntegritySha256;
                default -> afterIntegrity || afterIntegritySha256;
            };
            if (!ignored) {
                attributes.add(AttributeCodec.decode(type, buf, valueOff, valueLen, header));
                afterIntegrity |= type == MESSAGE_INTEGRITY;
                afterIntegritySha256 |= type == MESSAGE_INTEGRITY_SHA256;
                afterFingerprint |= type == FINGERPRINT;
            }
            pos = valueOff + paddedLen;
        }
        return new StunMessage(header.messageClass(), header.method(), header.transactionId(), attributes);
    }

    /** Checks the 20-byte header (RFC 8489 5); the failures here carry no header. */
    static StunHeader decodeHeader(byte[] buf, int off, int len) throws StunException {
        if (len < HEADER_BYTES) {
            throw new StunException(Reason.TOO_SHORT, len + " bytes, a header needs 20");
        }
        int type = StunWriter.u16(buf, off);
        if ((type & 0xC000) != 0) {
            throw new StunException(Reason.NOT_STUN, "the first two bits are not zero");
        }
        if (StunWriter.u32(buf, off + 4) != MAGIC_COOKIE) {
            throw new StunException(Reason.NOT_STUN, "no magic cookie");
        }
        int bodyLen = StunWriter.u16(buf, off + 2);
        if (bodyLen % 4 != 0 || bodyLen != len - HEADER_BYTES) {
            throw new StunException(Reason.BAD_LENGTH,
                    "length field " + bodyLen + " but " + (len - HEADER_BYTES) + " bytes follow the header");
        }
        TransactionId id = new TransactionId(Bytes.of(buf, off + 8, TRANSACTION_ID_BYTES));
        return new StunHeader(StunClass.classOf(type), StunClass.methodOf(type), id);
    }

    /** Encodes the message with its attributes exactly as listed (integrity values included). */
    public static byte[] encode(StunMessage message) {
        return encode(message, StunTrailer.NONE);
    }

    /**
     * Encodes the message and appends the trailer's MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and
     * FINGERPRINT, computed over the bytes before each with the length field RFC 8489 14.5-14.7
     * prescribe. A message given a trailer must not already list any of those three.
     *
     * @throws IllegalArgumentException if the message does not fit 64 KiB or lists trailer attributes
     */
    public static byte[] encode(StunMessage message, StunTrailer trailer) {
        boolean anyTrailer = trailer.integrity().isPresent() || trailer.integritySha256().isPresent()
                || trailer.fingerprint();
        int bodyLen = 0;
        for (StunAttribute a : message.attributes()) {
            if (anyTrailer && isTrailerType(a.type())) {
                throw new IllegalArgumentException("message already has " + a + "; the trailer adds it");
            }
            bodyLen += encodedLength(a);
        }
        int trailerLen = (trailer.integrity().isPresent() ? 4 + MESSAGE_INTEGRITY_BYTES : 0)
                + (trailer.integritySha256().isPresent() ? 4 + MESSAGE_INTEGRITY_SHA256_MAX_BYTES : 0)
                + (trailer.fingerprint() ? 8 : 0);
        if (bodyLen + trailerLen > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("message body of " + (bodyLen + trailerLen) + " bytes exceeds 65532");
        }
        StunWriter w = new StunWriter(new byte[HEADER_BYTES + bodyLen + trailerLen]);
        w.u16(StunClass.messageType(message.messageClass(), message.method()));
        w.u16(bodyLen + trailerLen);
        w.u32(MAGIC_COOKIE);
        w.pos += message.transactionId().value().copyTo(w.out, w.pos);
        for (StunAttribute a : message.attributes()) {
            writeAttribute(w, a, message.transactionId());
        }
        // each trailer value covers the bytes before it (RFC 8489 14.5-14.7)
        trailer.integrity().ifPresent(key -> writeAttribute(w,
                new StunAttribute.MessageIntegrity(StunIntegrity.hmacSha1(key, w.out, 0, w.pos)), null));
        trailer.integritySha256().ifPresent(key -> writeAttribute(w,
                new StunAttribute.MessageIntegritySha256(
                        StunIntegrity.hmacSha256(key, w.out, 0, w.pos, MESSAGE_INTEGRITY_SHA256_MAX_BYTES)),
                null));
        if (trailer.fingerprint()) {
            writeAttribute(w, new StunAttribute.Fingerprint(StunIntegrity.crc(w.out, 0, w.pos)), null);
        }
        return w.out;
    }

    /** Bytes the attribute takes on the wire: type, length, value, padding. */
    public static int encodedLength(StunAttribute a) {
        int valueLen = AttributeCodec.valueLength(a);
        if (valueLen > 0xFFFF) {
            throw new IllegalArgumentException("attribute value of " + valueLen + " bytes exceeds 65535: " + a);
        }
        return ATTRIBUTE_HEADER_BYTES + ((valueLen + 3) & ~3);
    }

    private static void writeAttribute(StunWriter w, StunAttribute a, TransactionId id) {
        w.u16(a.type());
        w.u16(AttributeCodec.valueLength(a));
        AttributeCodec.encode(a, w, id);
        w.padTo4();
    }

    private static boolean isTrailerType(int type) {
        return type == MESSAGE_INTEGRITY || type == MESSAGE_INTEGRITY_SHA256 || type == FINGERPRINT;
    }
}
