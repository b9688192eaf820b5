package net.overlay.core.proto.media;

/**
 * How full a {@link MediaSender}'s send buffer is at one instant: what a {@link BitrateController}
 * adapts to. The buffer is the sender's own queue plus its fragments still queued in the
 * transport (waiting for the congestion window or the pacer).
 *
 * @param queuedBytes payload bytes (headers included) not yet written into a packet
 * @param queuedFrames frames with at least one fragment not yet written into a packet
 * @param oldestQueuedAgeNs now minus the capture time of the oldest such frame; 0 when empty
 * @param drainedBytes bytes written into packets since the sender was made (cumulative), from
 *     which a controller can measure the rate the buffer drains at
 */
public record SendBufferFill(long queuedBytes, int queuedFrames, long oldestQueuedAgeNs, long drainedBytes) {

    public boolean isEmpty() {
        return queuedBytes == 0;
    }
}
