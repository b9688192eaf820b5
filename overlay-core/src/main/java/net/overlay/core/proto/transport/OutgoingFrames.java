package net.overlay.core.proto.transport;

import java.util.ArrayDeque;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.Varint;
import net.overlay.core.proto.wire.WireConstants;
import net.overlay.core.spi.cc.Feedback;

/**
 * The frames a transport sends once and never retransmits: datagrams (RFC 9221: unreliable, but
 * ack-eliciting and congestion-controlled), rendezvous Control messages, PATH_CHALLENGE and
 * PATH_RESPONSE, congestion-control feedback, and the final Close.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class OutgoingFrames {
    private final TransportConfig config;
    private final ArrayDeque<byte[]> datagrams = new ArrayDeque<>();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private long datagramsDropped;
    private long queuedDatagramBytes;
    private Frame.Close close;

    OutgoingFrames(TransportConfig config) {
        this.config = config;
    }

    boolean queueDatagram(byte[] buf, int off, int len) {
        int frameBytes = 1 + Varint.encodedLength(len) + len;
        if (frameBytes > config.maxPayloadBytes() || datagrams.size() >= config.maxQueuedDatagrams()) {
            datagramsDropped++;
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        datagrams.addLast(copy);
        queuedDatagramBytes += len;
        return true;
    }

    boolean queueControl(Frame.Control control) {
        if (FrameCodec.encodedLength(control) > config.maxPayloadBytes() || frames.size() >= config.maxQueuedDatagrams()) {
            return false;
        }
        frames.addLast(control);
        return true;
    }

    void queuePathChallenge(long data) {
        frames.addLast(new Frame.PathChallenge(data));
    }

    void queuePathResponse(long data) {
        // Bounded: a flood of challenges must not grow the queue without end.
        if (frames.size() < config.maxQueuedDatagrams() + 8) {
            frames.addLast(new Frame.PathResponse(data));
        }
    }

    void queueFeedback(Feedback feedback) {
        if (feedback != null) {
            frames.addLast(new Frame.CcFeedback(feedback.kind(), Bytes.of(feedback.bodyBytes())));
        }
    }

    void close(Frame.Close frame) {
        close = frame;
    }

    boolean isClosing() {
        return close != null;
    }

    boolean hasPending() {
        return !datagrams.isEmpty() || !frames.isEmpty();
    }

    long datagramsDropped() {
        return datagramsDropped;
    }

    int queuedDatagrams() {
        return datagrams.size();
    }

    long queuedDatagramBytes() {
        return queuedDatagramBytes;
    }

    /** Writes the queued frames that fit; a datagram that does not fit waits for the next packet. */
    int writeFrames(byte[] dst, int pos, int limit) {
        int p = pos;
        while (!frames.isEmpty() && FrameCodec.encodedLength(frames.peekFirst()) <= limit - p) {
            p = FrameCodec.encode(frames.pollFirst(), dst, p);
        }
        while (!datagrams.isEmpty()) {
            byte[] d = datagrams.peekFirst();
            int frameBytes = 1 + Varint.encodedLength(d.length) + d.length;
            if (frameBytes > limit - p) {
                break;
            }
            p = Varint.encode(WireConstants.FRAME_DATAGRAM_WITH_LENGTH, dst, p);
            p = Varint.encode(d.length, dst, p);
            System.arraycopy(d, 0, dst, p, d.length);
            p += d.length;
            datagrams.pollFirst();
            queuedDatagramBytes -= d.length;
        }
        return p;
    }

    /** Writes the Close frame (truncating nothing: its reason is at most 1024 bytes). */
    int writeClose(byte[] dst, int pos, int limit) {
        if (FrameCodec.encodedLength(close) > limit - pos) {
            return FrameCodec.encode(new Frame.Close(close.errorCode(), ""), dst, pos);
        }
        return FrameCodec.encode(close, dst, pos);
    }
}
