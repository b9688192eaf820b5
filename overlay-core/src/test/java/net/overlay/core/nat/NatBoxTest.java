package net.overlay.core.nat;

import static net.overlay.core.nat.Endpoints.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.SplittableRandom;
import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;
import org.junit.jupiter.api.Test;

class NatBoxTest {
    private static final int PUBLIC_IP = Endpoints.parseIp("203.0.113.7");
    private static final long HOST = Endpoints.of("10.0.0.2", 40000);
    private static final long STUN_A = Endpoints.of("198.51.100.1", 3478);
    private static final long STUN_B = Endpoints.of("198.51.100.2", 3479);
    private static final long PEER = Endpoints.of("192.0.2.9", 5000);
    private static final long SECOND = 1_000_000_000L;

    private static NatBox nat(NatPreset preset) {
        return new NatBox(preset.config(), PUBLIC_IP, new SplittableRandom(1));
    }

    @Test
    void endpointIndependentMappingKeepsOneExternalEndpointForAllDestinations() {
        NatBox nat = nat(NatPreset.PORT_RESTRICTED);
        long a = nat.outbound(0, HOST, STUN_A);
        long b = nat.outbound(0, HOST, STUN_B);
        assertThat(a).isEqualTo(b).isEqualTo(Endpoints.of(PUBLIC_IP, 40000));
    }

    @Test
    void symmetricNatGivesEachDestinationItsOwnPort() {
        NatBox nat = nat(NatPreset.SYMMETRIC_RANDOM);
        long a = nat.outbound(0, HOST, STUN_A);
        long b = nat.outbound(0, HOST, STUN_B);
        assertThat(Endpoints.port(a)).isNotEqualTo(Endpoints.port(b));
        assertThat(Endpoints.port(a)).isBetween(32768, 65535);
        assertThat(nat.outbound(SECOND, HOST, STUN_A)).as("same destination reuses its mapping").isEqualTo(a);
    }

    /**
     * The kernel's {@code masquerade random}/{@code fully-random}, measured on the namespace
     * testbed (lab's {@code KernelNatPortsTest}): every new flow a port from 1024-65535, about half
     * below 32768, where {@code symmetric-random} has none.
     */
    @Test
    void linuxRandomMasqueradeDrawsEachFlowsPortFromTheKernelsRange() {
        NatBox nat = nat(NatPreset.LINUX_MASQUERADE_RANDOM);
        int below = 0;
        int lowest = 65_535;
        for (int i = 0; i < 2000; i++) {
            int p = Endpoints.port(nat.outbound(0, Endpoints.of("10.0.0.2", 20_000 + i), PEER));
            assertThat(p).isBetween(1024, 65535);
            below += p < 32_768 ? 1 : 0;
            lowest = Math.min(lowest, p);
        }
        assertThat(below / 2000.0).isBetween(0.44, 0.56);
        assertThat(lowest).isLessThan(8_000);
        long a = nat.outbound(0, HOST, STUN_A);
        assertThat(Endpoints.port(nat.outbound(0, HOST, STUN_B))).as("a mapping per destination")
                .isNotEqualTo(Endpoints.port(a));
        assertThat(nat.inbound(SECOND, STUN_B, a)).as("only the flow's own remote gets in").isEqualTo(NONE);
        assertThat(nat.inbound(SECOND, STUN_A, a)).isEqualTo(HOST);
    }

    @Test
    void sequentialAllocationStepsPredictably() {
        NatConfig c = new NatConfig(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.SEQUENTIAL, 2, 20000, 20999,
                60 * SECOND, false, false, false, false);
        NatBox nat = new NatBox(c, PUBLIC_IP, new SplittableRandom(3));
        int p1 = Endpoints.port(nat.outbound(0, HOST, STUN_A));
        int p2 = Endpoints.port(nat.outbound(0, HOST, STUN_B));
        int p3 = Endpoints.port(nat.outbound(0, HOST, PEER));
        assertThat(p2 - p1).isEqualTo(2);
        assertThat(p3 - p2).isEqualTo(2);
    }

    @Test
    void fullConeLetsAnyoneInOnceTheMappingExists() {
        NatBox nat = nat(NatPreset.FULL_CONE);
        long pub = nat.outbound(0, HOST, STUN_A);
        assertThat(nat.inbound(1, PEER, pub)).isEqualTo(HOST);
        assertThat(nat.inbound(1, PEER, Endpoints.withPort(pub, 1234))).as("no mapping there").isEqualTo(NONE);
        assertThat(nat.droppedNoMapping()).isEqualTo(1);
    }

    @Test
    void restrictedFilteringChecksOnlyTheAddress() {
        NatBox nat = nat(NatPreset.RESTRICTED);
        long pub = nat.outbound(0, HOST, PEER);
        assertThat(nat.inbound(1, Endpoints.withPort(PEER, 7777), pub)).isEqualTo(HOST);
        assertThat(nat.inbound(1, STUN_A, pub)).isEqualTo(NONE);
        assertThat(nat.droppedFiltered()).isEqualTo(1);
    }

    @Test
    void portRestrictedFilteringChecksAddressAndPort() {
        NatBox nat = nat(NatPreset.PORT_RESTRICTED);
        long pub = nat.outbound(0, HOST, PEER);
        assertThat(nat.inbound(1, PEER, pub)).isEqualTo(HOST);
        assertThat(nat.inbound(1, Endpoints.withPort(PEER, 7777), pub)).isEqualTo(NONE);
    }

    @Test
    void mappingsExpireWhenIdleAndOutboundTrafficRefreshesThem() {
        NatBox nat = new NatBox(NatPreset.PORT_RESTRICTED.config().withMappingTimeoutNs(30 * SECOND),
                PUBLIC_IP, new SplittableRandom(1));
        long pub = nat.outbound(0, HOST, PEER);
        nat.outbound(25 * SECOND, HOST, PEER);
        assertThat(nat.inbound(50 * SECOND, PEER, pub)).as("refreshed at 25 s").isEqualTo(HOST);
        assertThat(nat.inbound(56 * SECOND, PEER, pub)).as("idle since 25 s").isEqualTo(NONE);
        assertThat(nat.activeMappings(56 * SECOND)).isZero();
    }

    @Test
    void unsolicitedInboundPushesTheNextLinuxMappingToThatRemoteOntoAnotherPort() {
        NatBox nat = nat(NatPreset.LINUX_MASQUERADE);
        long preserved = Endpoints.of(PUBLIC_IP, 40000);
        // The far side's probe arrives before we have sent anything to it.
        assertThat(nat.inbound(0, PEER, preserved)).isEqualTo(NONE);
        long toPeer = nat.outbound(SECOND, HOST, PEER);
        assertThat(toPeer).isNotEqualTo(preserved);
        assertThat(nat.collisionRemaps()).isEqualTo(1);
        // Other destinations still see the preserved port: endpoint-independent apart from the clash.
        assertThat(nat.outbound(SECOND, HOST, STUN_A)).isEqualTo(preserved);
    }

    @Test
    void unsolicitedInboundOnAnExistingLinuxMappingRemapsTheFlowToThatRemote() {
        NatBox nat = nat(NatPreset.LINUX_MASQUERADE);
        long pub = nat.outbound(0, HOST, STUN_A);
        assertThat(pub).isEqualTo(Endpoints.of(PUBLIC_IP, 40000));
        assertThat(nat.inbound(SECOND, PEER, pub)).as("filtered: never sent to PEER").isEqualTo(NONE);
        long toPeer = nat.outbound(2 * SECOND, HOST, PEER);
        assertThat(toPeer).isNotEqualTo(pub);
        assertThat(nat.collisionRemaps()).isEqualTo(1);
        assertThat(nat.inbound(3 * SECOND, PEER, toPeer)).isEqualTo(HOST);
        assertThat(nat.inbound(3 * SECOND, PEER, pub)).as("stray entry still owns that tuple").isEqualTo(NONE);
        assertThat(nat.outbound(3 * SECOND, HOST, STUN_A)).isEqualTo(pub);
    }

    @Test
    void aPrimingPacketThatLeavesFirstAvoidsTheCollision() {
        NatBox nat = nat(NatPreset.LINUX_MASQUERADE);
        long pub = nat.outbound(0, HOST, PEER);
        assertThat(nat.inbound(SECOND, PEER, pub)).isEqualTo(HOST);
        assertThat(nat.collisionRemaps()).isZero();
    }

    @Test
    void udpBlockedDropsEverything() {
        NatConfig c = NatPreset.FULL_CONE.config();
        NatBox nat = new NatBox(new NatConfig(c.mapping(), c.filtering(), c.allocation(), 1, 1024, 65535,
                c.mappingTimeoutNs(), false, false, false, true), PUBLIC_IP, new SplittableRandom(1));
        assertThat(nat.outbound(0, HOST, PEER)).isEqualTo(NONE);
        assertThat(nat.inbound(0, PEER, Endpoints.of(PUBLIC_IP, 40000))).isEqualTo(NONE);
        assertThat(nat.droppedBlocked()).isEqualTo(2);
    }

    @Test
    void portExhaustionDropsAndCountsInsteadOfReusingALivePort() {
        NatConfig c = new NatConfig(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.RANDOM, 1, 50000, 50003,
                60 * SECOND, false, false, false, false);
        NatBox nat = new NatBox(c, PUBLIC_IP, new SplittableRandom(9));
        var ports = new HashSet<Integer>();
        for (int i = 0; i < 4; i++) {
            ports.add(Endpoints.port(nat.outbound(0, HOST, Endpoints.withPort(PEER, 6000 + i))));
        }
        assertThat(ports).containsExactlyInAnyOrder(50000, 50001, 50002, 50003);
        assertThat(nat.outbound(0, HOST, Endpoints.withPort(PEER, 7000))).isEqualTo(NONE);
        assertThat(nat.droppedPortsExhausted()).isEqualTo(1);
        assertThat(nat.outbound(61 * SECOND, HOST, Endpoints.withPort(PEER, 7000))).as("after expiry").isNotEqualTo(NONE);
    }

    @Test
    void configRejectsNonsenseWithAMessage() {
        assertThatThrownBy(() -> new NatConfig(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ENDPOINT_INDEPENDENT, PortAllocation.RANDOM, 1, 2000, 1000, SECOND,
                false, false, false, false)).hasMessageContaining("port range");
        assertThatThrownBy(() -> NatPreset.fromId("cone")).hasMessageContaining("port-restricted");
    }

    @Test
    void endpointsPackAndPrint() {
        long e = Endpoints.of("192.0.2.1", 32853);
        assertThat(Endpoints.toString(e)).isEqualTo("192.0.2.1:32853");
        assertThat(Endpoints.fromSocketAddress(Endpoints.toSocketAddress(e))).isEqualTo(e);
        assertThatThrownBy(() -> Endpoints.parseIp("1.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoints.parseIp("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
    }
}
