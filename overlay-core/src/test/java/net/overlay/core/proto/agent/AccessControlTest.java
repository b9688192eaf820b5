package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.ConnectionTicket;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.session.SessionEvent;
import net.overlay.core.proto.session.SessionUpdate;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.testing.TraversalWorld;
import net.overlay.core.testing.VirtualNetwork.Host;
import org.junit.jupiter.api.Test;

/**
 * Who gets an answer from a device: only a client whose first handshake message carries a
 * rendezvous-signed ticket for its own key, used once, and an owner-signed grant for the service.
 * A compromised rendezvous (it holds the cluster key, not the owner's) cannot open a tunnel; strangers
 * and hostile bytes get silence.
 */
class AccessControlTest {
    private static final NoiseProtocol IK = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);

    /** A world with a registered device on a public address (no NAT filters strangers for it). */
    private static TraversalWorld world(long seed) {
        TraversalWorld w = new TraversalWorld(seed);
        w.addDevice(NatPreset.OPEN, 20 * MS);
        assertThat(w.net.runUntil(() -> w.deviceMachine().isRegistered(), 20 * SECOND)).isTrue();
        return w;
    }

    /** An initiator on the internet with {@code who}'s keys that sends the device {@code access}. */
    private static Host<SessionUpdate> knock(TraversalWorld w, Identity who, Signal.AccessRequest access, String ip) {
        SessionEndpoint e = new SessionEndpoint(SessionEndpointConfig.DEFAULT, IK,
                DhKeyPair.fromPrivateKey(who.staticPrivateKey()), RandomSource.seeded(ip.hashCode()), Authorizer.acceptAll());
        Host<SessionUpdate> h = w.net.addHost("knocker-" + ip, w.net.internet(), ip, 4000, e, 15 * MS, 0);
        InetSocketAddress device = w.device.address();
        w.net.act(h, m -> e.connect(w.net.nowNs(), w.deviceId.staticPublicKey(), SignalCodec.encode(access),
                Path.direct(0, device)));
        w.net.runFor(20 * SECOND);
        return h;
    }

    private static Signal.AccessRequest access(TraversalWorld w, Identity ticketIssuer, Identity client,
            Identity grantSigner, long ticketExpiryMs) {
        ConnectionTicket t = ConnectionTicket.issue(ticketIssuer, client.peerId(), TraversalWorld.CAMERA, "http",
                client.staticPublicKey(), ticketExpiryMs, w.random);
        Grant g = Grant.issue(grantSigner, client.peerId(), TraversalWorld.CAMERA, Set.of("http"), Role.USER,
                TraversalWorld.WALL_MS + 3_600_000, w.random);
        return new Signal.AccessRequest("http", Bytes.wrapOwned(t.encode()), Bytes.wrapOwned(g.encode()));
    }

    private static boolean established(Host<SessionUpdate> h) {
        return h.events().stream().anyMatch(u -> u.event() instanceof SessionEvent.Established);
    }

    @Test
    void aValidTicketAndGrantOpenASession() {
        TraversalWorld w = world(21);
        Host<SessionUpdate> user = knock(w, w.userId,
                access(w, w.rendezvousId, w.userId, w.owner, TraversalWorld.WALL_MS + 60_000), "192.0.2.50");
        assertThat(established(user)).isTrue();
    }

    @Test
    void aCompromisedRendezvousCannotOpenATunnelWithoutTheOwnersGrant() {
        TraversalWorld w = world(22);
        Identity attacker = Identity.generate(RandomSource.seeded(99));
        // The rendezvous's key signs the ticket (valid) and, lacking the owner's, the grant (forged).
        Host<SessionUpdate> h = knock(w, attacker,
                access(w, w.rendezvousId, attacker, w.rendezvousId, TraversalWorld.WALL_MS + 60_000), "192.0.2.66");
        assertThat(h.received()).as("not a single datagram back").isZero();
        assertThat(w.deviceMachine().rejectedClients()).isEqualTo(1);
    }

    @Test
    void aTicketForAnotherKeyAnExpiredTicketOrAReusedOneGetSilence() {
        TraversalWorld w = world(23);
        Identity thief = Identity.generate(RandomSource.seeded(98));
        // A genuine ticket and grant for the user, presented by someone else's key.
        Host<SessionUpdate> a = knock(w, thief,
                access(w, w.rendezvousId, w.userId, w.owner, TraversalWorld.WALL_MS + 60_000), "192.0.2.61");
        Host<SessionUpdate> b = knock(w, w.userId,
                access(w, w.rendezvousId, w.userId, w.owner, TraversalWorld.WALL_MS - 1), "192.0.2.62");
        Signal.AccessRequest once = access(w, w.rendezvousId, w.userId, w.owner, TraversalWorld.WALL_MS + 600_000);
        Host<SessionUpdate> first = knock(w, w.userId, once, "192.0.2.63");
        Host<SessionUpdate> replay = knock(w, w.userId, once, "192.0.2.64");
        assertThat(a.received()).isZero();
        assertThat(b.received()).isZero();
        assertThat(established(first)).isTrue();
        assertThat(replay.received()).as("a ticket opens one session").isZero();
        assertThat(w.deviceMachine().rejectedClients()).isEqualTo(3);
    }

    @Test
    void hostileDatagramsToADeviceAndARendezvousRaiseNothingAndStrangersHearNothing() {
        TraversalWorld w = world(24);
        InetSocketAddress stranger = TraversalWorld.addr("192.0.2.99:6666");
        SplittableRandom r = new SplittableRandom(24);
        int iterations = Integer.getInteger("overlay.fuzz.iterations", 100_000);
        long now = w.net.nowNs();
        DeviceMachine device = w.deviceMachine();
        var rendezvous = w.rendezvousMachine();
        int strayToStranger = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (b.length > 2 && r.nextBoolean()) {
                b[0] = (byte) (0xD1);               // look like ours, deeper into the decoders
                b[1] = (byte) (1 + r.nextInt(5));
            }
            try {
                device.handleDatagram(now, 0, stranger, b, 0, b.length);
                rendezvous.handleDatagram(now, r.nextInt(4), stranger, b, 0, b.length);
            } catch (Throwable t) {
                fail("threw on " + HexFormat.of().formatHex(b), t);
            }
            Transmit t;
            while ((t = device.pollTransmit()) != null) {
                if (t.to().equals(stranger)) {
                    strayToStranger++;
                }
            }
            while (rendezvous.pollTransmit() != null) {
                // STUN requests among the noise get answers (bounded to 3x by the responder)
            }
        }
        assertThat(strayToStranger).as("the device answers no stranger").isZero();
    }
}
