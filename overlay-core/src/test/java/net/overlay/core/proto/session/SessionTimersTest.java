package net.overlay.core.proto.session;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's deadline queue (issue #6) with hundreds of sessions: every time the network asks
 * for the next deadline, the answer must be what the old per-call scan gave (the minimum over every
 * session), and after each timer run no live session may be left overdue; retransmissions,
 * handshake failures, keepalives and idle timeouts must all happen, at the times one lone session
 * shows.
 */
class SessionTimersTest {
    static final SessionEndpointConfig MANY = new SessionEndpointConfig(
            SessionTuning.DEFAULT.withLiveness(SECOND, 3 * SECOND, 3500 * MS), 4096, 4096, 1_000_000, 1_000_000,
            4096, 60 * SECOND, 65_536);
    static final InetSocketAddress DEVICE = SessionHandshakeTest.DEVICE;
    static final InetSocketAddress NOBODY = new InetSocketAddress("203.0.113.99", 4000);
    static final int LIVE = 150;
    static final int DEAD = 50;

    /** Wraps a {@link Peer}: checks the queue against a scan at every poll, and records who ended when. */
    static final class Checked implements DatagramMachine<SessionUpdate> {
        final Peer peer;
        final Map<Session, Long> endedAtNs = new HashMap<>();
        final Map<Session, SessionEvent> endings = new HashMap<>();
        long polls;
        long timerRuns;

        Checked(Peer peer) {
            this.peer = peer;
        }

        @Override
        public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
            peer.handleDatagram(nowNs, socket, from, buf, off, len);
        }

        @Override
        public void handleTimeout(long nowNs) {
            peer.handleTimeout(nowNs);
            timerRuns++;
            for (Session s : peer.endpoint.sessions()) {
                assertThat(s.pollTimeoutNs()).as("%s after the timers ran at %d", s, nowNs).isGreaterThan(nowNs);
            }
        }

        @Override
        public Transmit pollTransmit() {
            return peer.pollTransmit();
        }

        @Override
        public SessionUpdate pollEvent() {
            SessionUpdate u = peer.pollEvent();
            if (u != null && (u.event() instanceof SessionEvent.Closed || u.event() instanceof SessionEvent.HandshakeFailed)) {
                endedAtNs.put(u.session(), peer.nowNs);
                endings.put(u.session(), u.event());
            }
            return u;
        }

        @Override
        public long pollTimeoutNs() {
            long scan = NO_DEADLINE;
            for (Session s : peer.endpoint.sessions()) {
                scan = Math.min(scan, s.pollTimeoutNs());
            }
            assertThat(peer.endpoint.pollTimeoutNs()).as("queue against scan").isEqualTo(scan);
            polls++;
            return peer.pollTimeoutNs();
        }
    }

    final VirtualNetwork net = new VirtualNetwork(17);
    final Checked client = new Checked(new Peer(51, MANY, Authorizer.acceptAll()));
    final Checked device = new Checked(new Peer(52, MANY, Authorizer.acceptAll()));
    final Host<SessionUpdate> deviceHost = net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
    final Host<SessionUpdate> clientHost = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);

    /** Opens {@code count} sessions toward {@code to}, one every 7 ms, so that their deadlines interleave. */
    private Map<Session, Long> connect(int count, InetSocketAddress to) {
        Map<Session, Long> openedAtNs = new HashMap<>();
        for (int i = 0; i < count; i++) {
            net.act(clientHost, m -> {
                Peer c = client.peer;
                c.nowNs = net.nowNs();
                openedAtNs.put(c.connect(device.peer.publicKey(), "s", Path.direct(0, to)), c.nowNs);
            });
            net.runFor(7 * MS);
        }
        return openedAtNs;
    }

    /** When a lone initiator toward nobody gives up, after it started. */
    private static long loneHandshakeFailureAfterNs() {
        VirtualNetwork alone = new VirtualNetwork(18);
        Checked lone = new Checked(new Peer(53, MANY, Authorizer.acceptAll()));
        Host<SessionUpdate> h = alone.addHost("lone", alone.internet(), "192.0.2.1", 5000, lone, 20 * MS, 0);
        Bytes someKey = new Peer(54, MANY, Authorizer.acceptAll()).publicKey();
        alone.act(h, m -> lone.peer.connect(someKey, "s", Path.direct(0, NOBODY)));
        alone.runFor(60 * SECOND);
        assertThat(lone.endedAtNs).hasSize(1);
        return lone.endedAtNs.values().iterator().next();
    }

    @Test
    void everySessionTimerFiresAsAScanWouldWithHundredsOfSessions() {
        long failAfterNs = loneHandshakeFailureAfterNs();
        Map<Session, Long> dead = connect(DEAD, NOBODY);
        Map<Session, Long> live = connect(LIVE, DEVICE);
        net.runFor(Math.max(10 * SECOND, failAfterNs + SECOND));

        // Retransmission and give-up: each dead initiator fails exactly as long after its start as a lone one.
        assertThat(client.endings.keySet()).containsExactlyInAnyOrderElementsOf(dead.keySet());
        for (Map.Entry<Session, Long> e : dead.entrySet()) {
            assertThat(client.endings.get(e.getKey())).isInstanceOf(SessionEvent.HandshakeFailed.class);
            assertThat(client.endedAtNs.get(e.getKey()) - e.getValue()).isEqualTo(failAfterNs);
        }
        long initiationsToNobody = client.peer.sent.stream().filter(t -> t.to().equals(NOBODY)).count();
        assertThat(initiationsToNobody).isEqualTo((long) DEAD * SessionTuning.DEFAULT.handshakeAttempts());

        // Keepalives: 10 s or more with an idle timeout of 3.5 s, and every live session is still up on both ends.
        assertThat(client.peer.endpoint.sessions()).containsExactlyInAnyOrderElementsOf(live.keySet());
        assertThat(device.peer.endpoint.sessions()).hasSize(LIVE);
        assertThat(device.peer.endpoint.halfOpenCount()).isZero();

        // Idle timeout: cut the device off; every session on both ends closes 2.5-3.5 s after the last
        // authentic packet, which reaches the client up to one path latency (30 ms) after the cut.
        long cutNs = net.nowNs();
        net.act(deviceHost, m -> device.peer.blocked.add(SessionHandshakeTest.CLIENT));
        net.runFor(5 * SECOND);
        for (Checked side : List.of(client, device)) {
            assertThat(side.peer.endpoint.sessions()).isEmpty();
            List<Long> idleClosures = new ArrayList<>();
            side.endings.forEach((s, event) -> {
                if (event instanceof SessionEvent.Closed c && c.cause() == SessionEvent.Cause.IDLE_TIMEOUT) {
                    idleClosures.add(side.endedAtNs.get(s) - cutNs);
                }
            });
            assertThat(idleClosures).hasSize(LIVE).allSatisfy(afterNs -> assertThat(afterNs)
                    .isBetween(3500 * MS - SECOND - 100 * MS, 3500 * MS + 30 * MS));
            assertThat(side.polls).isGreaterThan(1000);
            assertThat(side.timerRuns).isGreaterThan(LIVE);
        }
    }
}
