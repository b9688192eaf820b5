package net.overlay.core.spi.cc;

/**
 * The receiver-side half of a receiver-driven controller (Sprout forecasts the link from packet
 * arrivals and tells the sender how much it may send). The transport feeds it every arriving
 * packet and sends whatever feedback it produces in a feedback frame; same threading and
 * determinism rules as {@link CongestionControl}.
 */
public interface ReceiverHook {

    /** A packet of {@code sizeBytes} arrived. */
    void onPacketReceived(long nowNs, long packetNumber, int sizeBytes);

    /** Feedback to send now, or null. */
    Feedback pollFeedback(long nowNs);

    /** When the hook next wants {@link #pollFeedback} called, or {@code Long.MAX_VALUE}. */
    long pollTimeoutNs();
}
