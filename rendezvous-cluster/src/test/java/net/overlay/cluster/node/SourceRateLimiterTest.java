package net.overlay.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {
    private static final long S = 1_000_000_000L;

    private static InetAddress ip(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSourcePassesItsBurstThenIsLimited() {
        SourceRateLimiter l = new SourceRateLimiter(10, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertThat(l.admit(0, ip(1))).isEqualTo(SourceRateLimiter.Verdict.PASS);
        }
        assertThat(l.admit(0, ip(1))).isEqualTo(SourceRateLimiter.Verdict.RATE_LIMITED);
    }

    @Test
    void tokensRefillAtTheSustainedRateUpToTheBurst() {
        SourceRateLimiter l = new SourceRateLimiter(10, 5, 100);
        for (int i = 0; i < 5; i++) {
            l.admit(0, ip(1));
        }
        // 10 per second: one token every 100 ms.
        assertThat(l.admit(99_000_000L, ip(1))).isEqualTo(SourceRateLimiter.Verdict.RATE_LIMITED);
        assertThat(l.admit(100_000_000L, ip(1))).isEqualTo(SourceRateLimiter.Verdict.PASS);
        assertThat(l.admit(100_000_000L, ip(1))).isEqualTo(SourceRateLimiter.Verdict.RATE_LIMITED);
        // An hour of silence refills no more than the burst.
        int passed = 0;
        for (int i = 0; i < 20; i++) {
            passed += l.admit(3600 * S, ip(1)) == SourceRateLimiter.Verdict.PASS ? 1 : 0;
        }
        assertThat(passed).isEqualTo(5);
    }

    @Test
    void oneFloodingSourceDoesNotLimitAnother() {
        SourceRateLimiter l = new SourceRateLimiter(10, 5, 100);
        for (int i = 0; i < 1000; i++) {
            l.admit(0, ip(1));
        }
        assertThat(l.admit(0, ip(2))).isEqualTo(SourceRateLimiter.Verdict.PASS);
    }

    @Test
    void aFullTableForgetsIdleSourcesToMakeRoom() {
        SourceRateLimiter l = new SourceRateLimiter(10, 5, 2);
        l.admit(0, ip(1));
        l.admit(0, ip(2));
        // Both buckets are full again after 100 ms: idle, forgettable.
        assertThat(l.admit(100_000_000L, ip(3))).isEqualTo(SourceRateLimiter.Verdict.PASS);
        assertThat(l.trackedSources()).isLessThanOrEqualTo(2);
    }

    @Test
    void aFullTableOfBusySourcesRefusesNewOnesAndCountsThemApart() {
        SourceRateLimiter l = new SourceRateLimiter(10, 5, 2);
        l.admit(0, ip(1));
        l.admit(0, ip(2));
        assertThat(l.admit(1_000_000L, ip(3))).isEqualTo(SourceRateLimiter.Verdict.TABLE_FULL);
        assertThat(l.trackedSources()).isEqualTo(2);
        assertThat(l.admit(1_000_000L, ip(1))).isEqualTo(SourceRateLimiter.Verdict.PASS);
    }

    @Test
    void aClockGoingBackwardsRefillsNothing() {
        SourceRateLimiter l = new SourceRateLimiter(10, 1, 10);
        assertThat(l.admit(5 * S, ip(1))).isEqualTo(SourceRateLimiter.Verdict.PASS);
        assertThat(l.admit(0, ip(1))).isEqualTo(SourceRateLimiter.Verdict.RATE_LIMITED);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new SourceRateLimiter(0, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRateLimiter(Double.NaN, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRateLimiter(10, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceRateLimiter(10, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Token bucket bound: over any schedule, one source passes at most burst + rate x elapsed. */
    @Property(tries = 200)
    void aSourceNeverPassesMoreThanBurstPlusRateTimesElapsed(@ForAll @IntRange(min = 1, max = 1000) int perSecond,
            @ForAll @IntRange(min = 1, max = 100) int burst,
            @ForAll @Size(min = 1, max = 300) java.util.List<@LongRange(min = 0, max = 50_000_000L) Long> gapsNs) {
        SourceRateLimiter l = new SourceRateLimiter(perSecond, burst, 10);
        long now = 0;
        int passed = 0;
        for (long gap : gapsNs) {
            now += gap;
            passed += l.admit(now, ip(1)) == SourceRateLimiter.Verdict.PASS ? 1 : 0;
        }
        assertThat((double) passed).isLessThanOrEqualTo(burst + perSecond * (now / 1e9) + 1e-9);
    }
}
