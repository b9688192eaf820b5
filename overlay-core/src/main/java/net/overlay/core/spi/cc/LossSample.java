package net.overlay.core.spi.cc;

/**
 * One congestion event: packets the transport declared lost together.
 *
 * @param nowNs when the loss was detected
 * @param lostBytes bytes of lost packets that counted against the window
 * @param lostPackets number of lost packets
 * @param largestLostPacketNumber largest lost packet number
 * @param largestLostSentTimeNs when the largest lost packet was sent (RFC 9002 7.3.2: one reduction
 *     per round trip, for losses of packets sent after the last reduction began)
 * @param persistentCongestion RFC 9002 7.6: losses span more than three probe timeouts; the window
 *     should collapse to the minimum
 * @param bytesInFlight bytes still in flight after removing the lost packets
 */
public record LossSample(
        long nowNs,
        long lostBytes,
        int lostPackets,
        long largestLostPacketNumber,
        long largestLostSentTimeNs,
        boolean persistentCongestion,
        long bytesInFlight) {
}
