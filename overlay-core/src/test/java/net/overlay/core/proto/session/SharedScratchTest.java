package net.overlay.core.proto.session;

import static net.overlay.core.proto.session.SessionHandshakeTest.DEVICE;
import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;

/**
 * Endpoints on one thread sharing one {@link SessionScratch} (the simulator's regions do, issue #5)
 * keep their sessions apart: every datagram arrives intact at the right peer.
 */
class SharedScratchTest {
    private static final SessionEndpointConfig CONFIG = SessionEndpointConfig.DEFAULT;

    @Test
    void threeEndpointsSharingOneScratchExchangeIntactDataBothWays() {
        SessionScratch shared = new SessionScratch(CONFIG.session().maxDatagramBytes());
        VirtualNetwork net = new VirtualNetwork(5);
        Peer device = new Peer(51, CONFIG, Authorizer.acceptAll(), shared);
        Peer alice = new Peer(52, CONFIG, Authorizer.acceptAll(), shared);
        Peer bob = new Peer(53, CONFIG, Authorizer.acceptAll(), shared);
        Host<SessionUpdate> deviceHost = net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
        Host<SessionUpdate> aliceHost = net.addHost("alice", net.internet(), "192.0.2.1", 5000, alice, 20 * MS, 0);
        Host<SessionUpdate> bobHost = net.addHost("bob", net.internet(), "192.0.2.2", 5000, bob, 30 * MS, 0);
        Peer.act(net, aliceHost, a -> a.connect(device.publicKey(), "alice", Path.direct(0, DEVICE)));
        Peer.act(net, bobHost, b -> b.connect(device.publicKey(), "bob", Path.direct(0, DEVICE)));
        net.runFor(SECOND);

        for (int i = 0; i < 20; i++) {
            int n = i;
            Peer.act(net, aliceHost, a -> a.sendText("a" + n));
            Peer.act(net, bobHost, b -> b.sendText("b" + n + "-a-longer-one-".repeat(n)));
            Peer.act(net, deviceHost, d -> {
                for (DatagramChannel c : d.channels) {
                    c.send("d" + n);
                }
                d.endpoint.flush(d.nowNs);
            });
            net.runFor(50 * MS);
        }
        net.runFor(SECOND);

        assertThat(device.channels).hasSize(2);
        List<String> atDevice = device.channels.stream().flatMap(c -> c.receivedTexts().stream()).toList();
        assertThat(atDevice).hasSize(40);
        for (int i = 0; i < 20; i++) {
            assertThat(atDevice).contains("a" + i, "b" + i + "-a-longer-one-".repeat(i));
        }
        assertThat(alice.firstChannel().receivedTexts()).hasSize(20).allMatch(t -> t.startsWith("d"));
        assertThat(bob.firstChannel().receivedTexts()).hasSize(20).allMatch(t -> t.startsWith("d"));
    }

    @Test
    void aScratchTooSmallForTheConfigsDatagramsIsRefused() {
        RandomSource random = RandomSource.seeded(7);
        SessionScratch small = new SessionScratch(CONFIG.session().maxDatagramBytes() - 1);

        assertThatThrownBy(() -> new SessionEndpoint(CONFIG, Peer.PROTOCOL, DhKeyPair.generate(random), random,
                Authorizer.acceptAll(), small))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
        assertThatThrownBy(() -> new SessionScratch(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
