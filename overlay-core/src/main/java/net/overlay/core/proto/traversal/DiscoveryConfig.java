package net.overlay.core.proto.traversal;

import java.util.Objects;
import net.overlay.core.proto.stun.StunClientConfig;

/**
 * Tunables of {@link NatDiscovery} and {@link LifetimeProbe}. Two kinds of test: those that the
 * server's answer must reach whatever the NAT (it comes from where the request went), which retransmit
 * on RFC 8489's schedule until {@code answerWaitNs}; and those whose answer a filtering NAT is
 * EXPECTED to drop (CHANGE-REQUEST, RESPONSE-PORT), which retransmit faster and conclude
 * "unanswered" after {@code unansweredWaitNs} instead of RFC 8489's 39.5 s.
 *
 * @param stun client settings of the answered tests (RTO, FINGERPRINT, PADDING that earns the full
 *     answer under the server's amplification bound)
 * @param answerWaitNs how long an answered test is retried before the path counts as blocked
 * @param unansweredRtoNs first retransmission timeout of the tests that may go unanswered
 * @param unansweredWaitNs how long such a test waits before concluding its answer was filtered; it
 *     must exceed a few round trips, or a slow path looks like a filtering NAT
 * @param maxSequentialStep the largest port step still called sequential allocation
 */
public record DiscoveryConfig(
        StunClientConfig stun, long answerWaitNs, long unansweredRtoNs, long unansweredWaitNs, int maxSequentialStep) {

    /** 5 s for answered tests (4 sends), 1.5 s and a 200 ms RTO (4 sends) for filtered ones, steps up to 64. */
    public static final DiscoveryConfig DEFAULT = new DiscoveryConfig(
            StunClientConfig.DEFAULT.withPaddingBytes(32), 5_000_000_000L, 200_000_000L, 1_500_000_000L, 64);

    public DiscoveryConfig {
        Objects.requireNonNull(stun, "stun");
        if (answerWaitNs <= 0 || unansweredRtoNs <= 0 || unansweredWaitNs <= 0) {
            throw new IllegalArgumentException("waits and RTO must be positive");
        }
        if (maxSequentialStep < 1) {
            throw new IllegalArgumentException("maxSequentialStep must be >= 1, got " + maxSequentialStep);
        }
    }

    /** Client settings of the tests that may go unanswered: faster RTO, no padding (RESPONSE-PORT forbids it). */
    StunClientConfig unansweredStun(boolean padded) {
        return new StunClientConfig(unansweredRtoNs, stun.maxTransmits(), stun.lastWaitFactor(), stun.fingerprint(),
                padded ? stun.paddingBytes() : 0);
    }

    public DiscoveryConfig withUnansweredWaitNs(long waitNs) {
        return new DiscoveryConfig(stun, answerWaitNs, unansweredRtoNs, waitNs, maxSequentialStep);
    }
}
