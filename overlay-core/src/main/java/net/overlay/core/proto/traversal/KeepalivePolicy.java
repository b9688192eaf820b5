package net.overlay.core.proto.traversal;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How often a device sends keepalives to hold its NAT mapping open, and which silence to test
 * next with a {@link LifetimeProbe}. Pure: no time, no I/O; the device agent calls it with the
 * results of lifetime tests and keepalives and schedules what it says. Not thread-safe.
 *
 * <p>Rules (docs/discovery.md):
 * <ul>
 *   <li>The interval starts at {@link Config#startIntervalNs} (25 s: below the 30 s that the
 *       shortest common NAT timeouts use) and never rises above it until a lifetime test proved a
 *       longer silence survives.
 *   <li>After proving that T survives: interval = min(cap, max(start, safety x T)).
 *   <li>Search: T doubles from {@link Config#firstTestNs} while tests survive, up to cap / safety
 *       (a longer proof could not raise the interval); after an expiry, bisection between the best
 *       proof (at least start / safety, below which a proof changes nothing) and the expiry, until
 *       they are {@link Config#resolutionNs} apart.
 *   <li>An unanswered keepalive or a changed reflexive address drops the interval back to the
 *       start at once and asks the device to re-register; the proofs are forgotten, since the NAT
 *       (or the path to it) is evidently not the one they were made on.
 * </ul>
 */
public final class KeepalivePolicy {

    /**
     * @param startIntervalNs the interval before anything is proven (25 s)
     * @param capIntervalNs the longest interval ever used (120 s)
     * @param safetyFactor interval / proven lifetime, in (0, 1] (0.8)
     * @param firstTestNs the first silence to test (30 s)
     * @param resolutionNs the bisection stops when the bounds are this close (10 s)
     */
    public record Config(long startIntervalNs, long capIntervalNs, double safetyFactor, long firstTestNs,
            long resolutionNs) {

        public static final Config DEFAULT = new Config(25_000_000_000L, 120_000_000_000L, 0.8, 30_000_000_000L,
                10_000_000_000L);

        public Config {
            if (startIntervalNs <= 0 || capIntervalNs < startIntervalNs) {
                throw new IllegalArgumentException("need 0 < start <= cap, got " + startIntervalNs + ", " + capIntervalNs);
            }
            if (!(safetyFactor > 0 && safetyFactor <= 1)) {
                throw new IllegalArgumentException("safetyFactor must be in (0, 1], got " + safetyFactor);
            }
            if (firstTestNs <= 0 || resolutionNs <= 0) {
                throw new IllegalArgumentException("firstTestNs and resolutionNs must be positive");
            }
        }
    }

    /** Why the policy was consulted. */
    public enum Cause { LIFETIME_SURVIVED, LIFETIME_EXPIRED, KEEPALIVE_UNANSWERED, REFLEXIVE_ADDRESS_CHANGED }

    /**
     * The policy's answer to an observation.
     *
     * @param previousIntervalNs the interval before
     * @param intervalNs the interval from now on
     * @param reRegister whether the device must re-register (its mapping may be gone or new)
     * @param cause the observation
     */
    public record Adjustment(long previousIntervalNs, long intervalNs, boolean reRegister, Cause cause) {
        public Adjustment {
            Objects.requireNonNull(cause, "cause");
        }
    }

    private static final long NONE = Long.MAX_VALUE;

    private final Config config;
    private long intervalNs;
    private long provenNs;
    private long expiredNs = NONE;

    public KeepalivePolicy(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.intervalNs = config.startIntervalNs();
    }

    public long intervalNs() {
        return intervalNs;
    }

    /** The longest silence proven to survive since the last reset, 0 when none. */
    public long provenLifetimeNs() {
        return provenNs;
    }

    /** The silence to test next, or empty when more tests could not change the interval. */
    public OptionalLong nextLifetimeTestNs() {
        long usefulMaxNs = (long) Math.ceil(config.capIntervalNs() / config.safetyFactor());
        if (expiredNs == NONE) {
            if (provenNs >= usefulMaxNs) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(provenNs == 0 ? config.firstTestNs() : Math.min(2 * provenNs, usefulMaxNs));
        }
        long lowNs = Math.max(provenNs, (long) (config.startIntervalNs() / config.safetyFactor()));
        if (expiredNs - lowNs <= config.resolutionNs()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(lowNs + (expiredNs - lowNs) / 2);
    }

    /** A {@link LifetimeProbe} found that {@code testedNs} of silence survived or expired. */
    public Adjustment onLifetimeResult(long testedNs, boolean survived) {
        long before = intervalNs;
        if (survived) {
            if (testedNs >= expiredNs) {
                // The NAT kept a mapping longer than it once did: the old expiry no longer bounds it.
                expiredNs = NONE;
            }
            provenNs = Math.max(provenNs, testedNs);
            long grownNs = (long) (config.safetyFactor() * provenNs);
            intervalNs = Math.max(intervalNs, Math.min(config.capIntervalNs(), grownNs));
            return new Adjustment(before, intervalNs, false, Cause.LIFETIME_SURVIVED);
        }
        if (testedNs <= provenNs) {
            // Shorter than a proof: the NAT's timeout shrank (or it is another NAT). Start over.
            provenNs = 0;
            intervalNs = Math.min(intervalNs, config.startIntervalNs());
        }
        expiredNs = Math.min(expiredNs, testedNs);
        if (intervalNs >= expiredNs) {
            intervalNs = Math.min(intervalNs, config.startIntervalNs());
        }
        return new Adjustment(before, intervalNs, false, Cause.LIFETIME_EXPIRED);
    }

    /** A keepalive and its retransmissions went unanswered: the mapping may be gone. */
    public Adjustment onKeepaliveUnanswered() {
        long before = intervalNs;
        if (before > config.startIntervalNs()) {
            // The silence we last relied on did not hold: search again below it.
            expiredNs = Math.min(expiredNs, before);
        }
        return reset(before, Cause.KEEPALIVE_UNANSWERED);
    }

    /** The rendezvous or STUN reports another reflexive address: a new mapping, maybe a new NAT. */
    public Adjustment onReflexiveAddressChanged() {
        expiredNs = NONE;
        return reset(intervalNs, Cause.REFLEXIVE_ADDRESS_CHANGED);
    }

    private Adjustment reset(long before, Cause cause) {
        provenNs = 0;
        intervalNs = config.startIntervalNs();
        return new Adjustment(before, intervalNs, true, cause);
    }
}
