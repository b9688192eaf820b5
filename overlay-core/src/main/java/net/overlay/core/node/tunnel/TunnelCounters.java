package net.overlay.core.node.tunnel;

/**
 * What a {@link TunnelHost}'s pipes did, for tests and status: written on the driver's actor only,
 * readable from any thread (hence volatile, and no read-modify-write off the actor).
 */
final class TunnelCounters {
    /** Times a stream's send buffer refused part of a chunk (backpressure toward TCP engaged). */
    volatile long sendBufferFull;
    /** Most bytes read from TCP waiting for one stream at once. */
    volatile long maxQueuedBytes;
    /** Most bytes read from one stream waiting for its socket at once. */
    volatile long maxUnwrittenBytes;
    /** Local connections refused because {@link TunnelHost#MAX_WAITING_CONNECTIONS} already waited. */
    volatile long refusedConnections;

    void queued(long bytes) {
        if (bytes > maxQueuedBytes) {
            maxQueuedBytes = bytes;
        }
    }

    void unwritten(long bytes) {
        if (bytes > maxUnwrittenBytes) {
            maxUnwrittenBytes = bytes;
        }
    }
}
