package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

class CarrierNatTest {
    private static final int BOX_IP = Topology.PUBLIC_BASE + 500;
    private static final long PEER = Endpoints.of(Topology.PUBLIC_BASE + 7, 3478);

    private static long subscriber(int i) {
        return Endpoints.of(Topology.SUBSCRIBER_BASE + i, 40000);
    }

    @Test
    void subscribersOfOneSharedPoolGetDistinctExternalPortsEvenFromTheSamePrivatePort() {
        // Port-preserving: every subscriber asks for 40000; only the first can have it.
        CarrierNat box = new CarrierNat(NatPreset.PORT_RESTRICTED.config(), BOX_IP, 0, 1);
        int s = 200;
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < s; i++) {
            long ext = box.outbound(0, subscriber(i), PEER);
            assertThat(Endpoints.ip(ext)).isEqualTo(BOX_IP);
            ports.add(Endpoints.port(ext));
            // The mapping leads back to its own subscriber.
            assertThat(box.inbound(1, PEER, ext)).isEqualTo(subscriber(i));
        }
        assertThat(ports).hasSize(s);
    }

    @Test
    void portBlocksAreDisjointAndEachSubscriberStaysInItsOwn() {
        NatConfig cgnat = NatPreset.CGNAT_CELLULAR.config(); // random ports in 32768..65535
        CarrierNat box = new CarrierNat(cgnat, BOX_IP, 512, 2);
        int s = 64; // 64 blocks of 512 fill the range exactly
        for (int i = 0; i < s; i++) {
            for (int k = 0; k < 20; k++) {
                long dst = Endpoints.of(Topology.PUBLIC_BASE + 1000 + k, 3478);
                int port = Endpoints.port(box.outbound(0, Endpoints.of(Topology.SUBSCRIBER_BASE + i, 40000 + k), dst));
                int[] block = box.portsOf(Topology.SUBSCRIBER_BASE + i);
                assertThat(block[1] - block[0] + 1).isEqualTo(512);
                assertThat(port).isBetween(block[0], block[1]);
                assertThat(box.inbound(1, dst, Endpoints.of(BOX_IP, port))).isEqualTo(Endpoints.of(Topology.SUBSCRIBER_BASE + i, 40000 + k));
            }
        }
        Set<Integer> firsts = new HashSet<>();
        for (int i = 0; i < s; i++) firsts.add(box.portsOf(Topology.SUBSCRIBER_BASE + i)[0]);
        assertThat(firsts).hasSize(s);
        // A 65th subscriber finds no block: nothing gets through, and it is counted.
        assertThat(box.outbound(0, subscriber(s), PEER)).isEqualTo(Endpoints.NONE);
        assertThat(box.droppedNoBlock()).isEqualTo(1);
        // A port outside every block, or an unknown one, leads nowhere.
        assertThat(box.inbound(1, PEER, Endpoints.of(BOX_IP, 1000))).isEqualTo(Endpoints.NONE);
    }

    @Test
    void hairpinLoopsBetweenTwoSubscribersOnlyThroughTheirMappings() {
        CarrierNat box = new CarrierNat(NatPreset.FULL_CONE.config().withHairpinning(true), BOX_IP, 0, 3);
        long b = box.outbound(0, subscriber(2), PEER); // B's mapping exists (as after registering)
        long[] looped = box.hairpin(1, subscriber(1), b);
        assertThat(looped).isNotNull();
        assertThat(Endpoints.ip(looped[0])).isEqualTo(BOX_IP); // B sees A's external endpoint
        assertThat(looped[1]).isEqualTo(subscriber(2));
        assertThat(box.hairpinning()).isTrue();
        // No mapping at the target port: dropped.
        assertThat(box.hairpin(2, subscriber(1), Endpoints.of(BOX_IP, 9))).isNull();
        assertThat(new CarrierNat(NatPreset.FULL_CONE.config(), BOX_IP, 0, 3).hairpinning()).isFalse();
    }
}
