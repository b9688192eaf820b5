package net.overlay.core.proto.session;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;

class SessionHandshakeTest {
    static final InetSocketAddress DEVICE = addr("198.51.100.2", 4000);
    static final InetSocketAddress CLIENT = addr("192.0.2.1", 5000);

    static InetSocketAddress addr(String ip, int port) {
        return Endpoints.toSocketAddress(Endpoints.of(ip, port));
    }

    /** A device that accepts exactly one client key with the payload "ticket", and answers "welcome". */
    static Authorizer only(Bytes clientKey) {
        return (nowNs, key, payload) -> key.equals(clientKey) && new String(payload.toArray()).equals("ticket")
                ? new Authorizer.Accept(Bytes.of("welcome".getBytes()))
                : new Authorizer.Reject("not granted");
    }

    private record Pair(VirtualNetwork net, Peer client, Peer device, Host<SessionUpdate> clientHost,
            Host<SessionUpdate> deviceHost) {}

    /** Client at 20 ms from the core, device at 10 ms: one round trip is 60 ms. */
    private static Pair pair(long seed, double loss, boolean deviceTrustsClient) {
        VirtualNetwork net = new VirtualNetwork(seed);
        Peer client = new Peer(seed * 2 + 1, SessionEndpointConfig.DEFAULT, (n, k, p) -> new Authorizer.Reject("client"));
        Bytes trusted = deviceTrustsClient ? client.publicKey() : Bytes.of(new byte[32]);
        Peer device = new Peer(seed * 2 + 2, SessionEndpointConfig.DEFAULT, only(trusted));
        Host<SessionUpdate> d = net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, loss);
        Host<SessionUpdate> c = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, loss);
        return new Pair(net, client, device, c, d);
    }

    private static <T> List<T> events(Host<SessionUpdate> host, Class<T> type) {
        return host.events().stream().map(SessionUpdate::event).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void ikHandshakeThenDatagramsBothWaysWithFirstByteOneRoundTripAfterTheAnswer() {
        Pair p = pair(1, 0, true);
        Peer.act(p.net, p.clientHost, c -> {
            c.connect(p.device.publicKey(), "ticket", Path.direct(0, DEVICE));
            c.firstChannel().send("hello");
        });
        p.net.runFor(SECOND);
        Peer.act(p.net, p.deviceHost, d -> d.sendText("pong"));
        p.net.runFor(SECOND);

        SessionEvent.Established atClient = events(p.clientHost, SessionEvent.Established.class).getFirst();
        assertThat(new String(atClient.peerPayload().toArray())).isEqualTo("welcome");
        assertThat(atClient.remoteStatic()).isEqualTo(p.device.publicKey());
        SessionEvent.Established atDevice = events(p.deviceHost, SessionEvent.Established.class).getFirst();
        assertThat(atDevice.remoteStatic()).isEqualTo(p.client.publicKey());
        assertThat(p.device.session().handshakeHash()).isEqualTo(p.client.session().handshakeHash());

        // The initiation reaches the device at 30 ms and is answered at once; the client's first
        // datagram leaves with the confirmation as soon as the answer arrives: 30 ms + 1 RTT.
        assertThat(p.device.firstChannel().received()).singleElement().satisfies(r -> {
            assertThat(r.atNs()).isEqualTo(30 * MS + 60 * MS);
            assertThat(new String(r.data().toArray())).isEqualTo("hello");
        });
        assertThat(p.client.firstChannel().receivedTexts()).containsExactly("pong");
        assertThat(p.client.firstChannel().packetNumberViolations()).isZero();
        assertThat(p.device.firstChannel().packetNumberViolations()).isZero();
        assertThat(p.device.endpoint.halfOpenCount()).isZero();
    }

    @Test
    void handshakeSurvivesFivePercentLossByRetransmittingTheSameInitiation() {
        int retransmitted = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Pair p = pair(seed, 0.05, true);
            Peer.act(p.net, p.clientHost, c -> c.connect(p.device.publicKey(), "ticket", Path.direct(0, DEVICE)));
            p.net.runFor(16 * SECOND);
            assertThat(events(p.clientHost, SessionEvent.Established.class)).as("seed %d", seed).hasSize(1);
            long initiations = p.client.sent.stream().filter(t -> t.payload().get(1) == 1).count();
            if (initiations > 1) {
                retransmitted++;
                assertThat(p.client.sent.stream().filter(t -> t.payload().get(1) == 1).map(t -> t.payload()).distinct())
                        .as("retransmissions repeat the same bytes").hasSize(1);
            }
            // However many copies arrived, the device made one session.
            assertThat(p.device.endpoint.stats().count(DatagramOutcome.INITIATION_ACCEPTED)).isEqualTo(1);
        }
        assertThat(retransmitted).as("seeds where loss forced a retransmission").isPositive();
    }

    @Test
    void initiatorGivesUpAfterEveryAttemptWithHandshakeFailed() {
        VirtualNetwork net = new VirtualNetwork(3);
        Peer client = new Peer(3, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        Host<SessionUpdate> c = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);
        Bytes nobodysKey = new Peer(9, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll()).publicKey();
        Peer.act(net, c, p -> p.connect(nobodysKey, "x", Path.direct(0, DEVICE)));
        net.runFor(15 * SECOND);
        assertThat(events(c, SessionEvent.HandshakeFailed.class)).isEmpty();
        net.runFor(SECOND);
        // Sent at 0, 0.5, 1.5, 3.5 and 7.5 s; the last wait ends at 15.5 s.
        assertThat(client.sent).extracting(t -> t.payload().get(1)).containsOnly((byte) 1).hasSize(5);
        assertThat(events(c, SessionEvent.HandshakeFailed.class)).hasSize(1);
        assertThat(client.endpoint.sessions()).isEmpty();
        assertThat(client.endpoint.stats().handshakesFailed()).isEqualTo(1);
    }
}
