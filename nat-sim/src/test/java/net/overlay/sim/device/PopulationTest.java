package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.proto.session.SessionEndpointConfig;
import org.junit.jupiter.api.Test;

class PopulationTest {
    @Test
    void rendezvousNodesHoldASessionForEveryDeviceAndClientThatUsesThemBeyondTheDeploymentDefault() {
        // 200k devices on two rendezvous nodes: about 100k devices each, past the 65,536 sessions of
        // SessionEndpointConfig.DEFAULT, at which a 1M run stopped registering devices.
        DeviceSimSpec spec = DeviceSimSpec.bench(200_000, 2, 20_000, 1);
        Topology topology = new Topology(spec);
        Population population = new Population(topology);
        long held = 0;
        for (int j = 0; j < spec.rendezvous().size(); j++) {
            long users = 0;
            for (int d = 0; d < spec.devices(); d++) {
                if (topology.rendezvousOfDevice(d) == j) users++;
            }
            SessionEndpointConfig c = population.sessionsFor(j);
            assertThat((long) c.maxSessions()).as("node %d, %d devices", j, users).isGreaterThan(users);
            assertThat(c.maxHalfOpen()).isLessThanOrEqualTo(c.maxSessions());
            held += c.maxSessions();
        }
        assertThat(spec.rendezvous()).hasSize(2);
        assertThat(held).isGreaterThan(2L * SessionEndpointConfig.DEFAULT.maxSessions());
    }
}
