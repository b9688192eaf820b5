package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

/**
 * A client that exits cleanly tells its peers: the device's session ends within a round trip
 * (not after the 180 s idle timeout of a client that vanished), and the client is silent after.
 */
class ShutdownTest {
    @Test
    void aClientThatShutsDownClosesItsSessionWithTheDeviceAtOnce() {
        TraversalWorld w = new TraversalWorld(7);
        w.addDevice(NatPreset.PORT_RESTRICTED, 20 * MS);
        w.addClient(NatPreset.PORT_RESTRICTED, 30 * MS);
        assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered()
                && w.has(w.client, AgentEvent.RendezvousReady.class), 20 * SECOND)).isTrue();
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        assertThat(w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class), 10 * SECOND)).isTrue();
        assertThat(w.has(w.device, AgentEvent.PeerClosed.class)).isFalse();

        long closedAt = w.net.nowNs();
        w.net.act(w.client, c -> ((ClientMachine) c).shutdown(w.net.nowNs()));
        assertThat(w.net.runUntil(() -> w.has(w.device, AgentEvent.PeerClosed.class), 2 * SECOND))
                .as("the device hears the Close").isTrue();
        assertThat(w.events(w.device, AgentEvent.PeerClosed.class).getFirst().atNs() - closedAt).isLessThan(SECOND);
        assertThat(w.clientMachine().pollTimeoutNs()).isEqualTo(DatagramMachine.NO_DEADLINE);
        // the device is still registered and serving: only the client's session went
        w.net.runFor(5 * SECOND);
        assertThat(w.deviceMachine().isRegistered()).isTrue();
    }
}
