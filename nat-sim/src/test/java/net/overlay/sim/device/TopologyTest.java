package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopologyTest {

    @Test
    void everyDeviceAndClientHasExactlyOneNodeAndDeviceNodeInvertsDeviceIndex() {
        for (int[] nk : new int[][] {{1, 0}, {10, 10}, {97, 13}, {1000, 250}, {5, 40}}) {
            Topology t = new Topology(DeviceSimSpec.bench(nk[0], 1, nk[1], 1));
            int devices = 0;
            int clients = 0;
            int rendezvous = 0;
            for (int n = 0; n < t.nodes(); n++) {
                switch (t.role(n)) {
                    case DEVICE -> {
                        assertThat(t.deviceIndex(n)).isEqualTo(devices);
                        assertThat(t.deviceNode(devices)).isEqualTo(n);
                        devices++;
                    }
                    case CLIENT -> assertThat(t.clientIndex(n)).isEqualTo(clients++);
                    case RENDEZVOUS -> assertThat(t.rendezvousNode(rendezvous++)).isEqualTo(n);
                    case IDLE -> { }
                }
            }
            assertThat(devices).isEqualTo(nk[0]);
            assertThat(clients).isEqualTo(nk[1]);
            assertThat(rendezvous).isEqualTo(t.spec().rendezvous().size());
        }
    }

    @Test
    void publicAddressesMapBackToTheirNodes() {
        Topology t = new Topology(DeviceSimSpec.bench(100, 1, 10, 1));
        for (int n = 0; n < t.nodes(); n++) assertThat(t.nodeOfIp(Topology.PUBLIC_BASE + n)).isEqualTo(n);
        assertThat(t.nodeOfIp(Topology.SECOND_BASE + t.rendezvousNode(1))).isEqualTo(t.rendezvousNode(1));
        assertThat(t.nodeOfIp(Topology.SECOND_BASE + 1)).isEqualTo(-1);
        assertThat(t.nodeOfIp(Topology.PRIVATE_IP)).isEqualTo(-1);
    }

    @Test
    void everyPathIsAtLeastTheLookahead() {
        Topology t = new Topology(DeviceSimSpec.bench(300, 1, 30, 2));
        long min = t.minOneWayNs();
        for (int a = 0; a < t.nodes(); a += 7) {
            for (int b = 0; b < t.nodes(); b += 11) {
                if (a != b && t.role(a) != Topology.Role.IDLE && t.role(b) != Topology.Role.IDLE) {
                    assertThat(t.oneWayNs(a, b)).isGreaterThanOrEqualTo(min);
                }
            }
        }
    }

    @Test
    void theNatMixIsFollowed() {
        Topology t = new Topology(DeviceSimSpec.bench(20_000, 1, 0, 3));
        long cellular = 0;
        long portRestricted = 0;
        for (int d = 0; d < 20_000; d++) {
            if (t.cellular(d)) cellular++;
            else if (t.deviceNat(d) == net.overlay.core.nat.NatPreset.PORT_RESTRICTED) portRestricted++;
        }
        // 30 % cellular; 35 % of the rest port-restricted.
        assertThat(cellular).isBetween(5_700L, 6_300L);
        assertThat(portRestricted).isBetween(4_600L, 5_200L);
    }
}
