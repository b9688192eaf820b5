package net.overlay.core.spi.cc;

/**
 * What one acknowledgement newly told the sender.
 *
 * @param nowNs when the acknowledgement was processed
 * @param ackedBytes bytes of newly acknowledged packets that counted against the window
 * @param ackedPackets number of such packets
 * @param largestAckedPacketNumber largest packet number newly acknowledged
 * @param largestAckedSentTimeNs when that packet was sent
 * @param bytesInFlight bytes still in flight after this acknowledgement
 * @param deliveredBytes delivery-rate sample (BBR's): bytes delivered over {@code deliveryIntervalNs}
 * @param deliveryIntervalNs interval of the delivery-rate sample, 0 when there is no sample
 * @param appLimited whether the sample was taken while the sender was application-limited
 */
public record AckSample(
        long nowNs,
        long ackedBytes,
        int ackedPackets,
        long largestAckedPacketNumber,
        long largestAckedSentTimeNs,
        long bytesInFlight,
        long deliveredBytes,
        long deliveryIntervalNs,
        boolean appLimited) {

    /** Delivery rate of this sample in bytes per second, or 0 without a sample. */
    public long deliveryRateBytesPerSec() {
        return deliveryIntervalNs <= 0 ? 0 : (long) (deliveredBytes * 1e9 / deliveryIntervalNs);
    }
}
