package net.overlay.lab.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * How a site's {@link DelayLine} varies each packet's delay on top of the site's constant delay,
 * netem style (this kernel has no netem): a uniform random extra of 0 to {@code jitterMs}, and with
 * probability {@code reorderPercent} an extra hold-back of {@code reorderGapMs}. Unless
 * {@code keepOrder}, packets leave in order of their release time, so a packet drawn a short delay
 * overtakes one drawn a long delay before it: that is how netem's jitter reorders. With
 * {@code keepOrder} a packet never leaves before the one read before it (jitter without
 * reordering). Immutable; built by {@code ./overlay testbed up} and the soak, read by
 * {@link Testbed} and {@link TestbedControl}.
 *
 * @param jitterMs the largest random extra delay, ms, 0 for none
 * @param keepOrder true to release packets in arrival order whatever their drawn delay
 * @param reorderPercent the chance, percent, that a packet is held back by {@code reorderGapMs}
 * @param reorderGapMs how long a packet picked by {@code reorderPercent} is held back, ms
 * @param seed the random generator's seed, so a run can be repeated
 */
public record DelayVariation(int jitterMs, boolean keepOrder, int reorderPercent, int reorderGapMs, long seed) {
    /** No variation: a constant delay, arrival order kept. */
    public static final DelayVariation NONE = new DelayVariation(0, false, 0, 0, 1);
    /** The hold-back of the reorder mode when none is given: a few packets' worth at the soak's rates. */
    public static final int DEFAULT_REORDER_GAP_MS = 10;

    public DelayVariation {
        if (jitterMs < 0 || jitterMs > Site.MAX_DELAY_MS) {
            throw new IllegalArgumentException("jitter must be 0.." + Site.MAX_DELAY_MS + " ms, not " + jitterMs);
        }
        if (reorderPercent < 0 || reorderPercent > 100) {
            throw new IllegalArgumentException("reorder must be 0..100 percent, not " + reorderPercent);
        }
        if (reorderGapMs < 0 || reorderGapMs > Site.MAX_DELAY_MS) {
            throw new IllegalArgumentException("reorder gap must be 0.." + Site.MAX_DELAY_MS + " ms, not "
                    + reorderGapMs);
        }
        if (reorderPercent > 0 && reorderGapMs == 0) {
            throw new IllegalArgumentException("reorder " + reorderPercent + " % needs a gap above 0 ms");
        }
        if (reorderPercent > 0 && keepOrder) {
            throw new IllegalArgumentException("reorder " + reorderPercent + " % cannot keep order: choose one");
        }
    }

    /** Uniform jitter of 0 to {@code jitterMs} that lets packets overtake each other. */
    public static DelayVariation jitter(int jitterMs, long seed) {
        return new DelayVariation(jitterMs, false, 0, 0, seed);
    }

    /** True when the delay is not constant. */
    public boolean varies() {
        return jitterMs > 0 || reorderPercent > 0;
    }

    /** The delay line's options for this variation (empty when there is none). */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (jitterMs > 0) {
            a.addAll(List.of("--jitter", String.valueOf(jitterMs)));
        }
        if (reorderPercent > 0) {
            a.addAll(List.of("--reorder", String.valueOf(reorderPercent),
                    "--reorder-gap", String.valueOf(reorderGapMs)));
        }
        if (keepOrder) {
            a.add("--keep-order");
        }
        if (varies()) {
            a.addAll(List.of("--seed", String.valueOf(seed)));
        }
        return a;
    }

    /** A short description for plans and reports, e.g. {@code jitter 0..10 ms, reordering}. */
    public String describe() {
        if (!varies()) {
            return "constant";
        }
        List<String> parts = new ArrayList<>();
        if (jitterMs > 0) {
            parts.add("jitter 0.." + jitterMs + " ms");
        }
        if (reorderPercent > 0) {
            parts.add(reorderPercent + " % held back " + reorderGapMs + " ms");
        }
        parts.add(keepOrder ? "order kept" : "overtaking allowed");
        return String.join(", ", parts);
    }
}
