package net.overlay.core.proto.transport.cc;

import java.nio.ByteBuffer;
import net.overlay.core.spi.cc.Feedback;

/**
 * The forecast a Sprout receiver sends its sender, in a {@link Feedback} body of kind
 * {@value #KIND}. Big-endian:
 * <pre>
 *  0       1       2               4                               12
 * +-------+-------+---------------+-------------------------------+----------------------+
 * |version| ticks |   tick (ms)   |  bytes received so far (u64)  | ticks x u32 forecast |
 * +-------+-------+---------------+-------------------------------+----------------------+
 * </pre>
 * Forecast entry {@code i} is the bytes the link delivers, cumulatively, by the end of tick
 * {@code i + 1} after the feedback was made; entries never decrease.
 */
final class SproutFeedback {
    static final int KIND = 1;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 12;
    /** Forecast length bounds: Sprout forecasts 8 ticks; a body holds at most this many. */
    static final int MAX_TICKS = (Feedback.MAX_BODY_BYTES - HEADER_BYTES) / Integer.BYTES;

    private SproutFeedback() {}

    static Feedback encode(int tickMs, long receivedBytes, long[] cumulativeBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + cumulativeBytes.length * Integer.BYTES);
        b.put((byte) VERSION).put((byte) cumulativeBytes.length).putShort((short) tickMs).putLong(receivedBytes);
        for (long c : cumulativeBytes) {
            b.putInt((int) Math.min(c, 0xFFFF_FFFFL));
        }
        return new Feedback(KIND, b.flip());
    }

    /**
     * Reads a forecast into {@code cumulativeBytesOut} (which must hold {@link #MAX_TICKS}) and
     * returns how many ticks it has, or -1 when the feedback is not a well-formed Sprout forecast
     * (wrong kind, version or length, a decreasing forecast). Never throws on any body.
     */
    static int decode(Feedback feedback, long[] cumulativeBytesOut, long[] receivedBytesOut) {
        ByteBuffer b = feedback.body();
        if (feedback.kind() != KIND || b.remaining() < HEADER_BYTES) {
            return -1;
        }
        int p = b.position();
        int version = b.get(p) & 0xFF;
        int ticks = b.get(p + 1) & 0xFF;
        int tickMs = b.getShort(p + 2) & 0xFFFF;
        long received = b.getLong(p + 4);
        if (version != VERSION || ticks == 0 || ticks > MAX_TICKS || tickMs == 0 || received < 0
                || b.remaining() != HEADER_BYTES + ticks * Integer.BYTES) {
            return -1;
        }
        long previous = 0;
        for (int i = 0; i < ticks; i++) {
            long c = b.getInt(p + HEADER_BYTES + i * Integer.BYTES) & 0xFFFF_FFFFL;
            if (c < previous) {
                return -1;
            }
            cumulativeBytesOut[i] = c;
            previous = c;
        }
        receivedBytesOut[0] = received;
        receivedBytesOut[1] = tickMs;
        return ticks;
    }
}
