package net.overlay.core.spi.cc;

/**
 * A sender-side congestion controller: the door researchers plug their algorithm into.
 *
 * <p>The transport measures everything once (RTT after RFC 9002, delivery rate, losses after RFC
 * 9002's packet and time thresholds, widened when losses prove spurious) and tells the controller;
 * the controller answers with a congestion window and, if it wants, a pacing rate. The transport
 * never sends more than {@link #congestionWindowBytes()} bytes in flight, and spaces packets at
 * {@link #pacingRateBytesPerSec()} (or at 1.25 x window / smoothed RTT when that is 0).
 *
 * <p>Called by one session's transport only, on its host's thread: implementations need no
 * locking, must not block, and must not read a clock or a random source of their own (time comes
 * in every call; see {@link CongestionConfig#seed()} for randomness), so that the same controller
 * runs identically for real and in the simulator. Found through {@link CongestionControlFactory}.
 */
public interface CongestionControl {

    /** A packet of {@code sizeBytes} that counts against the window left at {@code nowNs}. */
    void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight);

    /** Packets were newly acknowledged. */
    void onAck(AckSample ack, RttView rtt);

    /** Packets were declared lost (one call per loss event, RFC 9002 7.3.2). */
    void onCongestionEvent(LossSample loss, RttView rtt);

    /**
     * The losses of the current episode were all spurious: every packet declared lost since the
     * episode began was acknowledged after all (it was reordered, not dropped), so the controller
     * may undo its response, restoring the window and threshold it had before the episode's
     * first {@link #onCongestionEvent} (RFC 9438 4.9; Linux's congestion-window undo). An episode
     * begins with the first {@code onCongestionEvent} after construction, after this call or
     * after {@link #onCongestionConfirmed}, and ends with one of the two. The default ignores it.
     */
    default void onSpuriousCongestion(long nowNs, RttView rtt) {
    }

    /**
     * The current loss episode had at least one real loss: whatever was saved to undo it can be
     * forgotten. The default ignores it.
     */
    default void onCongestionConfirmed(long nowNs) {
    }

    /** A probe timeout fired; {@code consecutivePtoCount} starts at 1. */
    default void onPto(long nowNs, int consecutivePtoCount) {
    }

    /** The sender had less to send than the window allowed (RFC 7661's application-limited). */
    default void onAppLimited(long nowNs, long bytesInFlight) {
    }

    /** The session moved to another network path (relay to direct or back). */
    void onPathChange(long nowNs, PathChange change);

    /** Feedback from the receiver-side hook of the same algorithm arrived (receiver-driven schemes). */
    default void onFeedback(long nowNs, Feedback feedback) {
    }

    /** Bytes the transport may have in flight now. */
    long congestionWindowBytes();

    /** Sending rate in bytes per second, or 0 to let the transport derive one from the window. */
    default long pacingRateBytesPerSec() {
        return 0;
    }

    /** Name for logs and charts, e.g. {@code cubic}. */
    String name();
}
