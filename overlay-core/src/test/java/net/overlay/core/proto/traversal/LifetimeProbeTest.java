package net.overlay.core.proto.traversal;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.traversal.LifetimeProbe.Outcome;
import net.overlay.core.proto.traversal.LifetimeProbe.Result;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 5780 4.6 binding-lifetime tests against NATs with a 30 s mapping timeout. */
class LifetimeProbeTest {
    private static final long NAT_TIMEOUT_NS = 30 * SECOND;
    private static final DiscoveryConfig CONFIG = DiscoveryConfig.DEFAULT;

    private static Result probe(DiscoveryLab lab, long seed, long waitNs) {
        List<LocalSocket> sockets = lab.sockets(2);
        LifetimeProbe probe = LifetimeProbe.start(lab.net.nowNs(), RandomSource.seeded(seed), lab.serverAddress(),
                sockets.get(1), sockets.get(0), waitNs, CONFIG);
        Host<Result> device = lab.addDevice(probe, 2);
        assertThat(lab.net.runUntil(() -> !device.events().isEmpty(), waitNs + 20 * SECOND)).isTrue();
        assertThat(device.events()).containsExactly(probe.result().orElseThrow());
        return probe.result().orElseThrow();
    }

    private static NatConfig thirtySeconds(NatPreset preset) {
        return preset.config().withMappingTimeoutNs(NAT_TIMEOUT_NS);
    }

    @ParameterizedTest
    @EnumSource(value = NatPreset.class, names = {"PORT_RESTRICTED", "SYMMETRIC_RANDOM", "CGNAT_CELLULAR", "LINUX_MASQUERADE"})
    void twentyFiveSecondsSurviveAThirtySecondNat(NatPreset preset) {
        DiscoveryLab lab = DiscoveryLab.behind(thirtySeconds(preset), 1, 0);
        Result r = probe(lab, 1, 25 * SECOND);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.SURVIVED);
        // The silence counts from the opening request, then one round trip for the test.
        assertThat(lab.net.nowNs()).isEqualTo(25 * SECOND + lab.rttNs());
    }

    @ParameterizedTest
    @EnumSource(value = NatPreset.class, names = {"PORT_RESTRICTED", "SYMMETRIC_RANDOM", "CGNAT_CELLULAR", "LINUX_MASQUERADE"})
    void fortySecondsExpireInAThirtySecondNat(NatPreset preset) {
        DiscoveryLab lab = DiscoveryLab.behind(thirtySeconds(preset), 1, 0);
        Result r = probe(lab, 1, 40 * SECOND);
        assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.EXPIRED);
        assertThat(lab.net.nowNs()).isEqualTo(40 * SECOND + CONFIG.unansweredWaitNs());
    }

    @Test
    void aSilenceJustUnderTheTimeoutSurvivesAndJustOverExpires() {
        // The idle time tested is the wait plus about one round trip (60 ms here).
        assertThat(probe(DiscoveryLab.behind(thirtySeconds(NatPreset.CGNAT_CELLULAR), 2, 0), 2,
                NAT_TIMEOUT_NS - 100 * MS).outcome()).isEqualTo(Outcome.SURVIVED);
        assertThat(probe(DiscoveryLab.behind(thirtySeconds(NatPreset.CGNAT_CELLULAR), 2, 0), 2,
                NAT_TIMEOUT_NS).outcome()).isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void verdictsHoldWithFivePercentLoss() {
        for (long seed = 1; seed <= 40; seed++) {
            NatConfig nat = thirtySeconds(NatPreset.PORT_RESTRICTED);
            assertThat(probe(DiscoveryLab.behind(nat, seed, 0.05), seed, 25 * SECOND).outcome())
                    .as("seed %d", seed).isEqualTo(Outcome.SURVIVED);
            assertThat(probe(DiscoveryLab.behind(nat, seed, 0.05), seed, 40 * SECOND).outcome())
                    .as("seed %d", seed).isEqualTo(Outcome.EXPIRED);
        }
    }

    @Test
    void isInconclusiveWhenTheServerFallsSilentDuringTheWait() {
        DiscoveryLab lab = DiscoveryLab.behind(thirtySeconds(NatPreset.PORT_RESTRICTED), 1, 0);
        List<LocalSocket> sockets = lab.sockets(2);
        LifetimeProbe probe = LifetimeProbe.start(0, RandomSource.seeded(1), lab.serverAddress(), sockets.get(1),
                sockets.get(0), 25 * SECOND, CONFIG);
        Host<Result> device = lab.addDevice(probe, 2);
        lab.net.runFor(SECOND);
        lab.server.setSilent(true);
        lab.net.runUntil(() -> !device.events().isEmpty(), 60 * SECOND);
        assertThat(probe.result()).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
            assertThat(r.detail()).startsWith("control request unanswered");
        });
    }

    @Test
    void isInconclusiveWhenUdpIsBlocked() {
        NatConfig blocked = new NatConfig(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ENDPOINT_INDEPENDENT,
                PortAllocation.PRESERVING, 1, 1024, 65535, NAT_TIMEOUT_NS, false, false, false, true);
        Result r = probe(DiscoveryLab.behind(blocked, 1, 0), 1, 25 * SECOND);
        assertThat(r.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(r.detail()).startsWith("opening request unanswered");
    }
}
