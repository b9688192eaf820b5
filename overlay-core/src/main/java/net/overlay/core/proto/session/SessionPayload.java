package net.overlay.core.proto.session;

/**
 * What fills and consumes a session's plaintext beyond the session's own frames: the stream
 * transport in deployment, a datagram channel in tests. The session owns the packet numbers (one
 * strictly increasing counter, also the AEAD nonce) and hands each one to the payload exactly
 * once: either in {@link #writePacket} or, for a packet the session sent on its own (a probe, a
 * keepalive, a control message), in {@link #onPacketSentWithoutPayload}, so the payload's loss
 * detection sees no gaps.
 *
 * <p>The session handles PathChallenge, PathResponse, Ping, Padding, Close and Control frames; every
 * other frame is the payload's. Called by the {@link Session} on its parent's thread, with the
 * parent's clock; never re-entered.
 */
public interface SessionPayload {

    /**
     * Writes frames for packet {@code packetNumber} into {@code buf[off..off+maxLen)}, after any
     * frames the session put in front of them.
     *
     * @return bytes written; 0 when there is nothing to send now (the session then stops asking)
     */
    int writePacket(long nowNs, long packetNumber, byte[] buf, int off, int maxLen);

    /**
     * An authenticated packet arrived: {@code buf[off..off+len)} is its whole plaintext, the
     * session's frames included (skip them). The buffer is reused after the call.
     */
    void onPacket(long nowNs, long packetNumber, byte[] buf, int off, int len);

    /** The session sent packet {@code packetNumber} ({@code sizeBytes} on the wire) with none of our frames. */
    void onPacketSentWithoutPayload(long nowNs, long packetNumber, int sizeBytes);

    /**
     * The active path changed. {@code newPath} is true when the network path is another one (relay
     * and direct swapped, another remote address): round-trip and congestion estimates no longer
     * hold. It is false when only the peer's port changed (a NAT rebinding, RFC 9000 9.4).
     */
    void onPathChange(long nowNs, boolean newPath);

    /** The payload's next deadline, or {@link Long#MAX_VALUE}. */
    long pollTimeoutNs();

    /** The deadline from {@link #pollTimeoutNs()} has passed. */
    void handleTimeout(long nowNs);
}
