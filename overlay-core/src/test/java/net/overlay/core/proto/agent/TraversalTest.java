package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.nat.NatPreset;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

class TraversalTest {

    @Test
    void deviceBehindAPortRestrictedNatRegistersAndAClientGetsADirectPath() {
        TraversalWorld w = new TraversalWorld(1);
        w.addDevice(NatPreset.PORT_RESTRICTED, 20 * MS);
        assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered(), 10 * SECOND)).as(w.device.events().toString()).isTrue();
        w.addClient(NatPreset.PORT_RESTRICTED, 30 * MS);
        w.net.runUntil(() -> w.has(w.client, AgentEvent.RendezvousReady.class), 10 * SECOND);
        long start = w.net.nowNs();
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        boolean up = w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class)
                && w.has(w.device, AgentEvent.PathUpgraded.class), 20 * SECOND);
        assertThat(up).as("client %s%ndevice %s", w.client.events(), w.device.events()).isTrue();
        // Connect and answer, relayed handshake, sync, primes, a direct round trip: well under a second.
        assertThat(w.net.nowNs() - start).isLessThan(SECOND);
    }
}
