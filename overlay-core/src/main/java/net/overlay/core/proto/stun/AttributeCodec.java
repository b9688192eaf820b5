package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunConstants.*;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Utf8;
import net.overlay.core.proto.wire.WireException;

/**
 * Attribute values to and from the wire: one switch over the type for decoding, one pattern
 * switch over the record for encoding. Lengths arriving here were already checked against the
 * message by {@link StunCodec}; this class checks each value against its own definition.
 *
 * <pre>
 * address value (RFC 8489 14.1, 14.2; RFC 5780 7.3, 7.4):
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0 0 0 0 0 0 0|    Family     |           Port                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Address (32 bits or 128 bits)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * XOR-MAPPED-ADDRESS: port ^ 0x2112, address ^ (cookie || transaction id)
 * </pre>
 */
final class AttributeCodec {
    private AttributeCodec() {}

    static StunAttribute decode(int type, byte[] b, int off, int len, StunHeader header) throws StunException {
        return switch (type) {
            case MAPPED_ADDRESS -> new MappedAddress(address(b, off, len, null, header));
            case XOR_MAPPED_ADDRESS -> new XorMappedAddress(address(b, off, len, header.transactionId(), header));
            case RESPONSE_ORIGIN -> new ResponseOrigin(address(b, off, len, null, header));
            case OTHER_ADDRESS -> new OtherAddress(address(b, off, len, null, header));
            case USERNAME -> new Username(utf8(b, off, len, header));
            case REALM -> new Realm(utf8(b, off, len, header));
            case NONCE -> new Nonce(utf8(b, off, len, header));
            case SOFTWARE -> new Software(utf8(b, off, len, header));
            case MESSAGE_INTEGRITY -> new MessageIntegrity(Bytes.of(b, fixedAt(off, len, 20, type, header), 20));
            case MESSAGE_INTEGRITY_SHA256 -> new MessageIntegritySha256(Bytes.of(b, off, sha256Length(len, header)));
            case FINGERPRINT -> new Fingerprint(StunWriter.u32(b, fixedAt(off, len, 4, type, header)));
            case ERROR_CODE -> errorCode(b, off, len, header);
            case UNKNOWN_ATTRIBUTES -> unknownAttributes(b, off, len, header);
            case PRIORITY -> new Priority(StunWriter.u32(b, fixedAt(off, len, 4, type, header)) & 0xFFFF_FFFFL);
            case ICE_CONTROLLED -> new IceControlled(StunWriter.u64(b, fixedAt(off, len, 8, type, header)));
            case ICE_CONTROLLING -> new IceControlling(StunWriter.u64(b, fixedAt(off, len, 8, type, header)));
            case CHANGE_REQUEST -> changeRequest(StunWriter.u32(b, fixedAt(off, len, 4, type, header)));
            case RESPONSE_PORT -> new ResponsePort(StunWriter.u16(b, fixedAt(off, len, 4, type, header)));
            case PADDING -> new Padding(len);
            default -> new Unknown(type, Bytes.of(b, off, len));
        };
    }

    /** The value's length in bytes before padding. */
    static int valueLength(StunAttribute a) {
        return switch (a) {
            case MappedAddress m -> addressLength(m.address());
            case XorMappedAddress x -> addressLength(x.address());
            case ResponseOrigin r -> addressLength(r.address());
            case OtherAddress o -> addressLength(o.address());
            case Username u -> utf8Length(u.name());
            case Realm r -> utf8Length(r.realm());
            case Nonce n -> utf8Length(n.nonce());
            case Software s -> utf8Length(s.description());
            case MessageIntegrity m -> m.mac().length();
            case MessageIntegritySha256 m -> m.mac().length();
            case Fingerprint f -> 4;
            case ErrorCode e -> 4 + utf8Length(e.reason());
            case UnknownAttributes u -> 2 * u.types().size();
            case Priority p -> 4;
            case IceControlled c -> 8;
            case IceControlling c -> 8;
            case ChangeRequest c -> 4;
            case ResponsePort r -> 4;
            case Padding p -> p.lengthBytes();
            case Unknown u -> u.value().length();
        };
    }

    /** Writes the value (not the type/length header); the caller pads. */
    static void encode(StunAttribute a, StunWriter w, TransactionId id) {
        switch (a) {
            case MappedAddress m -> writeAddress(w, m.address(), null);
            case XorMappedAddress x -> writeAddress(w, x.address(), id);
            case ResponseOrigin r -> writeAddress(w, r.address(), null);
            case OtherAddress o -> writeAddress(w, o.address(), null);
            case Username u -> w.bytes(u.name().getBytes(StandardCharsets.UTF_8));
            case Realm r -> w.bytes(r.realm().getBytes(StandardCharsets.UTF_8));
            case Nonce n -> w.bytes(n.nonce().getBytes(StandardCharsets.UTF_8));
            case Software s -> w.bytes(s.description().getBytes(StandardCharsets.UTF_8));
            case MessageIntegrity m -> w.pos += m.mac().copyTo(w.out, w.pos);
            case MessageIntegritySha256 m -> w.pos += m.mac().copyTo(w.out, w.pos);
            case Fingerprint f -> w.u32(f.crc());
            case ErrorCode e -> {
                // RFC 8489 14.8: 21 reserved zero bits, class (3 bits), number (8 bits), reason
                w.u16(0);
                w.u8(e.code() / 100);
                w.u8(e.code() % 100);
                w.bytes(e.reason().getBytes(StandardCharsets.UTF_8));
            }
            case UnknownAttributes u -> u.types().forEach(w::u16);
            case Priority p -> w.u32((int) p.priority());
            case IceControlled c -> w.u64(c.tiebreaker());
            case IceControlling c -> w.u64(c.tiebreaker());
            case ChangeRequest c ->
                    w.u32((c.changeIp() ? CHANGE_IP_FLAG : 0) | (c.changePort() ? CHANGE_PORT_FLAG : 0));
            case ResponsePort r -> {
                // RFC 5780 7.5: 16-bit port, then 16 bits of padding
                w.u16(r.port());
                w.u16(0);
            }
            case Padding p -> w.pos += p.lengthBytes();
            case Unknown u -> w.pos += u.value().copyTo(w.out, w.pos);
        }
    }

    /** Returns {@code off} once the value is known to have exactly {@code expected} bytes. */
    private static int fixedAt(int off, int len, int expected, int type, StunHeader header) throws StunException {
        if (len != expected) {
            throw bad(header, String.format("attribute 0x%04x must be %d bytes, is %d", type, expected, len));
        }
        return off;
    }

    private static int sha256Length(int len, StunHeader header) throws StunException {
        if (len < MESSAGE_INTEGRITY_SHA256_MIN_BYTES || len > MESSAGE_INTEGRITY_SHA256_MAX_BYTES || len % 4 != 0) {
            throw bad(header, "MESSAGE-INTEGRITY-SHA256 must be 16..32 bytes in steps of 4, is " + len);
        }
        return len;
    }

    private static InetSocketAddress address(byte[] b, int off, int len, TransactionId xorWith, StunHeader header)
            throws StunException {
        // RFC 8489 14.1: the first byte is zero and "MUST be ignored by receivers"
        int family = len >= 4 ? b[off + 1] & 0xFF : -1;
        int addrLen = switch (family) {
            case FAMILY_IPV4 -> 4;
            case FAMILY_IPV6 -> 16;
            default -> throw bad(header, "address family " + family + " with length " + len);
        };
        if (len != 4 + addrLen) {
            throw bad(header, "address of family " + family + " must be " + (4 + addrLen) + " bytes, is " + len);
        }
        int port = StunWriter.u16(b, off + 2);
        byte[] ip = new byte[addrLen];
        System.arraycopy(b, off + 4, ip, 0, addrLen);
        if (xorWith != null) {
            port ^= MAGIC_COOKIE >>> 16;
            xor(ip, xorWith);
        }
        return new InetSocketAddress(inetAddress(ip), port);
    }

    /** RFC 8489 14.2: X-Address = address XOR (magic cookie || transaction id), as far as it goes. */
    private static void xor(byte[] ip, TransactionId id) {
        for (int i = 0; i < ip.length; i++) {
            int mask = i < 4 ? MAGIC_COOKIE >>> (24 - 8 * i) : id.value().get(i - 4);
            ip[i] ^= (byte) mask;
        }
    }

    /** No DNS: both calls only wrap the bytes. Family 2 stays IPv6 even for ::ffff:a.b.c.d. */
    private static InetAddress inetAddress(byte[] ip) {
        try {
            return ip.length == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static int addressLength(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address ? 8 : 20;
    }

    private static void writeAddress(StunWriter w, InetSocketAddress a, TransactionId xorWith) {
        byte[] ip = a.getAddress().getAddress();
        int port = a.getPort();
        if (xorWith != null) {
            port ^= MAGIC_COOKIE >>> 16;
            xor(ip, xorWith);
        }
        w.u8(0);
        w.u8(ip.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
        w.u16(port);
        w.bytes(ip);
    }

    private static String utf8(byte[] b, int off, int len, StunHeader header) throws StunException {
        try {
            return Utf8.decode(b, off, len);
        } catch (WireException e) {
            throw bad(header, "text attribute is not UTF-8");
        }
    }

    /** The UTF-8 length String.getBytes will produce (a lone surrogate becomes one '?'). */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static ErrorCode errorCode(byte[] b, int off, int len, StunHeader header) throws StunException {
        if (len < 4) {
            throw bad(header, "ERROR-CODE shorter than 4 bytes");
        }
        int errorClass = b[off + 2] & 0x07;
        int number = b[off + 3] & 0xFF;
        // RFC 8489 14.8: class 3..6, number 0..99
        if (errorClass < 3 || errorClass > 6 || number > 99) {
            throw bad(header, "ERROR-CODE class " + errorClass + " number " + number);
        }
        return new ErrorCode(errorClass * 100 + number, utf8(b, off + 4, len - 4, header));
    }

    private static UnknownAttributes unknownAttributes(byte[] b, int off, int len, StunHeader header)
            throws StunException {
        if (len % 2 != 0) {
            throw bad(header, "UNKNOWN-ATTRIBUTES length is odd: " + len);
        }
        List<Integer> types = new ArrayList<>(len / 2);
        for (int i = 0; i < len; i += 2) {
            types.add(StunWriter.u16(b, off + i));
        }
        return new UnknownAttributes(types);
    }

    private static ChangeRequest changeRequest(int flags) {
        // RFC 5780 7.2: other bits are reserved; a receiver looks only at A and B
        return new ChangeRequest((flags & CHANGE_IP_FLAG) != 0, (flags & CHANGE_PORT_FLAG) != 0);
    }

    private static StunException bad(StunHeader header, String detail) {
        return new StunException(StunException.Reason.BAD_ATTRIBUTE, header, detail);
    }
}
