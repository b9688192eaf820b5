package net.overlay.core.proto.transport;

import net.overlay.core.proto.transport.TransportException.Code;

/**
 * Connection-level flow control, both directions (RFC 9000 4.1): how much new stream data the
 * peer still lets us send (its MAX_DATA less what we sent) and when to say we are blocked; how
 * much we let the peer send, checked on every arrival, and when to raise that limit (once the
 * application has consumed half of the window).
 *
 * <p>Mutable, not thread-safe; owned by one transport's {@link Streams}.
 */
final class ConnectionFlowControl {
    private final long windowBytes;

    private long peerMaxData;
    private long sentBytes;
    private long blockedReportedAt = -1;
    private boolean blockedPending;

    private long localMaxData;
    private long receivedBytes;
    private long consumedBytes;
    private boolean maxDataPending;

    /** Version 1 has no transport parameters: the peer's initial limit is taken to be our own. */
    ConnectionFlowControl(long windowBytes) {
        this.windowBytes = windowBytes;
        this.peerMaxData = windowBytes;
        this.localMaxData = windowBytes;
    }

    // --- Sending -----------------------------------------------------------------------------

    /** New stream bytes the peer still accepts. */
    long creditBytes() {
        return peerMaxData - sentBytes;
    }

    void onSent(int newBytes) {
        sentBytes += newBytes;
    }

    /** The peer's MAX_DATA; whether it raised the limit. */
    boolean onMaxData(long maximum) {
        if (maximum <= peerMaxData) {
            return false;
        }
        peerMaxData = maximum;
        return true;
    }

    /** A stream had new data but no credit: report DATA_BLOCKED once per limit. */
    void onBlocked() {
        if (creditBytes() <= 0 && blockedReportedAt != peerMaxData) {
            blockedReportedAt = peerMaxData;
            blockedPending = true;
        }
    }

    /** The limit to put in a DATA_BLOCKED frame now (taken once), or -1. */
    long takeBlocked() {
        if (!blockedPending) {
            return -1;
        }
        blockedPending = false;
        return peerMaxData;
    }

    // --- Receiving ---------------------------------------------------------------------------

    /**
     * Stream data moved the highest received offsets on by {@code bytes}.
     *
     * @throws TransportException FLOW_CONTROL_ERROR past our limit
     */
    void onReceived(long bytes) throws TransportException {
        receivedBytes += bytes;
        if (receivedBytes > localMaxData) {
            throw new TransportException(Code.FLOW_CONTROL_ERROR,
                    "connection data " + receivedBytes + " past its limit " + localMaxData);
        }
    }

    /** The application consumed {@code bytes} (read them, or they were reset away). */
    void onConsumed(long bytes) {
        consumedBytes += bytes;
        // RFC 9000 4.2: raise the limit once half of the window has been consumed.
        if (localMaxData - consumedBytes < windowBytes / 2) {
            localMaxData = consumedBytes + windowBytes;
            maxDataPending = true;
        }
    }

    /** The MAX_DATA value to send now (taken once), or -1. */
    long takeMaxData() {
        if (!maxDataPending) {
            return -1;
        }
        maxDataPending = false;
        return localMaxData;
    }

    /** A MAX_DATA frame was lost: send the current limit again. */
    void onMaxDataLost() {
        maxDataPending = true;
    }

    boolean hasPendingFrames() {
        return maxDataPending || blockedPending;
    }
}
