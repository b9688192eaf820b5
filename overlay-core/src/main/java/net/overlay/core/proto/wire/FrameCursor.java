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
import static net.overlay.core.proto.wire.WireConstants.FRAME_PADDING;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PATH_CHALLENGE;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PATH_RESPONSE;
import static net.overlay.core.proto.wire.WireConstants.FRAME_PING;
import static net.overlay.core.proto.wire.WireConstants.FRAME_RESET_STREAM;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STOP_SENDING;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM_DATA_BLOCKED;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM_LAST;
import static net.overlay.core.proto.wire.WireConstants.MAX_ACK_RANGES;
import static net.overlay.core.proto.wire.WireConstants.MAX_CC_FEEDBACK_BYTES;
import static net.overlay.core.proto.wire.WireConstants.MAX_CLOSE_REASON_BYTES;
import static net.overlay.core.proto.wire.WireConstants.MAX_CONTROL_BODY_BYTES;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_FIN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_LEN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_OFF;
import static net.overlay.core.proto.wire.WireConstants.VARINT_MAX;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.overlay.core.proto.wire.WireException.Reason;

/**
 * Decodes the frames of one opened Transport payload one at a time, without building a list: the
 * receiver's loop is {@code while (c.hasNext()) handle(c.next())}. {@link FrameCodec#decodeAll}
 * is the same loop collecting a list. Each {@link #next} checks every length and count against
 * the bytes that remain before it allocates, and throws nothing but {@link WireException}.
 *
 * <p>Mutable and not thread-safe; {@link #reset} reuses one instance for many packets.
 */
public final class FrameCursor {
    private final WireReader in;

    public FrameCursor(byte[] buf, int off, int len) {
        in = new WireReader(buf, off, len);
    }

    /** Points the cursor at another payload. */
    public FrameCursor reset(byte[] buf, int off, int len) {
        in.reset(buf, off, len);
        return this;
    }

    public boolean hasNext() {
        return in.hasRemaining();
    }

    /**
     * Where the next frame starts in the buffer: a receiver that decodes a hot frame type in place
     * (stream data, without a copy) reads from here and then {@link #reset}s past that frame.
     */
    public int position() {
        return in.position();
    }

    /** Decodes the next frame; after an exception the rest of the payload must be dropped. */
    public Frame next() throws WireException {
        int start = in.position();
        long type = in.readVarint();
        // RFC 9000 12.4: a frame type MUST use its shortest encoding. Enforcing it keeps one
        // reading of a payload: a run of zero bytes is one Padding frame, with no 0x40 0x00 in it.
        if (in.position() - start != Varint.encodedLength(type)) {
            throw new WireException(Reason.FRAME_TYPE_NOT_MINIMAL,
                    "frame type 0x" + Long.toHexString(type) + " at " + start + " not in its shortest form");
        }
        if (type >= FRAME_STREAM && type <= FRAME_STREAM_LAST) {
            return stream((int) type);
        }
        return switch (type > 0xff ? -1 : (int) type) {
            case FRAME_PADDING -> padding(start);
            case FRAME_PING -> new Frame.Ping();
            case FRAME_ACK -> ack();
            case FRAME_RESET_STREAM -> new Frame.ResetStream(in.readVarint(), in.readVarint(), in.readVarint());
            case FRAME_STOP_SENDING -> new Frame.StopSending(in.readVarint(), in.readVarint());
            case FRAME_MAX_DATA -> new Frame.MaxData(in.readVarint());
            case FRAME_MAX_STREAM_DATA -> new Frame.MaxStreamData(in.readVarint(), in.readVarint());
            case FRAME_MAX_STREAMS -> new Frame.MaxStreams(in.readVarint());
            case FRAME_DATA_BLOCKED -> new Frame.DataBlocked(in.readVarint());
            case FRAME_STREAM_DATA_BLOCKED -> new Frame.StreamDataBlocked(in.readVarint(), in.readVarint());
            case FRAME_PATH_CHALLENGE -> new Frame.PathChallenge(in.readU64());
            case FRAME_PATH_RESPONSE -> new Frame.PathResponse(in.readU64());
            case FRAME_CLOSE -> close();
            case FRAME_CC_FEEDBACK -> new Frame.CcFeedback(in.readVarint(),
                    in.readBytes(in.readLength(MAX_CC_FEEDBACK_BYTES, "CC feedback body"), "CC feedback body"));
            case FRAME_DATAGRAM -> new Frame.Datagram(in.readRest(), false);
            case FRAME_DATAGRAM_WITH_LENGTH -> new Frame.Datagram(
                    in.readBytes(lengthWithinPacket("datagram"), "datagram"), true);
            case FRAME_CONTROL -> new Frame.Control(in.readVarint(),
                    in.readBytes(in.readLength(MAX_CONTROL_BODY_BYTES, "control body"), "control body"));
            default -> throw new WireException(Reason.UNKNOWN_FRAME_TYPE,
                    "unknown frame type 0x" + Long.toHexString(type) + " at " + start);
        };
    }

    /** RFC 9000 19.1: padding is a run of zero bytes; the whole run is one frame. */
    private Frame padding(int start) {
        byte[] buf = in.buffer();
        int end = in.position();
        while (end < in.limit() && buf[end] == 0) {
            end++;
        }
        in.reset(buf, end, in.limit() - end);
        return new Frame.Padding(end - start);
    }

    private Frame ack() throws WireException {
        long largest = in.readVarint();
        long delayUs = in.readVarint();
        long count = in.readVarint();
        long first = in.readVarint();
        if (count > MAX_ACK_RANGES) {
            throw new WireException(Reason.TOO_MANY_ACK_RANGES, count + " ACK ranges, at most " + MAX_ACK_RANGES);
        }
        // Each range is at least two one-byte varints: refuse a count the input cannot hold
        // before allocating for it.
        in.require(2 * (int) count, "ACK ranges");
        if (first > largest) {
            throw new WireException(Reason.BAD_ACK_RANGE, "first ACK range " + first + " exceeds largest " + largest);
        }
        Frame.Ack.Range[] ranges = new Frame.Ack.Range[(int) count];
        long smallest = largest - first;
        for (int i = 0; i < ranges.length; i++) {
            long gap = in.readVarint();
            long length = in.readVarint();
            // RFC 9000 19.3.1: largest = previous smallest - gap - 2; smallest = largest - length;
            // neither may go below packet number 0.
            long rangeLargest = smallest - gap - 2;
            smallest = rangeLargest - length;
            if (rangeLargest < 0 || smallest < 0) {
                throw new WireException(Reason.BAD_ACK_RANGE, "ACK range " + i + " goes below packet number 0");
            }
            ranges[i] = new Frame.Ack.Range(gap, length);
        }
        return new Frame.Ack(largest, delayUs, first, List.of(ranges));
    }

    private Frame stream(int type) throws WireException {
        long streamId = in.readVarint();
        long offset = (type & STREAM_BIT_OFF) != 0 ? in.readVarint() : 0;
        boolean explicitLength = (type & STREAM_BIT_LEN) != 0;
        int length = explicitLength ? lengthWithinPacket("stream data") : in.remaining();
        // RFC 9000 19.8: the largest offset delivered on a stream is 2^62 - 1.
        if (offset > VARINT_MAX - length) {
            throw new WireException(Reason.STREAM_OFFSET_OVERFLOW,
                    "stream offset " + offset + " + length " + length + " reaches 2^62");
        }
        Bytes data = in.readBytes(length, "stream data");
        return new Frame.Stream(streamId, offset, data, (type & STREAM_BIT_FIN) != 0, explicitLength);
    }

    private Frame close() throws WireException {
        long errorCode = in.readVarint();
        int len = in.readLength(MAX_CLOSE_REASON_BYTES, "close reason");
        String reason = Utf8.decode(in.buffer(), in.position(), len);
        in.skip(len, "close reason");
        return new Frame.Close(errorCode, reason);
    }

    /** A length with no cap of its own: it only has to fit in what remains of the packet. */
    private int lengthWithinPacket(String what) throws WireException {
        return in.readLength(Integer.MAX_VALUE, what);
    }

    /** For {@link FrameCodec#decodeAll}: an unmodifiable list of every frame that remains. */
    List<Frame> drain() throws WireException {
        List<Frame> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
        }
        return Collections.unmodifiableList(out);
    }
}
