package net.overlay.core.proto.relay;

/**
 * One allocation's rate budget: a token bucket in virtual time that starts full, refills at a
 * fixed rate up to its depth, and lets a datagram pass only when it holds the datagram's size.
 * The level is kept in bytes times 10^9 so that refilling by {@code elapsedNs * rate} loses
 * nothing to rounding at any rate. Owned by its {@link Allocation}; not thread-safe.
 */
final class TokenBucket {
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final long rateBytesPerSecond;
    private final long capacityScaled;
    /** From empty to full; past it the bucket is full, which also keeps the refill product in range. */
    private final long fillTimeNs;
    private long levelScaled;
    private long lastNs;

    TokenBucket(long rateBytesPerSecond, long burstBytes, long nowNs) {
        this.rateBytesPerSecond = rateBytesPerSecond;
        // AllocationLimits bounds the burst to 2^32 bytes, so this and twice it fit in a long
        this.capacityScaled = burstBytes * NS_PER_SECOND;
        this.fillTimeNs = Math.ceilDiv(capacityScaled, rateBytesPerSecond);
        this.levelScaled = capacityScaled;
        this.lastNs = nowNs;
    }

    /** Takes {@code bytes} if the bucket holds them at {@code nowNs}; a refused datagram takes nothing. */
    boolean tryTake(long nowNs, int bytes) {
        long elapsedNs = nowNs - lastNs;
        if (elapsedNs > 0) {
            levelScaled = elapsedNs >= fillTimeNs
                    ? capacityScaled
                    : Math.min(capacityScaled, levelScaled + elapsedNs * rateBytesPerSecond);
            lastNs = nowNs;
        }
        long needScaled = bytes * NS_PER_SECOND;
        if (levelScaled < needScaled) {
            return false;
        }
        levelScaled -= needScaled;
        return true;
    }
}
