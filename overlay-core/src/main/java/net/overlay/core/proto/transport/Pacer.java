package net.overlay.core.proto.transport;

/**
 * A token bucket that spaces packets out at the controller's pacing rate (RFC 9002 7.7), with a
 * burst of a few packets, so that a full window does not leave in one line-rate burst that
 * overflows a bottleneck queue. Time is always an argument.
 *
 * <p>Mutable, not thread-safe; owned by one transport.
 */
final class Pacer {
    private static final long NS_PER_SEC = 1_000_000_000L;

    private final long burstBytes;
    private long tokensBytes;
    private long lastRefillNs = Long.MIN_VALUE;

    Pacer(long burstBytes) {
        this.burstBytes = burstBytes;
        this.tokensBytes = burstBytes;
    }

    /** When a packet of {@code sizeBytes} may leave at {@code rateBytesPerSec}: now, or later. */
    long releaseTimeNs(long nowNs, long rateBytesPerSec, int sizeBytes) {
        refill(nowNs, rateBytesPerSec);
        if (tokensBytes >= sizeBytes || rateBytesPerSec <= 0) {
            return nowNs;
        }
        long missing = sizeBytes - tokensBytes;
        return nowNs + Math.max(1, (long) Math.ceil(missing * (double) NS_PER_SEC / rateBytesPerSec));
    }

    void onSent(int sizeBytes) {
        tokensBytes -= sizeBytes;
    }

    private void refill(long nowNs, long rateBytesPerSec) {
        if (lastRefillNs == Long.MIN_VALUE) {
            lastRefillNs = nowNs;
            return;
        }
        long elapsed = nowNs - lastRefillNs;
        if (elapsed <= 0) {
            return;
        }
        long added = (long) (elapsed * (double) rateBytesPerSec / NS_PER_SEC);
        if (added > 0 || tokensBytes >= burstBytes) {
            tokensBytes = Math.min(burstBytes, tokensBytes + added);
            lastRefillNs = nowNs;
        }
    }
}
