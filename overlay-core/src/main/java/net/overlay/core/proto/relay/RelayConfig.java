package net.overlay.core.proto.relay;

import java.util.Objects;

/**
 * The relay's tunables (docs/relay.md, "Defaults"): how many allocations it holds at once, and the
 * limits an allocation gets unless the rendezvous asks for others. Validated on construction;
 * immutable.
 *
 * @param maxAllocations live allocations at most; {@link Relay#allocate} refuses beyond it
 * @param defaultLimits the limits of {@link Relay#allocate(long)}
 * @param idleTimeoutNs an allocation through which no packet came for this long expires, whatever
 *     its lifetime: a session that ended without a word (a client closed, crashed or roamed away)
 *     frees its place instead of holding it for the whole lifetime
 */
public record RelayConfig(int maxAllocations, AllocationLimits defaultLimits, long idleTimeoutNs) {
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
    /**
     * Our default idle timeout: 180 s, the session's own idle timeout. A live session sends a Ping
     * over its relay path at least every 25 s, even while a direct path carries its data
     * ({@code SessionTuning.relayKeepaliveIntervalNs}), so only a session that is gone stays silent
     * this long.
     */
    public static final long DEFAULT_IDLE_TIMEOUT_NS = 180L * 1_000_000_000L;

    public RelayConfig {
        Objects.requireNonNull(defaultLimits, "defaultLimits");
        if (maxAllocations <= 0) {
            throw new IllegalArgumentException("maxAllocations must be positive, got " + maxAllocations);
        }
        if (idleTimeoutNs <= 0) {
            throw new IllegalArgumentException("idleTimeoutNs must be positive, got " + idleTimeoutNs);
        }
    }

    /** A config with the default idle timeout. */
    public RelayConfig(int maxAllocations, AllocationLimits defaultLimits) {
        this(maxAllocations, defaultLimits, DEFAULT_IDLE_TIMEOUT_NS);
    }

    /** The product defaults above. */
    public static RelayConfig defaults() {
        return new RelayConfig(DEFAULT_MAX_ALLOCATIONS, new AllocationLimits(
                DEFAULT_LIFETIME_NS, DEFAULT_BYTE_BUDGET, DEFAULT_RATE_BYTES_PER_SECOND, DEFAULT_BURST_BYTES));
    }

    /** These defaults with another capacity. */
    public RelayConfig withMaxAllocations(int max) {
        return new RelayConfig(max, defaultLimits, idleTimeoutNs);
    }

    /** These defaults with another idle timeout. */
    public RelayConfig withIdleTimeoutNs(long idleNs) {
        return new RelayConfig(maxAllocations, defaultLimits, idleNs);
    }

    /** These defaults with other per-allocation limits. */
    public RelayConfig withDefaultLimits(AllocationLimits limits) {
        return new RelayConfig(maxAllocations, limits, idleTimeoutNs);
    }
}
