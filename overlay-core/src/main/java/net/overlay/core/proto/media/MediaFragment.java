package net.overlay.core.proto.media;

import net.overlay.core.proto.wire.BigEndian;

/**
 * The header in front of every media fragment (one datagram). All fields big-endian:
 *
 * <pre>
 *  0      1      2             6          8          10                       18
 * +------+------+-------------+----------+----------+------------------------+---------...
 * | 0x4D | flags| frame id    | fragment | fragment | capture time (ns,      | payload
 * | 'M'  |      | (u32)       | index u16| count u16| sender's clock, i64)   |
 * +------+------+-------------+----------+----------+------------------------+---------...
 * </pre>
 *
 * Flags: bit 0 keyframe; the other bits are reserved and must be 0. The frame id is the sender's
 * frame counter modulo 2^32 (the receiver extends it, as RTP receivers extend sequence numbers).
 * Every fragment of a frame repeats the count, the flags and the capture time, so any one of them
 * starts the reassembly. Our choice, not a standard: RTP's payload formats (RFC 6184) fragment
 * differently per codec; this channel carries opaque frames.
 *
 * @param frameId32 the frame id as on the wire, 0..2^32-1
 * @param fragmentIndex 0..fragmentCount-1
 * @param fragmentCount 1..65535
 * @param payloadOffset where the payload starts in the decoded buffer
 * @param payloadBytes the payload length (may be 0)
 */
public record MediaFragment(long frameId32, int fragmentIndex, int fragmentCount, boolean keyframe, long captureNs,
        int payloadOffset, int payloadBytes) {

    /** The first byte of every fragment. */
    public static final int MARKER = 0x4D;
    public static final int HEADER_BYTES = 18;
    public static final int MAX_FRAGMENTS = 0xFFFF;
    private static final int FLAG_KEYFRAME = 1;

    /** Writes a header at {@code buf[off..off+18)}; returns the offset after it. */
    public static int encodeHeader(byte[] buf, int off, long frameId, int fragmentIndex, int fragmentCount,
            boolean keyframe, long captureNs) {
        if (fragmentCount < 1 || fragmentCount > MAX_FRAGMENTS || fragmentIndex < 0 || fragmentIndex >= fragmentCount) {
            throw new IllegalArgumentException("fragment " + fragmentIndex + " of " + fragmentCount);
        }
        buf[off] = (byte) MARKER;
        buf[off + 1] = (byte) (keyframe ? FLAG_KEYFRAME : 0);
        BigEndian.putInt(buf, off + 2, (int) frameId);
        buf[off + 6] = (byte) (fragmentIndex >>> 8);
        buf[off + 7] = (byte) fragmentIndex;
        buf[off + 8] = (byte) (fragmentCount >>> 8);
        buf[off + 9] = (byte) fragmentCount;
        BigEndian.putLong(buf, off + 10, captureNs);
        return off + HEADER_BYTES;
    }

    /**
     * Parses the header of the datagram {@code buf[off..off+len)}; allocates nothing but the result.
     *
     * @throws MediaFormatException for anything that is not a well-formed fragment
     */
    public static MediaFragment decode(byte[] buf, int off, int len) throws MediaFormatException {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new MediaFormatException("bounds " + off + "+" + len + " outside " + buf.length);
        }
        if (len < HEADER_BYTES) {
            throw new MediaFormatException("fragment of " + len + " bytes is shorter than the header");
        }
        if ((buf[off] & 0xFF) != MARKER) {
            throw new MediaFormatException("not a media fragment (first byte " + (buf[off] & 0xFF) + ")");
        }
        int flags = buf[off + 1] & 0xFF;
        if ((flags & ~FLAG_KEYFRAME) != 0) {
            throw new MediaFormatException("reserved flags set: " + flags);
        }
        long frameId = BigEndian.getInt(buf, off + 2) & 0xFFFF_FFFFL;
        int index = (buf[off + 6] & 0xFF) << 8 | buf[off + 7] & 0xFF;
        int count = (buf[off + 8] & 0xFF) << 8 | buf[off + 9] & 0xFF;
        if (count == 0 || index >= count) {
            throw new MediaFormatException("fragment " + index + " of " + count);
        }
        long captureNs = BigEndian.getLong(buf, off + 10);
        return new MediaFragment(frameId, index, count, (flags & FLAG_KEYFRAME) != 0, captureNs,
                off + HEADER_BYTES, len - HEADER_BYTES);
    }
}
