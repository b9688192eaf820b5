package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.VARINT_MAX;

/**
 * QUIC's variable-length integer (RFC 9000 16): the two high bits of the first byte give the
 * length (1, 2, 4 or 8 bytes), the remaining 6, 14, 30 or 62 bits the value, big-endian.
 *
 * <pre>
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+----------------------
 * |LL |  value (6, 14, 30 or 62 bits) ...
 * +-+-+-+-+-+-+-+-+----------------------
 *  LL = 00: 1 byte, 01: 2 bytes, 10: 4 bytes, 11: 8 bytes
 * </pre>
 *
 * The encoder always picks the shortest form; the decoder accepts every form (RFC 9000 16 allows
 * a longer one), so decode-then-encode preserves values, not necessarily bytes. Stateless.
 */
public final class Varint {
    private static final long MAX_1 = (1L << 6) - 1;
    private static final long MAX_2 = (1L << 14) - 1;
    private static final long MAX_4 = (1L << 30) - 1;

    private Varint() {
    }

    /** Bytes the shortest form of {@code value} takes; the value must be in 0..2^62-1. */
    public static int encodedLength(long value) {
        if (value < 0 || value > VARINT_MAX) {
            throw new IllegalArgumentException("not a 62-bit varint value: " + value);
        }
        if (value <= MAX_1) {
            return 1;
        }
        if (value <= MAX_2) {
            return 2;
        }
        return value <= MAX_4 ? 4 : 8;
    }

    /** Length of the varint whose first byte is {@code firstByte}. */
    public static int lengthOf(byte firstByte) {
        return 1 << ((firstByte & 0xff) >>> 6);
    }

    /**
     * Writes the shortest form of {@code value} at {@code dst[off]}.
     *
     * @return the position after the varint
     */
    public static int encode(long value, byte[] dst, int off) {
        return encode(value, encodedLength(value), dst, off);
    }

    /**
     * Writes {@code value} in a form of exactly {@code lenBytes} (1, 2, 4 or 8), which must be
     * long enough for it: for tests of the decoder and for fields patched after the fact.
     *
     * @return the position after the varint
     */
    public static int encode(long value, int lenBytes, byte[] dst, int off) {
        if (encodedLength(value) > lenBytes) {
            throw new IllegalArgumentException(value + " does not fit in " + lenBytes + " bytes");
        }
        switch (lenBytes) {
            case 1 -> dst[off] = (byte) value;
            case 2 -> {
                dst[off] = (byte) (0x40 | (value >>> 8));
                dst[off + 1] = (byte) value;
            }
            case 4 -> BigEndian.putInt(dst, off, (int) value | 0x8000_0000);
            case 8 -> BigEndian.putLong(dst, off, value | 0xC000_0000_0000_0000L);
            default -> throw new IllegalArgumentException("varint length must be 1, 2, 4 or 8: " + lenBytes);
        }
        return off + lenBytes;
    }

    /**
     * Reads the varint at {@code buf[off]}, which must end at or before {@code limit}.
     *
     * @throws WireException TRUNCATED when it does not
     */
    public static long decode(byte[] buf, int off, int limit) throws WireException {
        if (off >= limit) {
            throw new WireException(WireException.Reason.TRUNCATED, "varint at " + off + ": no bytes left");
        }
        int len = lengthOf(buf[off]);
        if (len > limit - off) {
            throw new WireException(WireException.Reason.TRUNCATED,
                    "varint at " + off + " needs " + len + " bytes, " + (limit - off) + " left");
        }
        return switch (len) {
            case 1 -> buf[off] & 0x3f;
            case 2 -> ((buf[off] & 0x3f) << 8) | (buf[off + 1] & 0xff);
            case 4 -> BigEndian.getInt(buf, off) & 0x3fff_ffffL;
            default -> BigEndian.getLong(buf, off) & VARINT_MAX;
        };
    }
}
