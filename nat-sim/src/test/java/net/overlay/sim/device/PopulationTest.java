package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.proto.relay.RelayConfig;
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

    @Test
    void relaysHaveAnAllocationForEveryClientThatConnectsThroughThem() {
        // 60k connects on two nodes: about 30k each, past the deployment's 10,000 allocations per
        // node, at which 60,000 of a 1M run's 100,000 connects were refused ("no relay capacity").
        DeviceSimSpec spec = DeviceSimSpec.bench(20_000, 5, 60_000, 1);
        Topology topology = new Topology(spec);
        Population population = new Population(topology);
        RelayConfig deployment = RelayConfig.defaults();
        long clientsSeen = 0;
        for (int j = 0; j < spec.rendezvous().size(); j++) {
            long clients = 0;
            for (int c = 0; c < spec.connects(); c++) {
                if (topology.rendezvousOfDevice(topology.targetDevice(c)) == j) clients++;
            }
            RelayConfig r = population.relayFor(j, deployment);
            assertThat((long) r.maxAllocations()).as("node %d, %d clients", j, clients).isGreaterThan(clients);
            assertThat(r.defaultLimits()).isEqualTo(deployment.defaultLimits());
            assertThat(r.idleTimeoutNs()).isEqualTo(deployment.idleTimeoutNs());
            clientsSeen += clients;
        }
        assertThat(clientsSeen).isEqualTo(60_000);
        // a small run keeps the deployment's relay as it is
        Population small = new Population(new Topology(DeviceSimSpec.bench(1_000, 1, 100, 1)));
        assertThat(small.relayFor(0, deployment)).isSameAs(deployment);
    }
}
