package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

class CarrierTopologyTest {
    static DeviceSimSpec carrier(int devices, int connects, int perBox) {
        return DeviceSimSpec.bench(devices, 1, connects, 4)
                .withCarrier(new DeviceSimSpec.Cgnat(perBox, NatPreset.CGNAT_CELLULAR, 0, false), 0.3, 0.2);
    }

    @Test
    void boxesHoldAtMostTheirShareOfDevicesAllFromTheBoxsOwnRegion() {
        int perBox = 7;
        Topology t = new Topology(carrier(3000, 300, perBox));
        Map<Integer, Integer> devicesPerBox = new HashMap<>();
        int cellular = 0;
        int cascaded = 0;
        for (int d = 0; d < 3000; d++) {
            int node = t.deviceNode(d);
            int box = t.boxNodeOf(node);
            if (t.cellular(d)) {
                cellular++;
                assertThat(box).isNotNegative();
                assertThat(t.hostNat(node)).isEqualTo(NatPreset.OPEN); // the box is its only NAT
                assertThat(t.deviceNat(d)).isEqualTo(NatPreset.CGNAT_CELLULAR);
            } else if (t.cascaded(d)) {
                cascaded++;
                assertThat(box).isNotNegative();
                assertThat(t.hostNat(node)).isEqualTo(t.deviceNat(d)); // the home NAT, behind the box
            } else {
                assertThat(box).isEqualTo(-1);
                continue;
            }
            assertThat(t.role(box)).isEqualTo(Topology.Role.CGNAT);
            assertThat(t.region(box)).isEqualTo(t.region(node));
            devicesPerBox.merge(box, 1, Integer::sum);
        }
        assertThat(cellular).isBetween(800, 1000);
        assertThat(cascaded).as("30 % of the fixed-line devices").isBetween(550, 800);
        assertThat(devicesPerBox.values()).allSatisfy(n -> assertThat(n).isBetween(1, perBox));
        assertThat(devicesPerBox).hasSize(t.boxes());
        // Boxes come after every other node, and their public addresses route to them.
        for (int b = 0; b < t.boxes(); b++) {
            assertThat(t.boxNode(b)).isEqualTo(t.nodes() - t.boxes() + b);
            assertThat(t.nodeOfIp(Topology.PUBLIC_BASE + t.boxNode(b))).isEqualTo(t.boxNode(b));
        }
    }

    @Test
    void sameBoxClientsSitBehindTheirDevicesBox() {
        Topology t = new Topology(carrier(2000, 500, 16));
        int same = 0;
        for (int n = 0; n < t.nodes(); n++) {
            if (t.role(n) != Topology.Role.CLIENT) continue;
            int c = t.clientIndex(n);
            int deviceNode = t.deviceNode(t.targetDevice(c));
            if (t.sameNat(c)) {
                same++;
                assertThat(t.boxNodeOf(n)).isEqualTo(t.boxNodeOf(deviceNode)).isNotNegative();
                assertThat(t.region(n)).isEqualTo(t.region(deviceNode));
                assertThat(t.clientNat(c)).isEqualTo(NatPreset.CGNAT_CELLULAR);
                assertThat(t.directOneWayNs(n, deviceNode)).isEqualTo(t.subscriberHopNs(n) + t.subscriberHopNs(deviceNode));
            } else {
                assertThat(t.boxNodeOf(n)).isEqualTo(-1);
            }
        }
        assertThat(same).as("20 % of 500").isBetween(70, 130);
    }

    @Test
    void everyHopThroughABoxKeepsTheLookahead() {
        Topology t = new Topology(carrier(500, 100, 8));
        long min = t.minOneWayNs();
        assertThat(min).isPositive();
        for (int n = 0; n < t.nodes() - t.boxes(); n++) {
            if (t.boxNodeOf(n) >= 0) assertThat(t.subscriberHopNs(n)).isGreaterThanOrEqualTo(min);
        }
        for (int b = 0; b < t.boxes(); b++) {
            assertThat(t.oneWayNs(t.boxNode(b), t.rendezvousNode(0))).isGreaterThanOrEqualTo(min);
            assertThat(t.oneWayNs(t.boxNode(b), t.boxNode(0))).isGreaterThanOrEqualTo(min);
        }
    }

    @Test
    void withoutACgnatSectionTheLayoutIsUnchanged() {
        Topology plain = new Topology(DeviceSimSpec.bench(1000, 1, 100, 4));
        assertThat(plain.boxes()).isZero();
        for (int n = 0; n < plain.nodes(); n++) assertThat(plain.role(n)).isNotEqualTo(Topology.Role.CGNAT);
        Topology boxed = new Topology(carrier(1000, 100, 10));
        assertThat(boxed.nodes()).isEqualTo(plain.nodes() + boxed.boxes());
    }
}
