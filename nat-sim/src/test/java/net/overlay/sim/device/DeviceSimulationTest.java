package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceSimulationTest {

    static DeviceSimSpec small(int devices, int connects, long seed) {
        DeviceSimSpec b = DeviceSimSpec.bench(devices, 2, connects, seed);
        return new DeviceSimSpec(b.devices(), b.connects(), b.durationNs(), b.seed(), b.regions(), b.rendezvous(),
                b.natMix(), b.cellularShare(), b.cellularNat(), b.links(), 10 * DeviceSimSpec.SECOND,
                20 * DeviceSimSpec.SECOND, 30 * DeviceSimSpec.SECOND);
    }

    @Test
    void devicesRegisterAndClientsConnect() {
        DeviceSimResult r = DeviceSimulation.run(small(200, 40, 1), 2, 4);
        System.out.println(r.engine() + " started " + r.devicesStarted() + " registered " + r.devicesRegistered()
                + " p50 " + r.registerP50Ns() / 1e6 + " ms " + r.network());
        System.out.println(r.outcomesByPair().entrySet().stream().map(e -> e.getKey() + "=" + java.util.Arrays.toString(e.getValue())).toList());
        r.connects().forEach(c -> System.out.println(c.csv()));
        assertThat(r.devicesRegistered()).isEqualTo(200);
        assertThat(r.count(ConnectRecord.Outcome.FAILED)).isZero();
    }
}
