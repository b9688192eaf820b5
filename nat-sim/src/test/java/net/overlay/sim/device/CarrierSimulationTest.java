package net.overlay.sim.device;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

/**
 * Shared carrier-grade NAT boxes in the device workload: subscribers behind one box register
 * through it, connects between two subscribers of one box need the box to hairpin, and a box
 * does not serve two engine regions' worth of hosts from the wrong place (the run is equal
 * whatever the partition: see {@link DeviceDeterminismTest}).
 */
class CarrierSimulationTest {

    /** {@code devices} cellular devices behind boxes of {@code perBox}; every client behind its device's box. */
    static DeviceSimSpec sameBox(int devices, int perBox, boolean hairpinning, NatPreset boxPreset) {
        return sameBox(devices, perBox, hairpinning, boxPreset, 0);
    }

    static DeviceSimSpec sameBox(int devices, int perBox, boolean hairpinning, NatPreset boxPreset, int portBlock) {
        DeviceSimSpec b = DeviceSimSpec.bench(devices, 1, devices, 7);
        DeviceSimSpec spec = new DeviceSimSpec(devices, devices, 45 * SECOND, 7, b.regions().subList(0, 1),
                List.of(b.regions().getFirst().name()), Map.of(NatPreset.PORT_RESTRICTED, 1.0), 1.0, boxPreset,
                DeviceSimSpec.Links.DEFAULT, 5 * SECOND, 8 * SECOND, 30 * SECOND);
        return spec.withCarrier(new DeviceSimSpec.Cgnat(perBox, boxPreset, portBlock, hairpinning), 0, 1.0);
    }

    @Test
    void subscribersOfOneBoxConnectDirectlyOnlyWhenTheBoxHairpins() {
        DeviceSimResult on = DeviceSimulation.run(sameBox(8, 4, true, NatPreset.FULL_CONE), 1, 1);
        DeviceSimResult off = DeviceSimulation.run(sameBox(8, 4, false, NatPreset.FULL_CONE), 1, 1);
        assertThat(on.devicesRegistered()).isEqualTo(8);
        assertThat(off.devicesRegistered()).isEqualTo(8);
        assertThat(on.count(ConnectRecord.Outcome.DIRECT)).isEqualTo(8);
        assertThat(on.network().droppedNoHairpin()).isZero();
        assertThat(off.count(ConnectRecord.Outcome.DIRECT)).isZero();
        assertThat(off.count(ConnectRecord.Outcome.RELAYED)).isEqualTo(8);
        assertThat(off.network().droppedNoHairpin()).isPositive();
    }

    @Test
    void aCarrierPresetWithPortBlocksHairpinsToo() {
        // EIM, address-and-port-dependent filtering, random ports inside 1,024-port blocks: 8 devices and
        // their 8 clients behind two boxes; the punch opens both filters through the hairpin.
        DeviceSimResult r = DeviceSimulation.run(sameBox(8, 4, true, NatPreset.CGNAT_CELLULAR, 1024), 1, 1);
        assertThat(r.devicesRegistered()).isEqualTo(8);
        assertThat(r.count(ConnectRecord.Outcome.FAILED)).isZero();
        assertThat(r.count(ConnectRecord.Outcome.DIRECT)).isEqualTo(8);
    }

    @Test
    void aSlowDownlinkDelaysRegistrationAndATinyQueueDrops() {
        DeviceSimSpec base = sameBox(6, 6, false, NatPreset.FULL_CONE).withCarrier(null, 0, 0);
        DeviceSimResult free = DeviceSimulation.run(base, 1, 1);
        // 64 kbit/s: a 1,500-byte opportunity every 187.5 ms, so the discovery and handshake replies queue.
        DeviceSimResult slow = DeviceSimulation.run(base.withLinks(base.links().withBottleneck(
                new DeviceSimSpec.Bottleneck(64, 100_000, null))), 1, 1);
        assertThat(slow.devicesRegistered()).isEqualTo(6);
        assertThat(slow.registerP50Ns()).isGreaterThan(free.registerP50Ns() + 200_000_000L);
        assertThat(slow.network().droppedQueue()).isZero();
        // A 200-byte queue takes no datagram with more than 172 bytes of payload.
        DeviceSimResult tiny = DeviceSimulation.run(base.withLinks(base.links().withBottleneck(
                new DeviceSimSpec.Bottleneck(64, 200, null))), 1, 1);
        // Registration's datagrams are small enough; the peer session's larger ones are not, so no connect comes up.
        assertThat(tiny.network().droppedQueue()).isPositive();
        assertThat(tiny.devicesRegistered()).isEqualTo(6);
        assertThat(tiny.count(ConnectRecord.Outcome.FAILED)).isEqualTo(6);
        assertThat(free.count(ConnectRecord.Outcome.FAILED)).isZero();
    }
}
