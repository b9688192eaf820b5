package net.overlay.core.proto.traversal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.overlay.core.proto.traversal.KeepalivePolicy.Adjustment;
import net.overlay.core.proto.traversal.KeepalivePolicy.Cause;
import org.junit.jupiter.api.Test;

/** The keepalive policy's decisions, without a network. */
class KeepalivePolicyTest {
    private static final long S = 1_000_000_000L;
    private static final KeepalivePolicy.Config DEFAULT = KeepalivePolicy.Config.DEFAULT;

    /** Runs the lifetime search against a NAT that keeps silences strictly below {@code timeoutNs}. */
    private static List<Long> search(KeepalivePolicy policy, long timeoutNs) {
        List<Long> tested = new ArrayList<>();
        for (OptionalLong next = policy.nextLifetimeTestNs(); next.isPresent(); next = policy.nextLifetimeTestNs()) {
            tested.add(next.getAsLong());
            policy.onLifetimeResult(next.getAsLong(), next.getAsLong() < timeoutNs);
            assertThat(tested).as("the search ends").hasSizeLessThan(20);
        }
        return tested;
    }

    @Test
    void startsAtTwentyFiveSecondsAndTestsThirtyFirst() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        assertThat(p.intervalNs()).isEqualTo(25 * S);
        assertThat(p.nextLifetimeTestNs()).hasValue(30 * S);
    }

    @Test
    void growsOnlyWithProofsAndStopsAtTheCap() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        assertThat(p.onLifetimeResult(30 * S, true)).isEqualTo(new Adjustment(25 * S, 25 * S, false, Cause.LIFETIME_SURVIVED));
        assertThat(p.onLifetimeResult(60 * S, true).intervalNs()).isEqualTo(48 * S);
        assertThat(p.onLifetimeResult(120 * S, true).intervalNs()).isEqualTo(96 * S);
        assertThat(p.nextLifetimeTestNs()).hasValue(150 * S);
        assertThat(p.onLifetimeResult(150 * S, true).intervalNs()).isEqualTo(120 * S);
        assertThat(p.nextLifetimeTestNs()).isEmpty();
    }

    @Test
    void thirtySecondNatKeepsTheStartIntervalAndEndsTheSearch() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        assertThat(search(p, 30 * S)).containsExactly(30 * S);
        assertThat(p.intervalNs()).isEqualTo(25 * S);
    }

    @Test
    void bisectsBetweenTheBestProofAndTheFirstExpiry() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        assertThat(search(p, 100 * S)).containsExactly(30 * S, 60 * S, 120 * S, 90 * S, 105 * S, 97_500_000_000L);
        assertThat(p.intervalNs()).isEqualTo(78 * S);
    }

    @Test
    void anUnansweredKeepaliveDropsToTheStartAtOnceAndSearchesBelowTheFailedInterval() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        search(p, 100 * S);
        assertThat(p.onKeepaliveUnanswered()).isEqualTo(new Adjustment(78 * S, 25 * S, true, Cause.KEEPALIVE_UNANSWERED));
        assertThat(p.provenLifetimeNs()).isZero();
        // Between start / safety (31.25 s) and the 78 s that failed.
        assertThat(p.nextLifetimeTestNs()).hasValue(54_625_000_000L);
    }

    @Test
    void aChangedReflexiveAddressForgetsEverything() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        search(p, 100 * S);
        assertThat(p.onReflexiveAddressChanged()).isEqualTo(
                new Adjustment(78 * S, 25 * S, true, Cause.REFLEXIVE_ADDRESS_CHANGED));
        assertThat(p.nextLifetimeTestNs()).hasValue(30 * S);
    }

    @Test
    void anExpiryShorterThanAProofDropsTheIntervalAtOnce() {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        p.onLifetimeResult(60 * S, true);
        assertThat(p.onLifetimeResult(45 * S, false)).isEqualTo(new Adjustment(48 * S, 25 * S, false, Cause.LIFETIME_EXPIRED));
        assertThat(p.provenLifetimeNs()).isZero();
    }

    @Test
    void refusesNonsensicalConfigurations() {
        assertThatThrownBy(() -> new KeepalivePolicy.Config(30 * S, 20 * S, 0.8, 30 * S, 10 * S))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepalivePolicy.Config(25 * S, 120 * S, 1.5, 30 * S, 10 * S))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theSearchNeverSettlesOnAnUnsafeIntervalAboveTheStart(@ForAll @LongRange(min = 1, max = 600) long timeoutS) {
        KeepalivePolicy p = new KeepalivePolicy(DEFAULT);
        search(p, timeoutS * S);
        long interval = p.intervalNs();
        assertThat(interval).isBetween(DEFAULT.startIntervalNs(), DEFAULT.capIntervalNs());
        if (interval > DEFAULT.startIntervalNs()) {
            assertThat(interval).isLessThanOrEqualTo((long) (DEFAULT.safetyFactor() * timeoutS * S));
        }
        // Close to the best the safety factor allows, within the search's resolution.
        long best = Math.min(DEFAULT.capIntervalNs(), (long) (DEFAULT.safetyFactor() * (timeoutS * S - DEFAULT.resolutionNs())));
        assertThat(interval).isGreaterThanOrEqualTo(Math.min(best, DEFAULT.capIntervalNs()) - S);
    }
}
