package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.FRAME_ACK;
import static net.overlay.core.proto.wire.WireConstants.FRAME_CC_FEEDBACK;
import static net.overlay.core.proto.wire.WireConstants.FRAME_CLOSE;
import static net.overlay.core.proto.wire.WireConstants.FRAME_CONTROL;
import static net.overlay.core.proto.wire.WireConstants.FRAME_DATAGRAM;
import static net.overlay.core.proto.wire.WireConstants.FRAME_DATAGRAM_WITH_LENGTH;
import static net.overlay.core.proto.wire.WireConstants.FRAME_DATA_BLOCKED;
import static net.overlay.core.proto.wire.WireConstants.FRAME_MAX_DATA;
import static net.overlay.core.proto.wire.WireConstants.FRAME_MAX_STREAMS;
import static net.overlay.core.proto.wire.WireConstants.FRAME_MAX_STREAM_DATA;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PATH_CHALLENGE;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PATH_RESPONSE;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PING;
import static net.overlay.core.proto.wire.WireConstants.FRAME_RESET_STREAM;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STOP_SENDING;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM_DATA_BLOCKED;
import static net.overlay.core.proto.wire.WireConstants.PATH_DATA_BYTES;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_FIN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_LEN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_OFF;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Encodes frames into a caller's buffer and decodes a payload's frames (RFC 9000 16 varints for
 * every number; "v" below). Layouts, by type:
 *
 * <pre>
 * 0x00 Padding           00 00 00 ... (a run of zero bytes; one frame)
 * 0x01 Ping              type
 * 0x02 Ack               type, v largestAcked, v ackDelayUs, v rangeCount (&lt;= 256),
 *                        v firstRange, rangeCount x (v gap, v rangeLength)
 * 0x04 ResetStream       type, v streamId, v errorCode, v finalSize
 * 0x05 StopSending       type, v streamId, v errorCode
 * 0x08-0x0f Stream       type (0b00001 OFF LEN FIN), v streamId, [v offset], [v length],
 *                        data (length bytes, or to the end without LEN)
 * 0x10 MaxData           type, v maximum
 * 0x11 MaxStreamData     type, v streamId, v maximum
 * 0x12 MaxStreams        type, v maximum
 * 0x14 DataBlocked       type, v limit
 * 0x15 StreamDataBlocked type, v streamId, v limit
 * 0x1a PathChallenge     type, 8 bytes
 * 0x1b PathResponse      type, 8 bytes
 * 0x1c Close             type, v errorCode, v reasonLength (&lt;= 1024), UTF-8 reason
 * 0x20 CcFeedback        type, v kind, v bodyLength (&lt;= 1024), body
 * 0x30 Datagram          type, data (to the end)
 * 0x31 Datagram          type, v length, data
 * 0x40 Control           type, v kind, v bodyLength (&lt;= 4096), body
 * </pre>
 *
 * A packetizer sums {@link #encodedLength} to fill a datagram, then calls {@link #encode} for
 * each frame; frames that run to the end of the packet (Stream without length, Datagram 0x30) go
 * last. Stateless and thread-safe.
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    /**
     * Decodes every frame of {@code buf[off..off+len)} into an unmodifiable list; {@link
     * FrameCursor} does the same without the list.
     *
     * @throws WireException on any malformed input, and nothing else (a bad {@code off}/{@code
     *     len} for {@code buf} is the caller's bug and throws IndexOutOfBoundsException)
     */
    public static List<Frame> decodeAll(byte[] buf, int off, int len) throws WireException {
        return new FrameCursor(buf, off, len).drain();
    }

    /** Bytes {@code frame} takes on the wire. */
    public static int encodedLength(Frame frame) {
        return switch (frame) {
            case Frame.Padding f -> f.lengthBytes();
            case Frame.Ping f -> 1;
            case Frame.Ack f -> ackLength(f);
            case Frame.ResetStream f -> 1 + v(f.streamId()) + v(f.errorCode()) + v(f.finalSize());
            case Frame.StopSending f -> 1 + v(f.streamId()) + v(f.errorCode());
            case Frame.Stream f -> 1 + v(f.streamId()) + (f.offset() != 0 ? v(f.offset()) : 0)
                    + (f.explicitLength() ? v(f.data().length()) : 0) + f.data().length();
            case Frame.MaxData f -> 1 + v(f.maximum());
            case Frame.MaxStreamData f -> 1 + v(f.streamId()) + v(f.maximum());
            case Frame.MaxStreams f -> 1 + v(f.maximum());
            case Frame.DataBlocked f -> 1 + v(f.limit());
            case Frame.StreamDataBlocked f -> 1 + v(f.streamId()) + v(f.limit());
            case Frame.PathChallenge f -> 1 + PATH_DATA_BYTES;
            case Frame.PathResponse f -> 1 + PATH_DATA_BYTES;
            case Frame.Close f -> {
                int reasonBytes = Utf8.encodedLength(f.reason());
                yield 1 + v(f.errorCode()) + v(reasonBytes) + reasonBytes;
            }
            case Frame.CcFeedback f -> 1 + v(f.kind()) + lengthPrefixed(f.body());
            case Frame.Datagram f -> 1 + (f.explicitLength() ? v(f.data().length()) : 0) + f.data().length();
            // 0x40 does not fit a one-byte varint: its type takes two bytes.
            case Frame.Control f -> 2 + v(f.kind()) + lengthPrefixed(f.body());
        };
    }

    /**
     * Writes {@code frame} at {@code dst[off]}.
     *
     * @return the position after the frame
     * @throws IndexOutOfBoundsException when {@code dst} has no room for {@link #encodedLength}
     *     bytes at {@code off}; nothing is written then
     */
    public static int encode(Frame frame, byte[] dst, int off) {
        Objects.checkFromIndexSize(off, encodedLength(frame), dst.length);
        return switch (frame) {
            case Frame.Padding f -> {
                Arrays.fill(dst, off, off + f.lengthBytes(), (byte) 0);
                yield off + f.lengthBytes();
            }
            case Frame.Ping f -> type(FRAME_PING, dst, off);
            case Frame.Ack f -> encodeAck(f, dst, off);
            case Frame.ResetStream f -> varints(dst, type(FRAME_RESET_STREAM, dst, off),
                    f.streamId(), f.errorCode(), f.finalSize());
            case Frame.StopSending f -> varints(dst, type(FRAME_STOP_SENDING, dst, off), f.streamId(), f.errorCode());
            case Frame.Stream f -> encodeStream(f, dst, off);
            case Frame.MaxData f -> Varint.encode(f.maximum(), dst, type(FRAME_MAX_DATA, dst, off));
            case Frame.MaxStreamData f -> varints(dst, type(FRAME_MAX_STREAM_DATA, dst, off),
                    f.streamId(), f.maximum());
            case Frame.MaxStreams f -> Varint.encode(f.maximum(), dst, type(FRAME_MAX_STREAMS, dst, off));
            case Frame.DataBlocked f -> Varint.encode(f.limit(), dst, type(FRAME_DATA_BLOCKED, dst, off));
            case Frame.StreamDataBlocked f -> varints(dst, type(FRAME_STREAM_DATA_BLOCKED, dst, off),
                    f.streamId(), f.limit());
            case Frame.PathChallenge f -> u64(f.data(), dst, type(FRAME_PATH_CHALLENGE, dst, off));
            case Frame.PathResponse f -> u64(f.data(), dst, type(FRAME_PATH_RESPONSE, dst, off));
            case Frame.Close f -> {
                int pos = Varint.encode(f.errorCode(), dst, type(FRAME_CLOSE, dst, off));
                byte[] reason = f.reason().getBytes(StandardCharsets.UTF_8);
                pos = Varint.encode(reason.length, dst, pos);
                System.arraycopy(reason, 0, dst, pos, reason.length);
                yield pos + reason.length;
            }
            case Frame.CcFeedback f -> bytes(f.body(), true, dst,
                    Varint.encode(f.kind(), dst, type(FRAME_CC_FEEDBACK, dst, off)));
            case Frame.Datagram f -> bytes(f.data(), f.explicitLength(), dst,
                    type(f.explicitLength() ? FRAME_DATAGRAM_WITH_LENGTH : FRAME_DATAGRAM, dst, off));
            case Frame.Control f -> bytes(f.body(), true, dst,
                    Varint.encode(f.kind(), dst, type(FRAME_CONTROL, dst, off)));
        };
    }

    private static int ackLength(Frame.Ack f) {
        int n = 1 + v(f.largestAcked()) + v(f.ackDelayUs()) + v(f.ranges().size()) + v(f.firstRange());
        for (Frame.Ack.Range r : f.ranges()) {
            n += v(r.gap()) + v(r.length());
        }
        return n;
    }

    private static int encodeAck(Frame.Ack f, byte[] dst, int off) {
        int pos = varints(dst, type(FRAME_ACK, dst, off),
                f.largestAcked(), f.ackDelayUs(), f.ranges().size(), f.firstRange());
        for (Frame.Ack.Range r : f.ranges()) {
            pos = varints(dst, pos, r.gap(), r.length());
        }
        return pos;
    }

    private static int encodeStream(Frame.Stream f, byte[] dst, int off) {
        int type = FRAME_STREAM
                | (f.offset() != 0 ? STREAM_BIT_OFF : 0)
                | (f.explicitLength() ? STREAM_BIT_LEN : 0)
                | (f.fin() ? STREAM_BIT_FIN : 0);
        int pos = Varint.encode(f.streamId(), dst, type(type, dst, off));
        if (f.offset() != 0) {
            pos = Varint.encode(f.offset(), dst, pos);
        }
        return bytes(f.data(), f.explicitLength(), dst, pos);
    }

    private static int v(long value) {
        return Varint.encodedLength(value);
    }

    private static int lengthPrefixed(Bytes body) {
        return v(body.length()) + body.length();
    }

    private static int type(int type, byte[] dst, int off) {
        return Varint.encode(type, dst, off);
    }

    private static int varints(byte[] dst, int pos, long a, long b) {
        return Varint.encode(b, dst, Varint.encode(a, dst, pos));
    }

    private static int varints(byte[] dst, int pos, long a, long b, long c) {
        return Varint.encode(c, dst, varints(dst, pos, a, b));
    }

    private static int varints(byte[] dst, int pos, long a, long b, long c, long d) {
        return varints(dst, varints(dst, pos, a, b), c, d);
    }

    private static int u64(long value, byte[] dst, int pos) {
        BigEndian.putLong(dst, pos, value);
        return pos + 8;
    }

    private static int bytes(Bytes data, boolean withLength, byte[] dst, int pos) {
        int p = withLength ? Varint.encode(data.length(), dst, pos) : pos;
        return p + data.copyTo(dst, p);
    }
}
