package net.overlay.lab.testbed;

import java.util.SplittableRandom;

/**
 * When each packet read by a {@link DelayLine} is due to leave: its arrival time plus the constant
 * delay, plus a uniform random extra of 0 to the jitter, plus the reorder hold-back for the packets
 * the reorder chance picks. With {@code keepOrder} a packet is never due before the one read before
 * it, so releasing by due time keeps arrival order. Pure (time comes in as {@code nowNs}; the
 * randomness is a seeded generator), so the schedule is tested without a TUN. Not thread-safe: the
 * delay line's reader thread alone calls it.
 */
final class DelaySchedule {
    private static final long NS_PER_MS = 1_000_000L;

    private final long delayNs;
    private final DelayVariation variation;
    private final SplittableRandom random;
    private long lastDueNs = Long.MIN_VALUE;

    DelaySchedule(long delayMs, DelayVariation variation) {
        this.delayNs = delayMs * NS_PER_MS;
        this.variation = variation;
        this.random = new SplittableRandom(variation.seed());
    }

    /** The time a packet read at {@code nowNs} is due to be written back. */
    long dueNs(long nowNs) {
        long dueNs = nowNs + delayNs;
        if (variation.jitterMs() > 0) {
            // Uniform over 0..J ms inclusive, at nanosecond grain: netem's uniform jitter.
            dueNs += random.nextLong(variation.jitterMs() * NS_PER_MS + 1);
        }
        if (variation.reorderPercent() > 0 && random.nextInt(100) < variation.reorderPercent()) {
            dueNs += variation.reorderGapMs() * NS_PER_MS;
        }
        if (variation.keepOrder() && lastDueNs != Long.MIN_VALUE) {
            dueNs = Math.max(dueNs, lastDueNs);
        }
        lastDueNs = dueNs;
        return dueNs;
    }
}
