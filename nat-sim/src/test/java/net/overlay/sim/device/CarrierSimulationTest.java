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
        DeviceSimSpec b = DeviceSimSpec.bench(devices, 1, devices, 7);
        DeviceSimSpec spec = new DeviceSimSpec(devices, devices, 45 * SECOND, 7, b.regions().subList(0, 1),
                List.of(b.regions().getFirst().name()), Map.of(NatPreset.PORT_RESTRICTED, 1.0), 1.0, boxPreset,
                DeviceSimSpec.Links.DEFAULT, 5 * SECOND, 8 * SECOND, 30 * SECOND);
        return spec.withCarrier(new DeviceSimSpec.Cgnat(perBox, boxPreset, 0, hairpinning), 0, 1.0);
    }

    @Test
    void subscribersOfOneBoxConnectDirectlyOnlyWhenTheBoxHairpins() {
        DeviceSimResult on = DeviceSimulation.run(sameBox(8, 4, true, NatPreset.FULL_CONE), 1, 1);
        DeviceSimResult off = DeviceSimulation.run(sameBox(8, 4, false, NatPreset.FULL_CONE), 1, 1);
        System.out.println(on.network() + " " + on.connects());
        System.out.println(off.network() + " " + off.connects());
        assertThat(on.devicesRegistered()).isEqualTo(8);
        assertThat(off.devicesRegistered()).isEqualTo(8);
        assertThat(on.count(ConnectRecord.Outcome.DIRECT)).isEqualTo(8);
        assertThat(on.network().droppedNoHairpin()).isZero();
        assertThat(off.count(ConnectRecord.Outcome.DIRECT)).isZero();
        assertThat(off.count(ConnectRecord.Outcome.RELAYED)).isEqualTo(8);
        assertThat(off.network().droppedNoHairpin()).isPositive();
    }
}
