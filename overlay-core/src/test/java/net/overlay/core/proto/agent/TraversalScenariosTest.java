package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.session.DatagramChannel;
import net.overlay.core.proto.session.Session;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

/**
 * The traversal protocol's life beyond the first connection, all on the in-memory network in
 * virtual time: data over the relay then direct, keepalives against NAT timeouts, roaming, a
 * rendezvous restart, a relay failure.
 */
class TraversalScenariosTest {
    private static final long MINUTE = 60 * SECOND;

    /** Both agents carry test datagram channels; returns them once the client asked to connect. */
    private static final class Wired {
        final TraversalWorld w;
        final List<DatagramChannel> deviceChannels = new ArrayList<>();
        final List<DatagramChannel> clientChannels = new ArrayList<>();
        long connectAtNs;

        Wired(TraversalWorld w, NatPreset device, NatPreset client) {
            this.w = w;
            w.addDevice(device, 20 * MS);
            w.addClient(client, 30 * MS);
            w.deviceMachine().setPayloadFactory(s -> add(deviceChannels));
            w.clientMachine().setPayloadFactory(s -> add(clientChannels));
            assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered()
                    && w.has(w.client, AgentEvent.RendezvousReady.class), 20 * SECOND)).isTrue();
        }

        private static DatagramChannel add(List<DatagramChannel> list) {
            DatagramChannel c = new DatagramChannel();
            list.add(c);
            return c;
        }

        void connect() {
            connectAtNs = w.net.nowNs();
            w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        }

        Session clientSession() {
            return w.events(w.client, AgentEvent.PeerConnected.class).getFirst().session();
        }

        /** The client sends {@code text} now (through whichever path is active). */
        void clientSends(String text) {
            clientChannels.getFirst().send(text);
            w.net.act(w.client, c -> ((ClientMachine) c).flush(w.net.nowNs()));
        }
    }

    @Test
    void dataFlowsOverTheRelayFirstThenDirectWithNothingLostOrDuplicated() {
        Wired x = new Wired(new TraversalWorld(3), NatPreset.PORT_RESTRICTED, NatPreset.PORT_RESTRICTED);
        x.connect();
        assertThat(x.w.net.runUntil(() -> x.w.has(x.w.client, AgentEvent.PeerConnected.class), 5 * SECOND)).isTrue();
        x.clientSends("first");
        assertThat(x.w.net.runUntil(() -> !x.deviceChannels.isEmpty()
                && !x.deviceChannels.getFirst().received().isEmpty(), 5 * SECOND)).isTrue();
        long firstByteNs = x.deviceChannels.getFirst().received().getFirst().atNs() - x.connectAtNs;
        // Connect request and answer (client <-> rendezvous: 80 ms), the relayed handshake (140 ms),
        // then the first datagram's relayed one-way trip (70 ms).
        assertThat(firstByteNs).isLessThanOrEqualTo(80 * MS + 140 * MS + 70 * MS + 20 * MS);
        for (int i = 0; i < 40; i++) {
            x.clientSends("m" + i);
            x.w.net.runFor(25 * MS);
        }
        x.w.net.runFor(2 * SECOND);
        assertThat(x.w.has(x.w.client, AgentEvent.PathUpgraded.class)).isTrue();
        DatagramChannel got = x.deviceChannels.getFirst();
        List<String> expected = new ArrayList<>(List.of("first"));
        for (int i = 0; i < 40; i++) {
            expected.add("m" + i);
        }
        assertThat(got.receivedTexts()).containsExactlyElementsOf(expected);
        assertThat(got.packetNumberViolations()).isZero();
    }

    @Test
    void keepalivesKeepADeviceBehindA30SecondCarrierNatReachableForTenMinutes() {
        TraversalWorld w = new TraversalWorld(4);
        w.addDevice(NatPreset.CGNAT_CELLULAR, 40 * MS);
        w.net.runUntil(() -> w.deviceMachine().isRegistered(), 20 * SECOND);
        w.net.runFor(10 * MINUTE);
        assertThat(w.events(w.device, AgentEvent.AddressChanged.class)).as("the mapping never lapsed").isEmpty();
        assertThat(w.rendezvousMachine().broker().isOnline(w.net.nowNs(), TraversalWorld.CAMERA)).isTrue();
        w.addClient(NatPreset.PORT_RESTRICTED, 30 * MS);
        w.net.runUntil(() -> w.has(w.client, AgentEvent.RendezvousReady.class), 20 * SECOND);
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        assertThat(w.net.runUntil(() -> w.has(w.client, AgentEvent.PeerConnected.class), 5 * SECOND)).isTrue();
    }

    @Test
    void theKeepaliveIntervalGrowsOnlyWhereLongerSilenceIsProvenToSurvive() {
        TraversalWorld linux = new TraversalWorld(9);
        linux.addDevice(NatPreset.LINUX_MASQUERADE, 20 * MS);     // 120 s mapping timeout
        linux.net.runUntil(() -> linux.deviceMachine().isRegistered(), 20 * SECOND);
        linux.net.runFor(20 * MINUTE);
        assertThat(linux.deviceMachine().keepaliveIntervalNs()).isGreaterThanOrEqualTo(60 * SECOND);
        assertThat(linux.events(linux.device, AgentEvent.AddressChanged.class)).isEmpty();
        assertThat(linux.rendezvousMachine().broker().isOnline(linux.net.nowNs(), TraversalWorld.CAMERA)).isTrue();

        TraversalWorld cellular = new TraversalWorld(10);
        cellular.addDevice(NatPreset.CGNAT_CELLULAR, 40 * MS);      // 30 s mapping timeout
        cellular.net.runUntil(() -> cellular.deviceMachine().isRegistered(), 20 * SECOND);
        cellular.net.runFor(20 * MINUTE);
        assertThat(cellular.deviceMachine().keepaliveIntervalNs()).isEqualTo(25 * SECOND);
        assertThat(cellular.events(cellular.device, AgentEvent.AddressChanged.class)).isEmpty();
    }

    @Test
    void behindANatWhoseTimeoutIsShorterThanTheKeepaliveTheMappingLapsesAndTheDeviceKeepsMoving() {
        TraversalWorld w = new TraversalWorld(5);
        w.addDevice(NatPreset.CGNAT_CELLULAR.config().withMappingTimeoutNs(20 * SECOND), 40 * MS);
        w.net.runUntil(() -> w.deviceMachine().isRegistered(), 20 * SECOND);
        w.net.runFor(5 * MINUTE);
        // Each 25 s keepalive finds the 20 s mapping gone: a new random port, which the rendezvous
        // reports, and the device registers again from there (it stays reachable, at a cost).
        assertThat(w.events(w.device, AgentEvent.AddressChanged.class)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(w.rendezvousMachine().broker().isOnline(w.net.nowNs(), TraversalWorld.CAMERA)).isTrue();
    }

    @Test
    void aRoamingDeviceReRegistersAndItsOpenSessionFollowsIt() {
        Wired x = new Wired(new TraversalWorld(6), NatPreset.CGNAT_CELLULAR, NatPreset.PORT_RESTRICTED);
        x.connect();
        assertThat(x.w.net.runUntil(() -> x.w.has(x.w.device, AgentEvent.PathUpgraded.class)
                && x.w.has(x.w.client, AgentEvent.PathUpgraded.class), 10 * SECOND)).isTrue();
        // The carrier NAT forgets every mapping (a reboot, a handover): the device's next packets
        // leave from new random ports.
        x.w.deviceSite.nat().expire(Long.MAX_VALUE);
        x.w.net.runFor(2 * MINUTE);
        assertThat(x.w.events(x.w.device, AgentEvent.AddressChanged.class)).isNotEmpty();
        assertThat(x.w.rendezvousMachine().broker().isOnline(x.w.net.nowNs(), TraversalWorld.CAMERA)).isTrue();
        assertThat(x.w.events(x.w.client, AgentEvent.PeerClosed.class)).as("session survived").isEmpty();
        x.clientSends("after roaming");
        x.w.net.runFor(2 * SECOND);
        assertThat(x.deviceChannels.getFirst().receivedTexts()).contains("after roaming");
    }

    @Test
    void aDirectSessionOutlivesARendezvousRestartAndTheAgentsComeBack() {
        Wired x = new Wired(new TraversalWorld(7), NatPreset.PORT_RESTRICTED, NatPreset.PORT_RESTRICTED);
        x.connect();
        assertThat(x.w.net.runUntil(() -> x.w.has(x.w.device, AgentEvent.PathUpgraded.class)
                && x.w.has(x.w.client, AgentEvent.PathUpgraded.class), 10 * SECOND)).isTrue();
        x.w.net.setDown(x.w.rendezvous, true);
        x.w.net.runFor(2 * MINUTE);
        x.clientSends("while the rendezvous is down");
        x.w.net.runFor(SECOND);
        assertThat(x.deviceChannels.getFirst().receivedTexts()).contains("while the rendezvous is down");
        assertThat(x.w.events(x.w.device, AgentEvent.RendezvousLost.class)).isNotEmpty();
        x.w.restartRendezvous();
        long back = x.w.net.nowNs();
        // The device re-registers with the restarted node within two keepalive intervals.
        assertThat(x.w.net.runUntil(() -> x.w.rendezvousMachine().broker().isOnline(x.w.net.nowNs(), TraversalWorld.CAMERA),
                2 * 25 * SECOND)).isTrue();
        assertThat(x.w.net.nowNs() - back).isLessThanOrEqualTo(2 * 25 * SECOND);
        assertThat(x.w.events(x.w.client, AgentEvent.PeerClosed.class)).isEmpty();
    }

    @Test
    void whenTheRelayDiesARelayOnlySessionEndsAndANewOneWorksOnceItIsBack() {
        Wired x = new Wired(new TraversalWorld(8), NatPreset.SYMMETRIC_RANDOM, NatPreset.SYMMETRIC_RANDOM);
        x.connect();
        assertThat(x.w.net.runUntil(() -> x.w.has(x.w.client, AgentEvent.PeerConnected.class), 5 * SECOND)).isTrue();
        x.w.net.runFor(10 * SECOND);
        assertThat(x.w.has(x.w.client, AgentEvent.PathUpgraded.class)).as("both hard: relay only").isFalse();
        x.w.net.setDown(x.w.rendezvous, true);
        // Nothing gets through any more; the session's idle timeout ends it.
        assertThat(x.w.net.runUntil(() -> x.w.has(x.w.client, AgentEvent.PeerClosed.class), 5 * MINUTE)).isTrue();
        x.w.restartRendezvous();
        x.w.net.runUntil(() -> x.w.rendezvousMachine().broker().isOnline(x.w.net.nowNs(), TraversalWorld.CAMERA),
                MINUTE);
        int before = x.w.events(x.w.client, AgentEvent.PeerConnected.class).size();
        x.w.net.runFor(5 * SECOND);
        x.connect();
        assertThat(x.w.net.runUntil(() -> x.w.events(x.w.client, AgentEvent.PeerConnected.class).size() > before,
                10 * SECOND)).isTrue();
    }
}
