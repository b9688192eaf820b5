package net.overlay.core.proto.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A bounds-checked cursor over {@code buf[off..off+len)} for decoders: every read checks the bytes
 * that remain first and throws {@link WireException} (TRUNCATED) instead of running past the end,
 * and a length read from the wire is checked before anything is allocated for it. Callers: the
 * frame decoder, and later layers that decode the bodies of CONTROL frames.
 *
 * <p>Mutable and not thread-safe; {@link #reset} lets one instance serve many inputs.
 */
public final class WireReader {
    private byte[] buf;
    private int pos;
    private int limit;

    public WireReader(byte[] buf, int off, int len) {
        reset(buf, off, len);
    }

    /** Points the cursor at {@code buf[off..off+len)}; throws IndexOutOfBounds for a bad range. */
    public WireReader reset(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The next byte, unsigned, without consuming it. */
    public int peekU8() throws WireException {
        require(1, "byte");
        return buf[pos] & 0xff;
    }

    public int readU8() throws WireException {
        require(1, "byte");
        return buf[pos++] & 0xff;
    }

    /** A u32; the int holds its bits (use Integer.toUnsignedLong for the value). */
    public int readU32() throws WireException {
        require(4, "u32");
        int v = BigEndian.getInt(buf, pos);
        pos += 4;
        return v;
    }

    /** A u64; the long holds its bits. */
    public long readU64() throws WireException {
        require(8, "u64");
        long v = BigEndian.getLong(buf, pos);
        pos += 8;
        return v;
    }

    public long readVarint() throws WireException {
        long v = Varint.decode(buf, pos, limit);
        pos += Varint.lengthOf(buf[pos]);
        return v;
    }

    /**
     * Reads a varint length and checks it against {@code maxBytes} and then against the bytes that
     * remain, so that a caller may allocate that many bytes.
     *
     * @throws WireException FIELD_TOO_LONG past {@code maxBytes}, TRUNCATED past the end
     */
    public int readLength(int maxBytes, String what) throws WireException {
        long n = readVarint();
        if (n > maxBytes) {
            throw new WireException(WireException.Reason.FIELD_TOO_LONG,
                    what + " of " + n + " bytes exceeds " + maxBytes);
        }
        require((int) n, what);
        return (int) n;
    }

    /** Copies the next {@code n} bytes out, after checking that they are there. */
    public Bytes readBytes(int n, String what) throws WireException {
        require(n, what);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return Bytes.wrapOwned(out);
    }

    /** Consumes everything that remains and returns it as a copy. */
    public Bytes readRest() {
        byte[] out = Arrays.copyOfRange(buf, pos, limit);
        pos = limit;
        return Bytes.wrapOwned(out);
    }

    public void skip(int n, String what) throws WireException {
        require(n, what);
        pos += n;
    }

    /** Throws TRUNCATED unless at least {@code n} (non-negative) bytes remain. */
    public void require(int n, String what) throws WireException {
        if (n < 0 || n > limit - pos) {
            throw new WireException(WireException.Reason.TRUNCATED,
                    what + " at " + pos + " needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }
}
