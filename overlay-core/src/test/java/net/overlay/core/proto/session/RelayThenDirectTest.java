package net.overlay.core.proto.session;

import static net.overlay.core.proto.session.SessionHandshakeTest.addr;
import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import net.overlay.core.testing.VirtualNetwork.Site;
import org.junit.jupiter.api.Test;

/**
 * Relay first, then the direct path (docs/traversal.md steps 5-7): two hosts behind
 * port-restricted NATs meet through a relay, punch, move to the direct path without losing or
 * repeating a datagram, and fall back to the relay when the direct path is cut.
 */
class RelayThenDirectTest {
    static final InetSocketAddress RELAY = addr("198.51.100.10", 3478);
    static final InetSocketAddress CLIENT_REFLEXIVE = addr("203.0.113.1", 40000);
    static final InetSocketAddress DEVICE_REFLEXIVE = addr("203.0.113.2", 40000);
    static final long TOKEN_CLIENT = 0x1111L;
    static final long TOKEN_DEVICE = 0x2222L;
    static final long TICK = 20 * MS;
    static final SessionTuning TUNING = SessionTuning.DEFAULT.withLiveness(SECOND, 3 * SECOND, 30 * SECOND)
            .withDirectRetryIntervalNs(2 * SECOND);

    final VirtualNetwork net = new VirtualNetwork(7);
    final SessionEndpointConfig config = SessionEndpointConfig.DEFAULT.withSession(TUNING);
    final Peer client = new Peer(11, config, Authorizer.acceptAll());
    final Peer device = new Peer(12, config, Authorizer.acceptAll());
    final TestRelay relay = new TestRelay(TOKEN_CLIENT, TOKEN_DEVICE);
    final Host<SessionUpdate> clientHost;
    final Host<SessionUpdate> deviceHost;
    int sentByClient;
    int sentByDevice;

    RelayThenDirectTest() {
        Site a = net.addNat("a", net.internet(), NatPreset.PORT_RESTRICTED.config(), "203.0.113.1", 20 * MS, 0);
        Site b = net.addNat("b", net.internet(), NatPreset.PORT_RESTRICTED.config(), "203.0.113.2", 30 * MS, 0);
        net.addHost("relay", net.internet(), "198.51.100.10", 3478, relay, 5 * MS, 0);
        clientHost = net.addHost("client", a, "10.0.0.2", 40000, client, 0, 0);
        deviceHost = net.addHost("device", b, "10.0.0.2", 40000, device, 0, 0);
    }

    /** The device announces itself to the relay; the client's first message goes through it. */
    void establishOverRelay() {
        Peer.act(net, deviceHost, d -> d.sendRaw(Transmit.of(RELAY, TestRelay.hello(TOKEN_DEVICE))));
        net.runFor(100 * MS);
        Peer.act(net, clientHost, c -> c.connect(device.publicKey(), "ticket", Path.relayed(0, RELAY, TOKEN_CLIENT)));
        net.runFor(500 * MS);
        assertThat(client.session().state()).isEqualTo(Session.State.ESTABLISHED);
        assertThat(device.session().activePath()).isEqualTo(Path.relayed(0, RELAY, TOKEN_DEVICE));
    }

    /** Both sides send one numbered datagram every tick for {@code durationNs}. */
    void traffic(long durationNs) {
        long end = net.nowNs() + durationNs;
        while (net.nowNs() < end) {
            Peer.act(net, clientHost, c -> c.sendText("c" + sentByClient++));
            Peer.act(net, deviceHost, d -> d.sendText("d" + sentByDevice++));
            net.runFor(TICK);
        }
    }

    void probeBothWays() {
        Peer.act(net, clientHost, c -> c.session().probe(c.nowNs, 0, DEVICE_REFLEXIVE));
        Peer.act(net, deviceHost, d -> d.session().probe(d.nowNs, 0, CLIENT_REFLEXIVE));
    }

    static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void relayFirstThenTheDirectPathValidatesAndCarriesOnWithNoLossOrDuplicate() {
        establishOverRelay();
        traffic(SECOND);
        long relayedSoFar = relay.forwarded;
        probeBothWays();
        traffic(2 * SECOND);
        net.runFor(SECOND);

        Path direct = Path.direct(0, DEVICE_REFLEXIVE);
        assertThat(client.session().activePath()).isEqualTo(direct);
        assertThat(device.session().activePath()).isEqualTo(Path.direct(0, CLIENT_REFLEXIVE));
        assertThat(client.timeline(SessionEvent.PathValidated.class)).hasSize(1);
        assertThat(client.timeline(SessionEvent.PathActivated.class)).extracting(t -> t.event())
                .containsExactly(new SessionEvent.PathActivated(direct, true));
        // Datagrams are unreliable, but nothing was lost on these loss-free links, across the switch.
        assertThat(device.firstChannel().receivedTexts()).containsExactlyInAnyOrderElementsOf(numbered("c", sentByClient));
        assertThat(client.firstChannel().receivedTexts()).containsExactlyInAnyOrderElementsOf(numbered("d", sentByDevice));
        assertThat(client.firstChannel().pathChanges()).containsExactly(true);
        assertThat(client.firstChannel().packetNumberViolations()).isZero();
        // Once switched, the relay carried only the odd keepalive.
        assertThat(relay.forwarded - relayedSoFar).isLessThan(sentByClient);
        assertThat(device.session().isValidated(Path.direct(0, CLIENT_REFLEXIVE))).isTrue();
    }

    @Test
    void cutDirectPathFallsBackToTheRelayWithinThePathTimeout() {
        establishOverRelay();
        probeBothWays();
        traffic(SECOND);
        assertThat(device.session().activePath().isDirect()).isTrue();
        long cutNs = net.nowNs();
        Peer.act(net, deviceHost, d -> d.blocked.add(CLIENT_REFLEXIVE));
        traffic(5 * SECOND);

        for (Peer p : List.of(client, device)) {
            List<Peer.Timed> activations = p.timeline(SessionEvent.PathActivated.class);
            assertThat(activations).hasSize(2);
            Peer.Timed fallback = activations.get(1);
            assertThat(((SessionEvent.PathActivated) fallback.event()).direct()).isFalse();
            // The path timeout runs from the last packet through: for the device up to a tick
            // before the cut, for the client up to one direct one-way delay (50 ms) after it.
            assertThat(fallback.atNs() - cutNs).isBetween(TUNING.pathTimeoutNs() - TICK, TUNING.pathTimeoutNs() + 50 * MS);
            assertThat(p.session().activePath().isDirect()).isFalse();
        }
        // After the fallback every datagram arrives again (the last 1.5 s: after both fell back).
        int lastTicks = (int) (1500 * MS / TICK);
        List<String> recent = numbered("c", sentByClient).subList(sentByClient - lastTicks, sentByClient - 3);
        assertThat(device.firstChannel().receivedTexts()).containsAll(recent);
        assertThat(device.firstChannel().receivedTexts()).doesNotHaveDuplicates();
    }

    @Test
    void aLostDirectPathIsRetriedAndTakesOverAgainWhenItComesBack() {
        establishOverRelay();
        probeBothWays();
        traffic(SECOND);
        Peer.act(net, deviceHost, d -> d.blocked.add(CLIENT_REFLEXIVE));
        traffic(4 * SECOND);
        assertThat(device.session().activePath().isDirect()).isFalse();
        Peer.act(net, deviceHost, d -> d.blocked.clear());
        traffic(4 * SECOND);

        assertThat(device.session().activePath()).isEqualTo(Path.direct(0, CLIENT_REFLEXIVE));
        assertThat(client.session().activePath()).isEqualTo(Path.direct(0, DEVICE_REFLEXIVE));
        assertThat(device.timeline(SessionEvent.PathActivated.class)).extracting(t -> ((SessionEvent.PathActivated) t.event()).direct())
                .containsExactly(true, false, true);
        assertThat(device.firstChannel().receivedTexts()).doesNotHaveDuplicates();
    }
}
