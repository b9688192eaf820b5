package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.nat.NatPreset;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

/**
 * A short rendezvous outage (a restart that loses soft state, seconds long): found by the lab's
 * churn scenario, it once left the device asking to be woken at one instant forever (a lifetime
 * test's start time counted while a test ran), and reported its own dead rendezvous session as a
 * peer session that closed.
 */
class RendezvousOutageTest {
    @Test
    void aFiveSecondRestartNeitherLivelocksNorEndsThePeerSessionAndTheDeviceComesBack() {
        TraversalWorld w = new TraversalWorld(3);
        w.addDevice(NatPreset.PORT_RESTRICTED, 20 * MS);
        w.addClient(NatPreset.PORT_RESTRICTED, 30 * MS);
        w.net.runUntil(() -> w.deviceMachine().isRegistered() && w.has(w.client, AgentEvent.RendezvousReady.class),
                20 * SECOND);
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        assertThat(w.net.runUntil(() -> w.has(w.device, AgentEvent.PathUpgraded.class), 10 * SECOND)).isTrue();
        w.net.runFor(10 * SECOND);
        w.net.setDown(w.rendezvous, true);
        w.net.runFor(5 * SECOND);
        w.restartRendezvous();
        long back = w.net.nowNs();
        // Livelocks fail loudly in VirtualNetwork; time must simply move on.
        w.net.runFor(120 * SECOND);
        assertThat(w.net.nowNs() - back).isEqualTo(120 * SECOND);
        assertThat(w.events(w.device, AgentEvent.PeerClosed.class)).isEmpty();
        assertThat(w.events(w.client, AgentEvent.PeerClosed.class)).isEmpty();
        assertThat(w.rendezvousMachine().broker().isOnline(w.net.nowNs(), TraversalWorld.CAMERA)).isTrue();
    }
}
