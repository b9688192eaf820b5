package net.overlay.core.proto.media;

import net.overlay.core.proto.wire.Bytes;

/**
 * What a {@link MediaReceiver} reports, drained with {@link MediaReceiver#pollEvent()} after each
 * input. Every frame id the receiver learns of ends in exactly one of these.
 */
public sealed interface MediaEvent {

    /**
     * A frame arrived whole.
     *
     * @param captureNs the sender's capture time (the sender's clock)
     * @param completedNs when its last fragment arrived (the receiver's clock)
     */
    record FrameReceived(long frameId, long captureNs, long completedNs, boolean keyframe, Bytes data)
            implements MediaEvent {
        /** Capture to completion: a one-way delay, meaningful when both clocks are the same one. */
        public long delayNs() {
            return completedNs - captureNs;
        }
    }

    /** A frame that did not complete by its deadline ({@code fragmentsReceived} may be 0: none came). */
    record FrameLost(long frameId, int fragmentsReceived, int fragmentCount) implements MediaEvent {
    }

    /**
     * Frames never seen that fell out of the receiver's window at once (a jump of more than the
     * window in frame ids: a long outage the sender dropped frames through, or a restart).
     */
    record FramesSkipped(long firstFrameId, long count) implements MediaEvent {
    }
}
