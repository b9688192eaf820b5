package net.overlay.core.proto.relay;

import net.overlay.core.proto.wire.WireConstants;

/**
 * What one allocation may use: how long it lives without a refresh, how many bytes it may forward
 * over its whole life (both directions together), and how fast (a token bucket). The rendezvous
 * picks them per allocation, usually {@link RelayConfig#defaultLimits()}; immutable.
 *
 * @param lifetimeNs how long an allocation lives after it is created or refreshed
 * @param byteBudget the most datagram bytes forwarded over the allocation's life
 * @param rateBytesPerSecond the token bucket's refill rate
 * @param burstBytes the token bucket's depth; at least the largest datagram, so that any
 *     well-formed datagram can pass once the bucket is full
 */
public record AllocationLimits(long lifetimeNs, long byteBudget, long rateBytesPerSecond, long burstBytes) {
    /** Our bound: a lifetime of at most 30 days, so that {@code nowNs + lifetimeNs} stays far from overflow. */
    public static final long MAX_LIFETIME_NS = 30L * 24 * 3600 * 1_000_000_000L;
    /**
     * Our bound on the bucket's depth: the bucket counts in byte-nanoseconds per second (bytes
     * times 10^9), which must fit in a long.
     */
    public static final long MAX_BURST_BYTES = 1L << 32;
    /** Our bound on the rate: 100 GB/s, far above any node's link. */
    public static final long MAX_RATE_BYTES_PER_SECOND = 100_000_000_000L;

    public AllocationLimits {
        if (lifetimeNs <= 0 || lifetimeNs > MAX_LIFETIME_NS) {
            throw new IllegalArgumentException("lifetimeNs must be in 1.." + MAX_LIFETIME_NS + ", got " + lifetimeNs);
        }
        if (byteBudget <= 0) {
            throw new IllegalArgumentException("byteBudget must be positive, got " + byteBudget);
        }
        if (rateBytesPerSecond <= 0 || rateBytesPerSecond > MAX_RATE_BYTES_PER_SECOND) {
            throw new IllegalArgumentException("rateBytesPerSecond must be in 1.." + MAX_RATE_BYTES_PER_SECOND
                    + ", got " + rateBytesPerSecond);
        }
        if (burstBytes < WireConstants.MAX_DATAGRAM_BYTES || burstBytes > MAX_BURST_BYTES) {
            throw new IllegalArgumentException("burstBytes must be in " + WireConstants.MAX_DATAGRAM_BYTES + ".."
                    + MAX_BURST_BYTES + " (a datagram larger than the burst could never pass), got " + burstBytes);
        }
    }
}
