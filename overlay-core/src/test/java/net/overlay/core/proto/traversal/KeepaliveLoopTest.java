package net.overlay.core.proto.traversal;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.traversal.KeepalivePolicy.Cause;
import net.overlay.core.proto.traversal.LifetimeProbe.Outcome;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** A device following {@link KeepalivePolicy} in virtual time, behind NATs with short and long timeouts. */
class KeepaliveLoopTest {
    private static final long HALF_HOUR_NS = 30 * 60 * SECOND;
    private static final KeepalivePolicy.Config POLICY = KeepalivePolicy.Config.DEFAULT;

    private static KeepaliveLoop run(DiscoveryLab lab, KeepalivePolicy.Config config, long durationNs) {
        KeepaliveLoop loop = new KeepaliveLoop(lab.net.nowNs(), new KeepalivePolicy(config), RandomSource.seeded(7),
                lab.serverAddress(), lab.sockets(3));
        lab.addDevice(loop, 3);
        lab.net.runFor(durationNs);
        return loop;
    }

    private static long maxGapNs(KeepaliveLoop loop, long fromNs, long untilNs) {
        long max = 0;
        for (int i = 1; i < loop.keepaliveSendsNs.size(); i++) {
            long t = loop.keepaliveSendsNs.get(i);
            if (t > fromNs && t <= untilNs) {
                max = Math.max(max, t - loop.keepaliveSendsNs.get(i - 1));
            }
        }
        return max;
    }

    @Test
    void deviceBehindAThirtySecondNatNeverLosesItsMappingInHalfAnHour() {
        DiscoveryLab lab = DiscoveryLab.behind(NatPreset.CGNAT_CELLULAR, 11, 0.0);
        KeepaliveLoop loop = run(lab, POLICY, HALF_HOUR_NS);
        // Random ports: a lost and re-created mapping would show up as another reflexive port.
        assertThat(loop.reflexiveChanges).isZero();
        assertThat(loop.unansweredKeepalives).isZero();
        assertThat(loop.lifetimeResults).extracting(LifetimeProbe.Result::waitNs, LifetimeProbe.Result::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(30 * SECOND, Outcome.EXPIRED));
        assertThat(loop.policy.intervalNs()).isEqualTo(25 * SECOND);
        assertThat(maxGapNs(loop, 0, HALF_HOUR_NS)).isEqualTo(25 * SECOND);
        assertThat(loop.keepaliveSendsNs).hasSize((int) (HALF_HOUR_NS / (25 * SECOND)) + 1);
    }

    @Test
    void theSameLoopWithAFortySecondIntervalLosesItsMapping() {
        // The negative control: the check above can fail.
        DiscoveryLab lab = DiscoveryLab.behind(NatPreset.CGNAT_CELLULAR, 11, 0.0);
        var forty = new KeepalivePolicy.Config(40 * SECOND, 120 * SECOND, 0.8, 30 * SECOND, 10 * SECOND);
        KeepaliveLoop loop = run(lab, forty, HALF_HOUR_NS);
        assertThat(loop.reflexiveChanges).isPositive();
    }

    @Test
    void intervalGrowsOnlyAfterAProvenLifetimeAndTheMappingHoldsBehindATwoMinuteNat() {
        DiscoveryLab lab = DiscoveryLab.behind(NatPreset.LINUX_MASQUERADE, 12, 0.0);
        NatConfig nat = NatPreset.LINUX_MASQUERADE.config();
        KeepaliveLoop loop = run(lab, POLICY, HALF_HOUR_NS);
        assertThat(loop.reflexiveChanges).isZero();
        assertThat(loop.unansweredKeepalives).isZero();
        // Doubling from 30 s, then bisection below the first expiry (120 s plus a round trip).
        assertThat(loop.lifetimeResults).extracting(LifetimeProbe.Result::waitNs)
                .containsExactly(30 * SECOND, 60 * SECOND, 120 * SECOND, 90 * SECOND, 105 * SECOND, 112_500 * MS);
        long firstGrowthNs = firstGrowthTimeNs(loop);
        assertThat(maxGapNs(loop, 0, firstGrowthNs)).isEqualTo(POLICY.startIntervalNs());
        assertThat(loop.policy.intervalNs()).isEqualTo(90 * SECOND).isLessThan(nat.mappingTimeoutNs());
        assertThat(maxGapNs(loop, firstGrowthNs, HALF_HOUR_NS)).isEqualTo(90 * SECOND);
    }

    private static long firstGrowthTimeNs(KeepaliveLoop loop) {
        for (int i = 0; i < loop.adjustments.size(); i++) {
            var a = loop.adjustments.get(i);
            if (a.intervalNs() > a.previousIntervalNs()) {
                assertThat(a.cause()).isEqualTo(Cause.LIFETIME_SURVIVED);
                return loop.adjustmentTimesNs.get(i);
            }
        }
        throw new AssertionError("the interval never grew");
    }

    @Test
    void intervalDropsToTheStartAtOnceWhenAKeepaliveGoesUnanswered() {
        DiscoveryLab lab = DiscoveryLab.behind(NatPreset.LINUX_MASQUERADE, 13, 0.0);
        KeepaliveLoop loop = run(lab, POLICY, 15 * 60 * SECOND);
        assertThat(loop.policy.intervalNs()).isEqualTo(90 * SECOND);
        lab.server.setSilent(true);
        lab.net.runUntil(() -> loop.unansweredKeepalives > 0, 200 * SECOND);
        long failedAtNs = lab.net.nowNs();
        var drop = loop.adjustments.getLast();
        assertThat(drop.cause()).isEqualTo(Cause.KEEPALIVE_UNANSWERED);
        assertThat(drop.reRegister()).isTrue();
        assertThat(drop.intervalNs()).isEqualTo(POLICY.startIntervalNs());
        lab.server.setSilent(false);
        int sent = loop.keepaliveSendsNs.size();
        lab.net.runFor(30 * SECOND);
        // The next keepalive leaves 25 s after the failed one started, not 90 s.
        assertThat(loop.keepaliveSendsNs).hasSize(sent + 1);
        assertThat(loop.keepaliveSendsNs.getLast() - loop.keepaliveSendsNs.get(sent - 1)).isEqualTo(25 * SECOND);
        assertThat(loop.keepaliveSendsNs.getLast()).isGreaterThan(failedAtNs);
    }
}
