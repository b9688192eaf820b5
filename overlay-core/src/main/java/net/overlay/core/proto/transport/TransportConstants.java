package net.overlay.core.proto.transport;

/**
 * Constants from RFC 9002 (loss detection and congestion control) and RFC 9000 that the
 * transport follows as written; tunables are in {@link TransportConfig}.
 */
final class TransportConstants {
    /** RFC 9002 6.2.2: the RTT assumed before the first sample. */
    static final long INITIAL_RTT_NS = 333_000_000L;
    /** RFC 9002 6.1.1: a packet is lost when three later packets were acknowledged (raised by reordering: ReorderingTracker). */
    static final int PACKET_THRESHOLD = 3;
    /** RFC 9002 6.1.2: time threshold 9/8 of the larger of latest and smoothed RTT. */
    static final int TIME_THRESHOLD_NUMERATOR = 9;
    static final int TIME_THRESHOLD_DENOMINATOR = 8;
    /** RFC 9002 6.1.2: timer granularity, 1 ms. */
    static final long GRANULARITY_NS = 1_000_000L;
    /** RFC 9002 7.6.1: persistent congestion after three probe timeouts. */
    static final int PERSISTENT_CONGESTION_THRESHOLD = 3;
    /** RFC 9002 6.2.4: send up to two probe packets when the probe timer fires. */
    static final int MAX_PROBE_PACKETS = 2;
    /** RFC 9000 13.2.2: acknowledge at least every second ack-eliciting packet. */
    static final int ACK_ELICITING_THRESHOLD = 2;
    /** Bytes of a RESET_STREAM or of a MAX_* frame at most (type and three 8-byte varints). */
    static final int MAX_CONTROL_FRAME_BYTES = 1 + 3 * 8;
    /** RFC 9000 2.1: the low bit of a stream id says which side opened it (0: client). */
    static final long STREAM_ID_SERVER_BIT = 1;

    private TransportConstants() {
    }
}
