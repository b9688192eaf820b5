package net.overlay.core.proto.session;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.proto.wire.BigEndian;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

/** Pings inside a real device-client session: over the relay first, then the direct path. */
class PingProbeTest {
    record Echo(long rttNs, boolean pingerDirect, boolean echoerDirect) {}

    final TraversalWorld w = new TraversalWorld(5, 10 * MS, PunchConfig.DEFAULT);
    final List<Echo> echoes = new ArrayList<>();
    Session session;
    PingProbe probe;

    void connect() {
        w.addDevice(NatPreset.PORT_RESTRICTED, 20 * MS);
        w.deviceMachine().setPayloadFactory(PingProbe::echoer);
        w.addClient(NatPreset.FULL_CONE, 30 * MS);
        assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered()
                && w.has(w.client, AgentEvent.RendezvousReady.class), 10 * SECOND)).isTrue();
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), TraversalWorld.CAMERA.name(), "http"));
        assertThat(w.net.runUntil(() -> w.has(w.client, AgentEvent.PeerConnected.class), 10 * SECOND)).isTrue();
        session = w.events(w.client, AgentEvent.PeerConnected.class).getFirst().session();
        probe = PingProbe.pinger(session, SECOND, (sent, arrived, a, b) -> echoes.add(new Echo(arrived - sent, a, b)));
        w.net.act(w.client, c -> session.attach(probe));
    }

    @Test
    void pingsComeBackOverTheRelayThenOverTheDirectPath() {
        connect();
        w.net.runFor(20 * SECOND);
        assertThat(w.has(w.client, AgentEvent.PathUpgraded.class)).isTrue();
        // One a second for 20 s; none lost on these links.
        assertThat(echoes).hasSizeBetween(19, 21);
        // At most the latest ping is still on its way.
        assertThat(probe.echoesReceived()).isEqualTo(echoes.size());
        assertThat(probe.pingsSent() - probe.echoesReceived()).isBetween(0L, 1L);
        long relayed = echoes.stream().filter(e -> !e.pingerDirect() && !e.echoerDirect()).mapToLong(Echo::rttNs).min().orElseThrow();
        long direct = echoes.stream().filter(e -> e.pingerDirect() && e.echoerDirect()).mapToLong(Echo::rttNs).min().orElseThrow();
        // Client edge 30 ms, device edge 20 ms, rendezvous edge 10 ms, no core delay in this world.
        assertThat(direct).isEqualTo(2 * (30 + 20) * MS);
        assertThat(relayed).isEqualTo(2 * (30 + 10 + 10 + 20) * MS);
        assertThat(echoes.getLast().pingerDirect()).isTrue();
    }

    @Test
    void anEchoOfAPingNeverSentOrAMalformedOneGivesNoSample() {
        connect();
        w.net.runFor(3 * SECOND);
        int before = echoes.size();
        long sent = probe.pingsSent();
        byte[] forged = new byte[PingProbe.PING_BYTES];
        BigEndian.putLong(forged, 0, sent + 5); // a sequence number we have not used
        BigEndian.putLong(forged, 8, w.net.nowNs() - MS);
        byte[] future = new byte[PingProbe.PING_BYTES];
        BigEndian.putLong(future, 8, w.net.nowNs() + SECOND); // sent in the future
        byte[] plaintext = new byte[200];
        int n = FrameCodec.encode(new Frame.Datagram(Bytes.of(forged), true), plaintext, 0);
        n = FrameCodec.encode(new Frame.Datagram(Bytes.of(future), true), plaintext, n);
        n = FrameCodec.encode(new Frame.Datagram(Bytes.of(new byte[5]), true), plaintext, n); // not a ping
        plaintext[n++] = (byte) 0x31; // a truncated frame at the end
        probe.onPacket(w.net.nowNs(), 99, plaintext, 0, n);
        assertThat(echoes).hasSize(before);
        assertThat(probe.echoesReceived()).isEqualTo(before + 2);
    }

    @Test
    void refusesANonPositiveInterval() {
        connect();
        assertThatThrownBy(() -> PingProbe.pinger(session, 0, (a, b, c, d) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
