package net.overlay.core.proto.transport;

import net.overlay.core.proto.wire.WireConstants;

/**
 * The transport's tunables, validated. Both ends of a session must run the same flow-control and
 * stream-count values: version 1 has no transport parameters in the handshake, so each end takes
 * the peer's initial limits to be its own (docs/transport.md).
 *
 * @param maxPayloadBytes frames per packet: the datagram size minus the 14-byte Transport header
 *     and the 16-byte AEAD tag (1170 for 1200-byte datagrams)
 * @param packetOverheadBytes bytes a sealed packet adds to its frames (header, tag), counted with
 *     the payload against the congestion window so the controller sees datagram sizes
 * @param streamWindowBytes per-stream receive window: how far past the reader the peer may send;
 *     also the most a stream buffers on the receive side
 * @param connectionWindowBytes receive window over all streams together
 * @param maxStreams how many streams the peer may have open at once (and we, by symmetry)
 * @param maxAckDelayNs RFC 9000 13.2.1: the longest we hold back an acknowledgement
 * @param idleTimeoutNs silence after which the transport closes itself
 * @param streamSendBufferBytes per-stream bytes written and not yet acknowledged: writes beyond
 *     it are refused (backpressure)
 * @param maxAckRanges ACK ranges we track and report (at most the wire's 256)
 * @param pacingBurstPackets packets the pacer lets out back to back
 * @param maxQueuedDatagrams datagrams waiting to be sent before new ones are dropped
 */
public record TransportConfig(
        int maxPayloadBytes,
        int packetOverheadBytes,
        int streamWindowBytes,
        long connectionWindowBytes,
        int maxStreams,
        long maxAckDelayNs,
        long idleTimeoutNs,
        int streamSendBufferBytes,
        int maxAckRanges,
        int pacingBurstPackets,
        int maxQueuedDatagrams) {

    /** Defaults for a 1200-byte datagram. */
    public static final TransportConfig DEFAULTS = new TransportConfig(
            WireConstants.DEFAULT_DATAGRAM_BYTES - WireConstants.TRANSPORT_HEADER_BYTES - WireConstants.AEAD_TAG_BYTES,
            WireConstants.TRANSPORT_HEADER_BYTES + WireConstants.AEAD_TAG_BYTES,
            1 << 20,
            4L << 20,
            100,
            25_000_000L,
            30_000_000_000L,
            1 << 20,
            32,
            10,
            64);

    /** Smallest payload: room for an ACK, a few control frames and some stream data. */
    static final int MIN_PAYLOAD_BYTES = 256;

    public TransportConfig {
        require(maxPayloadBytes >= MIN_PAYLOAD_BYTES
                && maxPayloadBytes <= WireConstants.MAX_DATAGRAM_BYTES, "maxPayloadBytes", maxPayloadBytes);
        require(packetOverheadBytes >= 0 && packetOverheadBytes < 1024, "packetOverheadBytes", packetOverheadBytes);
        require(streamWindowBytes >= 1024, "streamWindowBytes", streamWindowBytes);
        require(connectionWindowBytes >= streamWindowBytes
                && connectionWindowBytes <= WireConstants.VARINT_MAX, "connectionWindowBytes", connectionWindowBytes);
        require(maxStreams >= 1 && maxStreams <= 1 << 20, "maxStreams", maxStreams);
        require(maxAckDelayNs >= 0 && maxAckDelayNs <= 1_000_000_000L, "maxAckDelayNs", maxAckDelayNs);
        require(idleTimeoutNs > 0, "idleTimeoutNs", idleTimeoutNs);
        require(streamSendBufferBytes >= 1024, "streamSendBufferBytes", streamSendBufferBytes);
        require(maxAckRanges >= 1 && maxAckRanges <= WireConstants.MAX_ACK_RANGES, "maxAckRanges", maxAckRanges);
        require(pacingBurstPackets >= 1, "pacingBurstPackets", pacingBurstPackets);
        require(maxQueuedDatagrams >= 0, "maxQueuedDatagrams", maxQueuedDatagrams);
    }

    /** The datagram size these settings produce: payload plus overhead. */
    public int maxDatagramBytes() {
        return maxPayloadBytes + packetOverheadBytes;
    }

    public TransportConfig withWindows(int streamWindowBytes, long connectionWindowBytes) {
        return new TransportConfig(maxPayloadBytes, packetOverheadBytes, streamWindowBytes, connectionWindowBytes,
                maxStreams, maxAckDelayNs, idleTimeoutNs, streamSendBufferBytes, maxAckRanges, pacingBurstPackets,
                maxQueuedDatagrams);
    }

    public TransportConfig withMaxStreams(int maxStreams) {
        return new TransportConfig(maxPayloadBytes, packetOverheadBytes, streamWindowBytes, connectionWindowBytes,
                maxStreams, maxAckDelayNs, idleTimeoutNs, streamSendBufferBytes, maxAckRanges, pacingBurstPackets,
                maxQueuedDatagrams);
    }

    public TransportConfig withStreamSendBufferBytes(int streamSendBufferBytes) {
        return new TransportConfig(maxPayloadBytes, packetOverheadBytes, streamWindowBytes, connectionWindowBytes,
                maxStreams, maxAckDelayNs, idleTimeoutNs, streamSendBufferBytes, maxAckRanges, pacingBurstPackets,
                maxQueuedDatagrams);
    }

    public TransportConfig withIdleTimeoutNs(long idleTimeoutNs) {
        return new TransportConfig(maxPayloadBytes, packetOverheadBytes, streamWindowBytes, connectionWindowBytes,
                maxStreams, maxAckDelayNs, idleTimeoutNs, streamSendBufferBytes, maxAckRanges, pacingBurstPackets,
                maxQueuedDatagrams);
    }

    private static void require(boolean ok, String name, long value) {
        if (!ok) {
            throw new IllegalArgumentException("TransportConfig." + name + " out of range: " + value);
        }
    }
}
