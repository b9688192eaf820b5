package net.overlay.core.proto.session;

import static net.overlay.core.proto.session.SessionHandshakeTest.DEVICE;
import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;

/** A device answers no one it has not authenticated and authorised: not a single byte. */
class CloakingTest {

    private static Peer device(Authorizer authorizer) {
        return new Peer(100, SessionEndpointConfig.DEFAULT, authorizer);
    }

    @Test
    void rejectedInitiatorGetsNoByteBackAndEveryAttemptIsCounted() {
        VirtualNetwork net = new VirtualNetwork(1);
        Peer device = device((n, k, p) -> new Authorizer.Reject("no grant"));
        Peer client = new Peer(1, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        Host<SessionUpdate> d = net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
        Host<SessionUpdate> c = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);
        Peer.act(net, c, p -> p.connect(device.publicKey(), "ticket", Path.direct(0, DEVICE)));
        net.runFor(20 * SECOND);

        assertThat(c.received()).as("datagrams the client received").isZero();
        assertThat(device.sent).isEmpty();
        SessionStats stats = device.endpoint.stats();
        assertThat(stats.count(DatagramOutcome.INITIATION_UNAUTHORIZED)).isEqualTo(1);
        // The retransmissions carry an ephemeral key already refused: no second DH, no answer.
        assertThat(stats.count(DatagramOutcome.INITIATION_REPLAYED)).isEqualTo(4);
        assertThat(stats.datagrams()).isEqualTo(5);
        assertThat(device.endpoint.sessions()).isEmpty();
        assertThat(d.events()).isEmpty();
    }

    @Test
    void initiatorWithTheWrongDeviceKeyGetsNoByteBack() {
        VirtualNetwork net = new VirtualNetwork(2);
        Peer device = device(Authorizer.acceptAll());
        Peer client = new Peer(2, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        Bytes someoneElse = new Peer(3, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll()).publicKey();
        net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
        Host<SessionUpdate> c = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);
        Peer.act(net, c, p -> p.connect(someoneElse, "ticket", Path.direct(0, DEVICE)));
        net.runFor(20 * SECOND);

        assertThat(c.received()).isZero();
        assertThat(device.endpoint.stats().count(DatagramOutcome.INITIATION_UNAUTHENTIC)).isEqualTo(5);
    }

    @Test
    void garbageReplayedHandshakeAndReplayedTransportPacketGetNoAnswerAndAreCounted() {
        VirtualNetwork net = new VirtualNetwork(3);
        Peer device = device(Authorizer.acceptAll());
        Peer client = new Peer(4, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        Injector attacker = new Injector();
        net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
        Host<SessionUpdate> c = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);
        Host<Void> a = net.addHost("attacker", net.internet(), "192.0.2.66", 6666, attacker, 5 * MS, 0);
        Peer.act(net, c, p -> {
            p.connect(device.publicKey(), "ticket", Path.direct(0, DEVICE));
            p.firstChannel().send("data");
        });
        net.runFor(SECOND);
        assertThat(device.firstChannel().receivedTexts()).containsExactly("data");

        List<Bytes> captured = client.sent.stream().map(Transmit::payload).toList();
        Bytes initiation = captured.stream().filter(b -> b.get(1) == 1).findFirst().orElseThrow();
        Bytes transport = captured.stream().filter(b -> b.get(1) == 3).findFirst().orElseThrow();
        long before = device.sent.size();
        net.act(a, m -> {
            attacker.send(DEVICE, Bytes.fromHex("ff112233445566778899"));
            attacker.send(DEVICE, Bytes.fromHex("d1ff"));
            attacker.send(DEVICE, initiation);
            attacker.send(DEVICE, transport);
        });
        net.runFor(SECOND);
        // The client's own copy of the old initiation, from its own address, after the session is
        // confirmed: also refused (only a half-open session answers duplicates).
        Peer.act(net, c, p -> p.sendRaw(Transmit.of(DEVICE, initiation)));
        net.runFor(SECOND);

        assertThat(a.received()).isZero();
        assertThat(device.sent).hasSize((int) before);
        SessionStats stats = device.endpoint.stats();
        assertThat(stats.count(DatagramOutcome.GARBAGE)).isEqualTo(2);
        assertThat(stats.count(DatagramOutcome.INITIATION_REPLAYED)).isEqualTo(2);
        assertThat(stats.count(DatagramOutcome.TRANSPORT_DUPLICATE)).isEqualTo(1);
        assertThat(device.firstChannel().receivedTexts()).containsExactly("data");
    }

    @Test
    void duplicateInitiationWhileHalfOpenGetsTheCachedAnswerOnlyOnItsFirstPath() {
        VirtualNetwork net = new VirtualNetwork(4);
        Peer device = device(Authorizer.acceptAll());
        Injector client = new Injector();
        Injector elsewhere = new Injector();
        net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
        Host<Void> c = net.addHost("client", net.internet(), "192.0.2.1", 5000, client, 20 * MS, 0);
        Host<Void> e = net.addHost("elsewhere", net.internet(), "192.0.2.7", 5000, elsewhere, 20 * MS, 0);
        // A real initiation, made by a client endpoint that is not on the network.
        Peer offline = new Peer(5, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        offline.endpoint.connect(0, device.publicKey(), Bytes.EMPTY, Path.direct(0, DEVICE));
        Bytes initiation = offline.endpoint.pollTransmit().payload();

        net.act(c, m -> client.send(DEVICE, initiation));
        net.runFor(SECOND);
        net.act(c, m -> client.send(DEVICE, initiation));
        net.act(e, m -> elsewhere.send(DEVICE, initiation));
        net.runFor(SECOND);

        assertThat(client.received).hasSize(2).allSatisfy(b -> assertThat(b.get(1)).isEqualTo((byte) 2));
        assertThat(client.received.get(0)).isEqualTo(client.received.get(1));
        assertThat(elsewhere.received).isEmpty();
        assertThat(device.endpoint.stats().count(DatagramOutcome.INITIATION_DUPLICATE)).isEqualTo(1);
        assertThat(device.endpoint.stats().count(DatagramOutcome.INITIATION_REPLAYED)).isEqualTo(1);
        assertThat(device.endpoint.halfOpenCount()).isEqualTo(1);
    }
}
