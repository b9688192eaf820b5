package net.overlay.core.proto.session;

import static net.overlay.core.proto.session.SessionHandshakeTest.DEVICE;
import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;

/** Control frames, close, keepalive, idle and half-open timeouts, capacity and rate limits. */
class SessionLifecycleTest {
    static final SessionEndpointConfig SHORT = SessionEndpointConfig.DEFAULT.withSession(
            SessionTuning.DEFAULT.withLiveness(SECOND, 3 * SECOND, 3500 * MS));

    final VirtualNetwork net = new VirtualNetwork(9);
    final Peer client = new Peer(41, SHORT, Authorizer.acceptAll());
    final Peer device = new Peer(42, SHORT, Authorizer.acceptAll());
    final Host<SessionUpdate> deviceHost = net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
    final Host<SessionUpdate> clientHost = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);

    private static Bytes text(String s) {
        return Bytes.of(s.getBytes());
    }

    @Test
    void controlFramesQueuedBeforeTheAnswerArriveAsEvents() {
        Peer.act(net, clientHost, c -> {
            Session s = c.connect(device.publicKey(), "ticket", Path.direct(0, DEVICE));
            s.sendControl(c.nowNs, 7, text("register"));
        });
        net.runFor(SECOND);
        Peer.act(net, deviceHost, d -> d.session().sendControl(d.nowNs, 8, text("registered")));
        net.runFor(SECOND);

        assertThat(device.timeline(SessionEvent.ControlReceived.class)).extracting(Peer.Timed::event)
                .containsExactly(new SessionEvent.ControlReceived(7, text("register")));
        assertThat(client.timeline(SessionEvent.ControlReceived.class)).extracting(Peer.Timed::event)
                .containsExactly(new SessionEvent.ControlReceived(8, text("registered")));
    }

    @Test
    void closeReachesThePeerAndBothForgetTheSession() {
        Peer.act(net, clientHost, c -> c.connect(device.publicKey(), "ticket", Path.direct(0, DEVICE)));
        net.runFor(SECOND);
        Peer.act(net, clientHost, c -> c.session().close(c.nowNs, 3, "bye"));
        net.runFor(SECOND);

        assertThat(device.timeline(SessionEvent.Closed.class)).extracting(Peer.Timed::event)
                .containsExactly(new SessionEvent.Closed(SessionEvent.Cause.PEER, 3, "bye"));
        assertThat(client.timeline(SessionEvent.Closed.class)).extracting(Peer.Timed::event)
                .containsExactly(new SessionEvent.Closed(SessionEvent.Cause.LOCAL, 3, "bye"));
        assertThat(client.endpoint.sessions()).isEmpty();
        assertThat(device.endpoint.sessions()).isEmpty();
    }

    @Test
    void keepalivesHoldAnIdleSessionOpenAndSilenceClosesIt() {
        Peer.act(net, clientHost, c -> c.connect(device.publicKey(), "ticket", Path.direct(0, DEVICE)));
        net.runFor(10 * SECOND);
        assertThat(client.endpoint.sessions()).hasSize(1);
        assertThat(device.endpoint.sessions()).hasSize(1);
        // About one Ping a second each way, nothing else.
        assertThat(client.sent.size()).isBetween(10, 13);

        long cutNs = net.nowNs();
        Peer.act(net, deviceHost, d -> d.blocked.add(SessionHandshakeTest.CLIENT));
        net.runFor(5 * SECOND);
        List<Peer.Timed> closed = device.timeline(SessionEvent.Closed.class);
        assertThat(closed).singleElement().satisfies(t -> {
            assertThat(((SessionEvent.Closed) t.event()).cause()).isEqualTo(SessionEvent.Cause.IDLE_TIMEOUT);
            assertThat(t.atNs() - cutNs).isLessThanOrEqualTo(3500 * MS);
        });
        assertThat(device.endpoint.stats().sessionsEnded()).isEqualTo(1);
    }

    @Test
    void halfOpenResponderForgetsAnInitiatorThatNeverConfirms() {
        Injector stranger = new Injector();
        Host<Void> s = net.addHost("stranger", net.internet(), "192.0.2.9", 5000, stranger, 20 * MS, 0);
        Peer offline = new Peer(43, SHORT, Authorizer.acceptAll());
        offline.endpoint.connect(0, device.publicKey(), Bytes.EMPTY, Path.direct(0, DEVICE));
        net.act(s, m -> stranger.send(DEVICE, offline.endpoint.pollTransmit().payload()));
        net.runFor(SECOND);
        assertThat(device.endpoint.halfOpenCount()).isEqualTo(1);
        net.runFor(SessionTuning.DEFAULT.halfOpenTimeoutNs());

        assertThat(device.endpoint.halfOpenCount()).isZero();
        assertThat(device.endpoint.sessions()).isEmpty();
    }

    @Test
    void halfOpenCapacityAndPerSourceRateAreEnforcedBeforeAnyDiffieHellman() {
        SessionEndpointConfig tight = new SessionEndpointConfig(SessionTuning.DEFAULT, 100, 3, 10, 5, 16,
                60 * SECOND, 1000);
        Peer small = new Peer(44, tight, Authorizer.acceptAll());
        for (int i = 0; i < 8; i++) {
            Peer initiator = new Peer(100 + i, tight, Authorizer.acceptAll());
            initiator.endpoint.connect(0, small.publicKey(), Bytes.EMPTY, Path.direct(0, DEVICE));
            byte[] msg1 = initiator.endpoint.pollTransmit().payload().toArray();
            small.endpoint.handleDatagram(0, 0, SessionHandshakeTest.CLIENT, msg1, 0, msg1.length);
        }
        SessionStats stats = small.endpoint.stats();
        assertThat(stats.count(DatagramOutcome.INITIATION_ACCEPTED)).isEqualTo(3);
        assertThat(stats.count(DatagramOutcome.INITIATION_OVER_CAPACITY)).isEqualTo(2);
        assertThat(stats.count(DatagramOutcome.INITIATION_RATE_LIMITED)).isEqualTo(3);
    }
}
