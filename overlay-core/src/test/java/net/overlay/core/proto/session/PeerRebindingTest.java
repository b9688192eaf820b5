package net.overlay.core.proto.session;

import static net.overlay.core.proto.session.SessionHandshakeTest.DEVICE;
import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.nat.NatConfig;
import net.overlay.core.proto.traversal.FilteringBehavior;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;
import net.overlay.core.testing.VirtualNetwork;
import net.overlay.core.testing.VirtualNetwork.Host;
import net.overlay.core.testing.VirtualNetwork.Site;
import org.junit.jupiter.api.Test;

/** NAT rebinding (RFC 9000 9.3 in spirit): the peer's address changes, the session validates it and follows. */
class PeerRebindingTest {

    @Test
    void responderFollowsTheInitiatorToItsNewNatPortAfterValidatingIt() {
        // A NAT that forgets idle mappings after 30 s and picks random ports: the next packet after
        // a silence leaves from another port. Keepalives are set longer than that on purpose.
        NatConfig forgetful = new NatConfig(MappingBehavior.ENDPOINT_INDEPENDENT,
                FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.RANDOM, 1, 32768, 65535,
                30 * SECOND, false, false, false, false);
        SessionEndpointConfig config = SessionEndpointConfig.DEFAULT.withSession(
                SessionTuning.DEFAULT.withLiveness(60 * SECOND, 180 * SECOND, 300 * SECOND));
        VirtualNetwork net = new VirtualNetwork(5);
        Site home = net.addNat("home", net.internet(), forgetful, "203.0.113.1", 20 * MS, 0);
        Peer client = new Peer(21, config, Authorizer.acceptAll());
        Peer device = new Peer(22, config, Authorizer.acceptAll());
        Host<SessionUpdate> d = net.addHost("device", net.internet(), "198.51.100.2", 4000, device, 10 * MS, 0);
        Host<SessionUpdate> c = net.addHost("client", home, "10.0.0.2", 40000, client, 0, 0);

        Peer.act(net, c, p -> {
            p.connect(device.publicKey(), "ticket", Path.direct(0, DEVICE));
            p.firstChannel().send("before");
        });
        net.runFor(SECOND);
        Path oldPath = device.session().activePath();
        net.runFor(40 * SECOND);
        Peer.act(net, c, p -> p.sendText("after"));
        net.runFor(SECOND);
        Peer.act(net, d, p -> p.sendText("reply"));
        net.runFor(SECOND);

        Path newPath = device.session().activePath();
        assertThat(newPath.remote()).isNotEqualTo(oldPath.remote());
        assertThat(newPath.remote().getAddress()).isEqualTo(oldPath.remote().getAddress());
        assertThat(device.timeline(SessionEvent.PathValidated.class)).extracting(t -> ((SessionEvent.PathValidated) t.event()).path())
                .containsExactly(newPath);
        assertThat(device.timeline(SessionEvent.PathActivated.class)).extracting(t -> t.event())
                .containsExactly(new SessionEvent.PathActivated(newPath, true));
        assertThat(device.firstChannel().receivedTexts()).containsExactly("before", "after");
        assertThat(client.firstChannel().receivedTexts()).containsExactly("reply");
        // Same address, new port: a rebinding, not a new network path (RFC 9000 9.4).
        assertThat(device.firstChannel().pathChanges()).containsExactly(false);
        // The client saw nothing change: its own path is the same socket and the same device address.
        assertThat(client.timeline(SessionEvent.PathActivated.class)).isEmpty();
    }
}
