package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.MAX_ACK_RANGES;
import static net.overlay.core.proto.wire.WireConstants.MAX_CC_FEEDBACK_BYTES;
import static net.overlay.core.proto.wire.WireConstants.MAX_CLOSE_REASON_BYTES;
import static net.overlay.core.proto.wire.WireConstants.MAX_CONTROL_BODY_BYTES;
import static net.overlay.core.proto.wire.WireConstants.VARINT_MAX;

import java.util.List;
import java.util.Objects;

/**
 * A frame: one unit of the plaintext inside a Transport packet, several per packet. The layouts,
 * with QUIC's variable-length integers ({@link Varint}) for every number, are drawn in {@link
 * FrameCodec} and docs/wire-format.md; most follow RFC 9000 19. Every number field holds 0..2^62-1
 * and the records check it, so any instance encodes.
 *
 * <p>Immutable. Made by the transport to send and by {@link FrameCodec} when a packet arrives;
 * dispatch with one pattern-matching switch.
 */
public sealed interface Frame {

    /** RFC 9002 2: ACK, PADDING and CLOSE do not make the peer send an acknowledgement. */
    default boolean isAckEliciting() {
        return !(this instanceof Ack || this instanceof Padding || this instanceof Close);
    }

    /** Type 0x00: {@code lengthBytes} zero bytes, which a decoder reads as one frame. */
    record Padding(int lengthBytes) implements Frame {
        public Padding {
            if (lengthBytes < 1) {
                throw new IllegalArgumentException("padding of " + lengthBytes + " bytes");
            }
        }
    }

    /** Type 0x01: asks for an acknowledgement (keepalive, path probe). */
    record Ping() implements Frame {
    }

    /**
     * Type 0x02, RFC 9000 19.3: the packets acknowledged are {@code largestAcked - firstRange ..
     * largestAcked}, then for each range, going down, {@code gap + 1} unacknowledged packets and
     * {@code length + 1} acknowledged ones. {@code ackDelayUs} is in microseconds (no exponent).
     */
    record Ack(long largestAcked, long ackDelayUs, long firstRange, List<Range> ranges) implements Frame {
        public Ack {
            requireVarint(largestAcked, "largestAcked");
            requireVarint(ackDelayUs, "ackDelayUs");
            requireVarint(firstRange, "firstRange");
            ranges = List.copyOf(ranges);
            if (ranges.size() > MAX_ACK_RANGES) {
                throw new IllegalArgumentException(ranges.size() + " ACK ranges, at most " + MAX_ACK_RANGES);
            }
            if (lowestAcked(largestAcked, firstRange, ranges) < 0) {
                throw new IllegalArgumentException("ACK ranges go below packet number 0");
            }
        }

        /** The smallest packet number this frame acknowledges. */
        public long smallestAcked() {
            return lowestAcked(largestAcked, firstRange, ranges);
        }

        /** One further range: {@code gap + 1} packets missing, then {@code length + 1} acknowledged. */
        public record Range(long gap, long length) {
            public Range {
                requireVarint(gap, "gap");
                requireVarint(length, "length");
            }
        }

        /** The lowest packet number acknowledged, or -1 when the ranges would go below zero. */
        static long lowestAcked(long largestAcked, long firstRange, List<Range> ranges) {
            long smallest = largestAcked - firstRange;
            for (Range r : ranges) {
                // RFC 9000 19.3.1: largest = previous smallest - gap - 2; smallest = largest - length.
                long largest = smallest - r.gap() - 2;
                smallest = largest - r.length();
                if (largest < 0 || smallest < 0) {
                    return -1;
                }
            }
            return smallest;
        }
    }

    /** Type 0x04, RFC 9000 19.4: the sender abandons a stream at {@code finalSize} bytes. */
    record ResetStream(long streamId, long errorCode, long finalSize) implements Frame {
        public ResetStream {
            requireVarint(streamId, "streamId");
            requireVarint(errorCode, "errorCode");
            requireVarint(finalSize, "finalSize");
        }
    }

    /** Type 0x05, RFC 9000 19.5: the receiver asks the sender to stop a stream. */
    record StopSending(long streamId, long errorCode) implements Frame {
        public StopSending {
            requireVarint(streamId, "streamId");
            requireVarint(errorCode, "errorCode");
        }
    }

    /**
     * Types 0x08-0x0f, RFC 9000 19.8: {@code data} at {@code offset} of a stream. Without {@code
     * explicitLength} the data runs to the end of the packet, so the frame must be the last one.
     * The offset field is sent only when the offset is not 0.
     */
    record Stream(long streamId, long offset, Bytes data, boolean fin, boolean explicitLength) implements Frame {
        public Stream {
            requireVarint(streamId, "streamId");
            requireVarint(offset, "offset");
            Objects.requireNonNull(data, "data");
            if (offset > VARINT_MAX - data.length()) {
                throw new IllegalArgumentException("offset + length reaches 2^62");
            }
        }
    }

    /** Type 0x10, RFC 9000 19.9: connection-level flow control limit in bytes. */
    record MaxData(long maximum) implements Frame {
        public MaxData {
            requireVarint(maximum, "maximum");
        }
    }

    /** Type 0x11, RFC 9000 19.10: a stream's flow control limit in bytes. */
    record MaxStreamData(long streamId, long maximum) implements Frame {
        public MaxStreamData {
            requireVarint(streamId, "streamId");
            requireVarint(maximum, "maximum");
        }
    }

    /** Type 0x12, RFC 9000 19.11 (one kind of stream only): how many streams the peer may open. */
    record MaxStreams(long maximum) implements Frame {
        public MaxStreams {
            requireVarint(maximum, "maximum");
        }
    }

    /** Type 0x14, RFC 9000 19.12: the sender had data but hit the connection limit. */
    record DataBlocked(long limit) implements Frame {
        public DataBlocked {
            requireVarint(limit, "limit");
        }
    }

    /** Type 0x15, RFC 9000 19.13: the sender had data but hit the stream's limit. */
    record StreamDataBlocked(long streamId, long limit) implements Frame {
        public StreamDataBlocked {
            requireVarint(streamId, "streamId");
            requireVarint(limit, "limit");
        }
    }

    /** Type 0x1a, RFC 9000 19.17: 8 unpredictable bytes (big-endian in the long) to echo. */
    record PathChallenge(long data) implements Frame {
    }

    /** Type 0x1b, RFC 9000 19.18: the echo of a PathChallenge's 8 bytes. */
    record PathResponse(long data) implements Frame {
    }

    /** Type 0x1c: closes the session; {@code reason} is at most 1024 bytes of UTF-8. */
    record Close(long errorCode, String reason) implements Frame {
        public Close {
            requireVarint(errorCode, "errorCode");
            int reasonBytes = Utf8.encodedLength(Objects.requireNonNull(reason, "reason"));
            if (reasonBytes < 0) {
                throw new IllegalArgumentException("reason has an unpaired surrogate");
            }
            if (reasonBytes > MAX_CLOSE_REASON_BYTES) {
                throw new IllegalArgumentException(
                        "reason of " + reasonBytes + " bytes, at most " + MAX_CLOSE_REASON_BYTES);
            }
        }
    }

    /**
     * Type 0x20: opaque feedback from a receiver-side congestion-control hook to the sender's
     * controller; {@code kind} says which scheme's format {@code body} (at most 1024 bytes) has.
     */
    record CcFeedback(long kind, Bytes body) implements Frame {
        public CcFeedback {
            requireVarint(kind, "kind");
            requireBody(body, MAX_CC_FEEDBACK_BYTES);
        }
    }

    /**
     * Types 0x30/0x31, after RFC 9221: unreliable application data. Without {@code
     * explicitLength} (0x30) the data runs to the end of the packet.
     */
    record Datagram(Bytes data, boolean explicitLength) implements Frame {
        public Datagram {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Type 0x40: a rendezvous signalling message; the traversal layer defines what each {@code
     * kind} means and how its {@code body} (at most 4096 bytes) is laid out.
     */
    record Control(long kind, Bytes body) implements Frame {
        public Control {
            requireVarint(kind, "kind");
            requireBody(body, MAX_CONTROL_BODY_BYTES);
        }
    }

    private static void requireVarint(long value, String name) {
        if (value < 0 || value > VARINT_MAX) {
            throw new IllegalArgumentException(name + " out of 0..2^62-1: " + value);
        }
    }

    private static void requireBody(Bytes body, int maxBytes) {
        if (Objects.requireNonNull(body, "body").length() > maxBytes) {
            throw new IllegalArgumentException("body of " + body.length() + " bytes, at most " + maxBytes);
        }
    }
}
