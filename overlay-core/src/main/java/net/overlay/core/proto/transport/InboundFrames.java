package net.overlay.core.proto.transport;

import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM;
import static net.overlay.core.proto.wire.WireConstants.FRAME_STREAM_LAST;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_FIN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_LEN;
import static net.overlay.core.proto.wire.WireConstants.STREAM_BIT_OFF;
import static net.overlay.core.proto.wire.WireConstants.VARINT_MAX;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCursor;
import net.overlay.core.proto.wire.Varint;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.Feedback;

/**
 * Reads the frames of one opened packet and hands each to the part of the transport it concerns,
 * with one pattern-matching switch. STREAM frames, the hot ones, are decoded in place with the
 * same checks as {@link FrameCursor} (no frame object; their data is copied once, into the
 * stream); the others go through the wire codec.
 *
 * <p>Mutable (a reused cursor), not thread-safe; owned by one transport.
 */
final class InboundFrames {
    private final FrameCursor cursor = new FrameCursor(new byte[0], 0, 0);
    private final Streams streams;
    private final LossDetector loss;
    private final OutgoingFrames outgoing;
    private final CongestionControl cc;
    private final ArrayDeque<TransportEvent> events;
    private final boolean insideSession;
    private boolean closeReceived;

    /** @param insideSession whether a session owns the path, ping, close and control frames */
    InboundFrames(Streams streams, LossDetector loss, OutgoingFrames outgoing, CongestionControl cc,
                  ArrayDeque<TransportEvent> events, boolean insideSession) {
        this.streams = streams;
        this.insideSession = insideSession;
        this.loss = loss;
        this.outgoing = outgoing;
        this.cc = cc;
        this.events = events;
    }

    /**
     * Handles every frame of {@code buf[off..off+len)}.
     *
     * @return whether any of them was ack-eliciting
     */
    boolean handle(long nowNs, byte[] buf, int off, int len) throws WireException, TransportException {
        boolean ackEliciting = false;
        int end = off + len;
        cursor.reset(buf, off, len);
        while (cursor.hasNext()) {
            int p = cursor.position();
            int type = buf[p] & 0xff;
            if (type >= FRAME_STREAM && type <= FRAME_STREAM_LAST) {
                p = handleStreamFrame(buf, p, end);
                cursor.reset(buf, p, end - p);
                ackEliciting = true;
                continue;
            }
            Frame frame = cursor.next();
            if (insideSession && isSessionFrame(frame)) {
                // docs/session.md: the session already acted on these; acknowledging a packet for
                // their sake alone would add an ACK to every path probe. PING stays ack-eliciting:
                // it is also this transport's own probe (RFC 9002 6.2.4), which must be answered.
                continue;
            }
            ackEliciting |= frame.isAckEliciting();
            handleFrame(nowNs, frame);
        }
        return ackEliciting;
    }

    private static boolean isSessionFrame(Frame frame) {
        return switch (frame) {
            case Frame.PathChallenge f -> true;
            case Frame.PathResponse f -> true;
            case Frame.Close f -> true;
            case Frame.Control f -> true;
            default -> false;
        };
    }

    /** Whether a Close frame has arrived. */
    boolean closeReceived() {
        return closeReceived;
    }

    /** A STREAM frame at {@code buf[pos]} (a one-byte type, so always in its shortest form). */
    private int handleStreamFrame(byte[] buf, int pos, int end) throws WireException, TransportException {
        int type = buf[pos] & 0xff;
        int p = pos + 1;
        long streamId = Varint.decode(buf, p, end);
        p += Varint.lengthOf(buf[p]);
        long offset = 0;
        if ((type & STREAM_BIT_OFF) != 0) {
            offset = Varint.decode(buf, p, end);
            p += Varint.lengthOf(buf[p]);
        }
        int length = end - p;
        if ((type & STREAM_BIT_LEN) != 0) {
            long declared = Varint.decode(buf, p, end);
            p += Varint.lengthOf(buf[p]);
            if (declared > end - p) {
                throw new WireException(WireException.Reason.TRUNCATED,
                        "stream data of " + declared + " bytes, " + (end - p) + " left");
            }
            length = (int) declared;
        }
        // RFC 9000 19.8: the largest offset delivered on a stream is 2^62 - 1.
        if (offset > VARINT_MAX - length) {
            throw new WireException(WireException.Reason.STREAM_OFFSET_OVERFLOW,
                    "stream offset " + offset + " + length " + length + " reaches 2^62");
        }
        streams.onStreamData(streamId, offset, buf, p, length, (type & STREAM_BIT_FIN) != 0);
        return p + length;
    }

    private void handleFrame(long nowNs, Frame frame) throws TransportException {
        switch (frame) {
            case Frame.Padding f -> { }
            case Frame.Ping f -> { }
            case Frame.Ack f -> loss.onAck(nowNs, f);
            case Frame.ResetStream f -> streams.onResetStream(f);
            case Frame.StopSending f -> streams.onStopSending(f);
            case Frame.Stream f -> {
                byte[] data = f.data().toArray();
                streams.onStreamData(f.streamId(), f.offset(), data, 0, data.length, f.fin());
            }
            case Frame.MaxData f -> streams.onMaxData(f.maximum());
            case Frame.MaxStreamData f -> streams.onMaxStreamData(f.streamId(), f.maximum());
            case Frame.MaxStreams f -> streams.onMaxStreams(f.maximum());
            case Frame.DataBlocked f -> { }
            case Frame.StreamDataBlocked f -> streams.onStreamDataBlocked(f.streamId());
            case Frame.PathChallenge f -> outgoing.queuePathResponse(f.data());
            case Frame.PathResponse f -> events.add(new TransportEvent.PathResponseReceived(f.data()));
            case Frame.Close f -> {
                closeReceived = true;
                events.add(new TransportEvent.ConnectionClosed(f.errorCode(), f.reason()));
            }
            case Frame.CcFeedback f -> {
                // The SPI's kind is an int; a larger one cannot be any controller's.
                if (f.kind() <= Integer.MAX_VALUE) {
                    cc.onFeedback(nowNs, new Feedback((int) f.kind(), ByteBuffer.wrap(f.body().toArray())));
                }
            }
            case Frame.Datagram f -> events.add(new TransportEvent.DatagramReceived(f.data()));
            case Frame.Control f -> events.add(new TransportEvent.ControlReceived(f.kind(), f.body()));
        }
    }
}
