package net.overlay.core.proto.media;

/**
 * The media channel's tunables, validated (our choices; docs/transport.md explains them).
 *
 * @param fragmentBytes a fragment's datagram size, header included. It must fit a transport
 *     packet with room to spare: 1100 leaves 67 of the default 1170 payload bytes for an ACK and
 *     a slice of the control stream, so that video does not starve the control channel
 * @param transportQueueDatagrams how many fragments the sender keeps queued in the transport; the
 *     rest wait in the sender, where whole frames can still be dropped. At least the pacer's
 *     burst (10), so a burst of packets never finds the transport short of datagrams
 * @param staleFrameNs the sender drops a frame none of whose fragments left yet once it is this
 *     old (capture to now): late video is useless to a viewer
 * @param reassemblyTimeoutNs the receiver gives up on a frame this long after its first fragment
 *     arrived, or after a later frame's fragment showed it missing
 * @param windowFrames frames the receiver tracks at once (ids from the oldest unfinished one)
 * @param maxFragmentsPerFrame the largest frame in fragments, on both sides
 * @param maxBufferedBytes payload bytes the receiver holds for incomplete frames at most
 */
public record MediaConfig(int fragmentBytes, int transportQueueDatagrams, long staleFrameNs, long reassemblyTimeoutNs,
        int windowFrames, int maxFragmentsPerFrame, long maxBufferedBytes) {

    public static final MediaConfig DEFAULTS = new MediaConfig(1100, 16, 1_000_000_000L, 500_000_000L, 256, 1024,
            8L << 20);

    public MediaConfig {
        require(fragmentBytes > MediaFragment.HEADER_BYTES && fragmentBytes <= 65_000, "fragmentBytes", fragmentBytes);
        require(transportQueueDatagrams >= 1 && transportQueueDatagrams <= 4096, "transportQueueDatagrams",
                transportQueueDatagrams);
        require(staleFrameNs > 0, "staleFrameNs", staleFrameNs);
        require(reassemblyTimeoutNs > 0, "reassemblyTimeoutNs", reassemblyTimeoutNs);
        require(windowFrames >= 2 && windowFrames <= 1 << 16, "windowFrames", windowFrames);
        require(maxFragmentsPerFrame >= 1 && maxFragmentsPerFrame <= MediaFragment.MAX_FRAGMENTS,
                "maxFragmentsPerFrame", maxFragmentsPerFrame);
        require(maxBufferedBytes >= fragmentBytes, "maxBufferedBytes", maxBufferedBytes);
    }

    /** Frame bytes one fragment carries. */
    public int payloadBytesPerFragment() {
        return fragmentBytes - MediaFragment.HEADER_BYTES;
    }

    /** The largest frame the sender accepts. */
    public long maxFrameBytes() {
        return (long) maxFragmentsPerFrame * payloadBytesPerFragment();
    }

    public MediaConfig withStaleFrameNs(long staleFrameNs) {
        return new MediaConfig(fragmentBytes, transportQueueDatagrams, staleFrameNs, reassemblyTimeoutNs, windowFrames,
                maxFragmentsPerFrame, maxBufferedBytes);
    }

    public MediaConfig withReassemblyTimeoutNs(long reassemblyTimeoutNs) {
        return new MediaConfig(fragmentBytes, transportQueueDatagrams, staleFrameNs, reassemblyTimeoutNs, windowFrames,
                maxFragmentsPerFrame, maxBufferedBytes);
    }

    private static void require(boolean ok, String name, long value) {
        if (!ok) {
            throw new IllegalArgumentException("MediaConfig." + name + " out of range: " + value);
        }
    }
}
