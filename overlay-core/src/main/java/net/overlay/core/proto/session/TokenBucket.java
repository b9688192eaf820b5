package net.overlay.core.proto.session;

/**
 * A token bucket in virtual time: {@code ratePerSecond} tokens a second up to {@code burst}.
 * Bounds probes per session and handshakes per source. Not thread-safe.
 */
final class TokenBucket {
    private static final long SECOND_NS = 1_000_000_000L;

    private final long nsPerToken;
    private final long capacityNs;
    /** Tokens held, kept as the nanoseconds they took to accumulate, so no division per call. */
    private long storedNs;
    private long lastNs;

    TokenBucket(int ratePerSecond, int burst, long nowNs) {
        this.nsPerToken = Math.max(1, SECOND_NS / ratePerSecond);
        this.capacityNs = nsPerToken * burst;
        this.storedNs = capacityNs;
        this.lastNs = nowNs;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long nowNs) {
        if (nowNs > lastNs) {
            long elapsedNs = nowNs - lastNs;
            // Compared first so that a long silence cannot overflow the sum.
            storedNs = elapsedNs >= capacityNs ? capacityNs : Math.min(capacityNs, storedNs + elapsedNs);
            lastNs = nowNs;
        }
        if (storedNs < nsPerToken) {
            return false;
        }
        storedNs -= nsPerToken;
        return true;
    }
}
