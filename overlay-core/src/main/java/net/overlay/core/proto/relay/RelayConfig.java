package net.overlay.core.proto.relay;

import java.util.Objects;

/**
 * The relay's tunables (docs/relay.md, "Defaults"): how many allocations it holds at once, and the
 * limits an allocation gets unless the rendezvous asks for others. Validated on construction;
 * immutable.
 *
 * @param maxAllocations live allocations at most; {@link Relay#allocate} refuses beyond it
 * @param defaultLimits the limits of {@link Relay#allocate(long)}
 */
public record RelayConfig(int maxAllocations, AllocationLimits defaultLimits) {
    /** Our default lifetime: one hour, refreshed by the rendezvous while the session is in use. */
    public static final long DEFAULT_LIFETIME_NS = 3600L * 1_000_000_000L;
    /** Our default byte budget: 1 GiB (libp2p circuit v2's 128 KiB would not carry a web page). */
    public static final long DEFAULT_BYTE_BUDGET = 1L << 30;
    /** Our default rate: 10 MB/s (80 Mbit/s), above what Tailscale's DERP relays are seen to carry. */
    public static final long DEFAULT_RATE_BYTES_PER_SECOND = 10_000_000L;
    /** Our default burst: 2 MB, a window of 200 ms at the default rate. */
    public static final long DEFAULT_BURST_BYTES = 2_000_000L;
    /** Our default capacity: at 1 Gbit/s a node, 10,000 allocations average 100 kbit/s each. */
    public static final int DEFAULT_MAX_ALLOCATIONS = 10_000;

    public RelayConfig {
        Objects.requireNonNull(defaultLimits, "defaultLimits");
        if (maxAllocations <= 0) {
            throw new IllegalArgumentException("maxAllocations must be positive, got " + maxAllocations);
        }
    }

    /** The product defaults above. */
    public static RelayConfig defaults() {
        return new RelayConfig(DEFAULT_MAX_ALLOCATIONS, new AllocationLimits(
                DEFAULT_LIFETIME_NS, DEFAULT_BYTE_BUDGET, DEFAULT_RATE_BYTES_PER_SECOND, DEFAULT_BURST_BYTES));
    }

    /** These defaults with another capacity. */
    public RelayConfig withMaxAllocations(int max) {
        return new RelayConfig(max, defaultLimits);
    }

    /** These defaults with other per-allocation limits. */
    public RelayConfig withDefaultLimits(AllocationLimits limits) {
        return new RelayConfig(maxAllocations, limits);
    }
}
