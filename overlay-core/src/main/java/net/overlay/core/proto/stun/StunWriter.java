package net.overlay.core.proto.stun;

/** Big-endian writes into a pre-sized array; the encoder sizes the array exactly first. */
final class StunWriter {
    final byte[] out;
    int pos;

    StunWriter(byte[] out) {
        this.out = out;
    }

    void u8(int v) {
        out[pos++] = (byte) v;
    }

    void u16(int v) {
        out[pos++] = (byte) (v >>> 8);
        out[pos++] = (byte) v;
    }

    void u32(int v) {
        u16(v >>> 16);
        u16(v);
    }

    void u64(long v) {
        u32((int) (v >>> 32));
        u32((int) v);
    }

    void bytes(byte[] src) {
        System.arraycopy(src, 0, out, pos, src.length);
        pos += src.length;
    }

    /** RFC 8489 14: values are padded with zero bytes to a multiple of 4 (the array is zeroed). */
    void padTo4() {
        pos = (pos + 3) & ~3;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int u32(byte[] b, int off) {
        return (u16(b, off) << 16) | u16(b, off + 2);
    }

    static long u64(byte[] b, int off) {
        return ((long) u32(b, off) << 32) | (u32(b, off + 4) & 0xFFFF_FFFFL);
    }

    static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
