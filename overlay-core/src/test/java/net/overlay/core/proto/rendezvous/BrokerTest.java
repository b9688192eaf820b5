package net.overlay.core.proto.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.overlay.core.proto.identity.ConnectionTicket;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.identity.Verdict;
import net.overlay.core.proto.rendezvous.Broker.Outgoing;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;
import net.overlay.core.proto.rendezvous.RelayAllocator.RelayPair;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.proto.signal.RefusalCode;
import net.overlay.core.proto.signal.RelayGrant;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.Signal.Answer;
import net.overlay.core.proto.signal.Signal.Connect;
import net.overlay.core.proto.signal.Signal.Hello;
import net.overlay.core.proto.signal.Signal.Keepalive;
import net.overlay.core.proto.signal.Signal.KeepaliveAck;
import net.overlay.core.proto.signal.Signal.Offer;
import net.overlay.core.proto.signal.Signal.OfferAck;
import net.overlay.core.proto.signal.Signal.PeerRole;
import net.overlay.core.proto.signal.Signal.Refused;
import net.overlay.core.proto.signal.Signal.Register;
import net.overlay.core.proto.signal.Signal.Registered;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrokerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long WALL_MS = 1_750_000_000_000L;
    private static final long DEVICE_SESSION = 1;
    private static final long CLIENT_SESSION = 2;
    private static final DeviceId CAMERA = new DeviceId("camera-1");

    private final RandomSource random = RandomSource.seeded(9);
    private final Identity rendezvous = Identity.generate(random);
    private final Identity owner = Identity.generate(random);
    private final Identity device = Identity.generate(random);
    private final Identity user = Identity.generate(random);
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private boolean relayAvailable = true;
    private Broker broker;
    private long now;

    private static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private final InetSocketAddress deviceSeen = addr("203.0.113.7", 40000);
    private final InetSocketAddress clientSeen = addr("192.0.2.33", 51000);

    @BeforeEach
    void setUp() {
        directory.addDevice(new DeviceRecord(CAMERA, device.peerId(), owner.peerId()));
        directory.addGrant(Grant.issue(owner, user.peerId(), CAMERA, Set.of("http", "rtsp"), Role.USER,
                WALL_MS + 3_600_000, random));
        RelayAllocator relays = (nowNs, client, clientAt, dev, deviceAt) -> relayAvailable
                ? Optional.of(new RelayPair(new RelayGrant(addr("198.51.100.1", 3478), 11, 60_000),
                        new RelayGrant(addr("198.51.100.1", 3478), 22, 60_000)))
                : Optional.empty();
        broker = new Broker(BrokerConfig.DEFAULT, rendezvous, directory, relays, random);
    }

    private static Hello hello(Identity id, PeerRole role, String name) {
        return new Hello(role, id.peerId().key(), name, StaticKeyBinding.sign(id), Bytes.EMPTY);
    }

    private List<Outgoing> drain() {
        List<Outgoing> all = new ArrayList<>();
        Outgoing o;
        while ((o = broker.pollOutgoing()) != null) {
            all.add(o);
        }
        return all;
    }

    private void deviceOnline(List<String> services) {
        assertThat(broker.admit(now, DEVICE_SESSION, device.staticPublicKey(), hello(device, PeerRole.DEVICE, "camera-1"))).isTrue();
        broker.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new Register(1, List.of(), NatSummary.unknown(), services));
        assertThat(drain()).singleElement().satisfies(o -> assertThat(o.signal()).isInstanceOf(Registered.class));
    }

    private void clientIn() {
        assertThat(broker.admit(now, CLIENT_SESSION, user.staticPublicKey(), hello(user, PeerRole.CLIENT, ""))).isTrue();
    }

    private Connect connect(long requestId, String service, int nonceByte) {
        byte[] nonce = new byte[16];
        nonce[0] = (byte) nonceByte;
        return new Connect(requestId, "camera-1", service, Bytes.wrapOwned(nonce), List.of(), NatSummary.unknown());
    }

    @Test
    void admitsOnlyPeersThatBindTheirStaticKeyAndDevicesTheDirectoryKnows() {
        Identity stranger = Identity.generate(random);
        assertThat(broker.admit(now, 5, stranger.staticPublicKey(), hello(stranger, PeerRole.DEVICE, "camera-1")))
                .as("right name, wrong key").isFalse();
        assertThat(broker.admit(now, 6, device.staticPublicKey(), hello(device, PeerRole.DEVICE, "camera-2")))
                .as("unknown device").isFalse();
        assertThat(broker.admit(now, 7, stranger.staticPublicKey(), hello(user, PeerRole.CLIENT, "")))
                .as("static key not bound to the claimed identity").isFalse();
        assertThat(broker.admit(now, 8, device.staticPublicKey(), hello(device, PeerRole.DEVICE, "Not A Name!")))
                .isFalse();
        assertThat(broker.stats().helloRejected()).isEqualTo(4);
    }

    @Test
    void connectGivesTheClientAnAnswerAndTheDeviceAnOfferWithOneRelay() {
        deviceOnline(List.of("http"));
        clientIn();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, "http", 1));
        List<Outgoing> out = drain();
        Answer answer = (Answer) out.stream().filter(o -> o.sessionId() == CLIENT_SESSION).findFirst().orElseThrow().signal();
        Offer offer = (Offer) out.stream().filter(o -> o.sessionId() == DEVICE_SESSION).findFirst().orElseThrow().signal();
        assertThat(answer.requestId()).isEqualTo(5);
        assertThat(answer.deviceStaticKey()).isEqualTo(device.staticPublicKey());
        assertThat(answer.candidates().getFirst().address()).isEqualTo(deviceSeen);
        assertThat(answer.relay().token()).isEqualTo(11);
        assertThat(offer.relay().token()).isEqualTo(22);
        assertThat(offer.clientStaticKey()).isEqualTo(user.staticPublicKey());
        assertThat(offer.candidates().getFirst().address()).isEqualTo(clientSeen);
        Verdict ticket = ConnectionTicket.verify(answer.ticket().toArray(), rendezvous.peerId(), CAMERA, WALL_MS);
        assertThat(ticket).isEqualTo(Verdict.OK);
        assertThat(Grant.verify(answer.grant().toArray(), owner.peerId(), CAMERA, user.peerId(), "http", WALL_MS))
                .isEqualTo(Verdict.OK);
    }

    @Test
    void unacknowledgedOffersAreResentWithBackoffThenAbandoned() {
        deviceOnline(List.of("http"));
        clientIn();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, "http", 1));
        drain();
        int offers = 1;
        for (int i = 0; i < 100 && broker.pollTimeoutNs() < now + 60 * SECOND; i++) {
            now = broker.pollTimeoutNs();
            broker.handleTimeout(now);
            offers += (int) drain().stream().filter(o -> o.signal() instanceof Offer).count();
        }
        assertThat(offers).isEqualTo(BrokerConfig.DEFAULT.offerAttempts());
        assertThat(broker.stats().offersAbandoned()).isEqualTo(1);
    }

    @Test
    void anAcknowledgedOfferIsNotResent() {
        deviceOnline(List.of("http"));
        clientIn();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, "http", 1));
        Offer offer = (Offer) drain().stream().filter(o -> o.signal() instanceof Offer).findFirst().orElseThrow().signal();
        broker.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new OfferAck(offer.offerId()));
        now += 10 * SECOND;
        broker.handleTimeout(now);
        assertThat(drain()).noneMatch(o -> o.signal() instanceof Offer);
    }

    @Test
    void aRetransmittedConnectGetsTheSameAnswerAndAReplayIsRefused() {
        deviceOnline(List.of("http"));
        clientIn();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, "http", 1));
        Signal first = drain().stream().filter(o -> o.sessionId() == CLIENT_SESSION).findFirst().orElseThrow().signal();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, "http", 1));
        assertThat(drain()).singleElement().satisfies(o -> assertThat(o.signal()).isEqualTo(first));
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(6, "http", 1));
        assertThat(drain()).singleElement().satisfies(o ->
                assertThat(((Refused) o.signal()).code()).isEqualTo(RefusalCode.REPLAYED));
        assertThat(broker.stats().connects()).isEqualTo(1);
    }

    @Test
    void refusalsNameTheReason() {
        clientIn();
        assertThat(refusal(connect(1, "http", 1))).isEqualTo(RefusalCode.DEVICE_OFFLINE);
        deviceOnline(List.of("http", "ssh"));
        assertThat(refusal(new Connect(2, "camera-9", "http", Bytes.wrapOwned(new byte[16]), List.of(), NatSummary.unknown())))
                .isEqualTo(RefusalCode.UNKNOWN_DEVICE);
        assertThat(refusal(connect(3, "rtsp", 3))).as("granted but not offered").isEqualTo(RefusalCode.UNKNOWN_SERVICE);
        assertThat(refusal(connect(4, "ssh", 4))).as("offered but not granted").isEqualTo(RefusalCode.NO_GRANT);
        relayAvailable = false;
        assertThat(refusal(connect(5, "http", 5))).isEqualTo(RefusalCode.RELAY_UNAVAILABLE);
        directory.revokeGrant(user.peerId(), CAMERA);
        relayAvailable = true;
        assertThat(refusal(connect(6, "http", 6))).isEqualTo(RefusalCode.NO_GRANT);
    }

    @Test
    void anExpiredGrantIsNoGrant() {
        deviceOnline(List.of("http"));
        clientIn();
        broker.onSignal(now, WALL_MS + 3_600_000, CLIENT_SESSION, clientSeen, connect(1, "http", 1));
        assertThat(drain()).singleElement().satisfies(o -> assertThat(((Refused) o.signal()).message()).contains("expired"));
    }

    @Test
    void keepalivesTrackTheDevicesAddressAndSilenceTakesItOffline() {
        deviceOnline(List.of("http"));
        InetSocketAddress moved = addr("203.0.113.7", 41234);
        now += 20 * SECOND;
        broker.onSignal(now, WALL_MS, DEVICE_SESSION, moved, new Keepalive(2));
        assertThat(drain()).singleElement().satisfies(o -> assertThat(((KeepaliveAck) o.signal()).observed()).isEqualTo(moved));
        assertThat(broker.stats().addressChanges()).isEqualTo(1);
        clientIn();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(1, "http", 1));
        Answer a = (Answer) drain().stream().filter(o -> o.sessionId() == CLIENT_SESSION).findFirst().orElseThrow().signal();
        assertThat(a.candidates().getFirst().address()).isEqualTo(moved);
        now += BrokerConfig.DEFAULT.registrationTimeoutNs() + SECOND;
        broker.handleTimeout(now);
        assertThat(broker.isOnline(now, CAMERA)).isFalse();
        assertThat(refusal(connect(2, "http", 2))).isEqualTo(RefusalCode.DEVICE_OFFLINE);
    }

    @Test
    void signalsOutOfRoleAreCountedAndIgnored() {
        clientIn();
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, new Register(1, List.of(), NatSummary.unknown(), List.of("x")));
        broker.onSignal(now, WALL_MS, 99, clientSeen, new Keepalive(1));
        assertThat(drain()).isEmpty();
        assertThat(broker.stats().unexpected()).isEqualTo(2);
        assertThat(broker.registeredDevices()).isZero();
    }

    private RefusalCode refusal(Connect c) {
        broker.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, c);
        List<Outgoing> out = drain();
        return out.stream().filter(o -> o.sessionId() == CLIENT_SESSION).map(o -> ((Refused) o.signal()).code())
                .findFirst().orElseThrow();
    }
}
