package net.overlay.core.proto.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.identity.StaticKeyBinding;
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
import net.overlay.core.proto.signal.Signal.Offer;
import net.overlay.core.proto.signal.Signal.PeerRole;
import net.overlay.core.proto.signal.Signal.Refused;
import net.overlay.core.proto.signal.Signal.Register;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two brokers of one cluster, wired by hand: the device's home ({@code home}) and the client's node ({@code edge}). */
class BrokerRoutingTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long WALL_MS = 1_750_000_000_000L;
    private static final long DEVICE_SESSION = 1;
    private static final long CLIENT_SESSION = 2;
    private static final DeviceId CAMERA = new DeviceId("camera-1");
    private static final Routing.Settings ROUTING = new Routing.Settings(3 * SECOND, 10 * SECOND);

    private final RandomSource random = RandomSource.seeded(17);
    private final Identity cluster = Identity.generate(random);
    private final Identity owner = Identity.generate(random);
    private final Identity device = Identity.generate(random);
    private final Identity user = Identity.generate(random);
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final List<InetSocketAddress> vouchedClients = new ArrayList<>();
    private final InetSocketAddress deviceSeen = addr("203.0.113.7", 40000);
    private final InetSocketAddress clientSeen = addr("192.0.2.33", 51000);
    private Broker home;
    private Broker edge;
    private long now;

    private static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void setUp() {
        directory.addDevice(new DeviceRecord(CAMERA, device.peerId(), owner.peerId()));
        directory.addGrant(Grant.issue(owner, user.peerId(), CAMERA, Set.of("http"), Role.USER, WALL_MS + 3_600_000, random));
        RelayAllocator relays = (nowNs, client, clientAt, dev, deviceAt) -> {
            vouchedClients.add(clientAt);
            return Optional.of(new RelayPair(new RelayGrant(addr("198.51.100.1", 3478), 11, 60_000),
                    new RelayGrant(addr("198.51.100.1", 3478), 22, 60_000)));
        };
        home = new Broker(BrokerConfig.DEFAULT, cluster, directory, relays, random);
        edge = new Broker(BrokerConfig.DEFAULT, cluster, directory, relays, random);
        home.enableRouting(ROUTING);
        edge.enableRouting(ROUTING);
    }

    private static Hello hello(Identity id, PeerRole role, String name) {
        return new Hello(role, id.peerId().key(), name, StaticKeyBinding.sign(id), Bytes.EMPTY);
    }

    private static List<Outgoing> drain(Broker b) {
        List<Outgoing> all = new ArrayList<>();
        for (Outgoing o; (o = b.pollOutgoing()) != null; ) {
            all.add(o);
        }
        return all;
    }

    private static List<Routing> routed(Broker b) {
        List<Routing> all = new ArrayList<>();
        for (Routing r; (r = b.pollRouting()) != null; ) {
            all.add(r);
        }
        return all;
    }

    private void registerDeviceAt(Broker b) {
        assertThat(b.admit(now, DEVICE_SESSION, device.staticPublicKey(), hello(device, PeerRole.DEVICE, "camera-1"))).isTrue();
        b.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new Register(1, List.of(), NatSummary.unknown(), List.of("http")));
        drain(b);
    }

    private Connect connect(long requestId, int nonceByte) {
        byte[] nonce = new byte[16];
        nonce[0] = (byte) nonceByte;
        return new Connect(requestId, "camera-1", "http", Bytes.wrapOwned(nonce), List.of(), NatSummary.unknown());
    }

    private Routing.ForwardConnect clientConnectsAtEdge(Connect c) {
        assertThat(edge.admit(now, CLIENT_SESSION, user.staticPublicKey(), hello(user, PeerRole.CLIENT, ""))).isTrue();
        edge.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, c);
        assertThat(drain(edge)).as("nothing for the client until the home node answers").isEmpty();
        return (Routing.ForwardConnect) routed(edge).getFirst();
    }

    @Test
    void publishesPresenceOnRegistrationAndGoneWhenTheSessionCloses() {
        registerDeviceAt(home);
        assertThat(routed(home)).singleElement().isInstanceOfSatisfying(Routing.DevicePresent.class, p -> {
            assertThat(p.device()).isEqualTo(CAMERA);
            assertThat(p.observed()).isEqualTo(deviceSeen);
            assertThat(p.fresh()).isTrue();
        });
        home.onSessionClosed(DEVICE_SESSION);
        assertThat(routed(home)).containsExactly(new Routing.DeviceGone(CAMERA));
    }

    @Test
    void refreshesPresenceOnKeepalivesOnlyOncePerRefreshInterval() {
        registerDeviceAt(home);
        routed(home);
        now += 4 * SECOND;
        home.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new Keepalive(2));
        assertThat(routed(home)).as("4 s < 10 s refresh").isEmpty();
        now += 7 * SECOND;
        home.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new Keepalive(3));
        assertThat(routed(home)).singleElement().isInstanceOfSatisfying(Routing.DevicePresent.class,
                p -> assertThat(p.fresh()).isFalse());
    }

    @Test
    void afterAMemberIsLostEveryDeviceIsPublishedAgainAtItsNextKeepaliveOnce() {
        registerDeviceAt(home);
        routed(home);
        home.refreshPresenceAtNextKeepalive();
        assertThat(routed(home)).as("nothing at once: the devices' keepalives spread the writes").isEmpty();
        now += SECOND;
        home.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new Keepalive(2));
        assertThat(routed(home)).as("1 s < 10 s refresh, but a refresh is due").singleElement()
                .isInstanceOfSatisfying(Routing.DevicePresent.class, p -> assertThat(p.fresh()).isFalse());
        now += SECOND;
        home.onSignal(now, WALL_MS, DEVICE_SESSION, deviceSeen, new Keepalive(3));
        assertThat(routed(home)).as("back to the refresh interval").isEmpty();
    }

    @Test
    void forwardsAConnectForADeviceRegisteredElsewhereAndRelaysTheHomeAnswer() {
        registerDeviceAt(home);
        Routing.ForwardConnect fwd = clientConnectsAtEdge(connect(5, 1));
        assertThat(fwd.device()).isEqualTo(CAMERA);
        assertThat(fwd.request().clientObserved()).isEqualTo(clientSeen);

        Signal reply = home.onRemoteConnect(now, WALL_MS, fwd.request());
        assertThat(reply).isInstanceOf(Answer.class);
        assertThat(vouchedClients).as("the home relay cannot vouch for a client it never saw").containsExactly((InetSocketAddress) null);
        assertThat(drain(home)).singleElement().satisfies(o -> {
            assertThat(o.sessionId()).isEqualTo(DEVICE_SESSION);
            assertThat(((Offer) o.signal()).candidates().getFirst().address()).isEqualTo(clientSeen);
        });

        edge.onRemoteAnswer(now, fwd.forwardId(), reply);
        assertThat(drain(edge)).singleElement().satisfies(o -> {
            assertThat(o.sessionId()).isEqualTo(CLIENT_SESSION);
            assertThat(((Answer) o.signal()).requestId()).isEqualTo(5);
        });
        assertThat(edge.stats().forwards()).isEqualTo(1);
        assertThat(home.stats().remoteConnects()).isEqualTo(1);
    }

    @Test
    void aRetransmittedConnectWaitsForTheForwardAndThenGetsTheSameAnswer() {
        registerDeviceAt(home);
        Connect c = connect(5, 1);
        Routing.ForwardConnect fwd = clientConnectsAtEdge(c);
        edge.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, c);
        assertThat(drain(edge)).isEmpty();
        assertThat(routed(edge)).as("forwarded once").isEmpty();
        edge.onRemoteAnswer(now, fwd.forwardId(), home.onRemoteConnect(now, WALL_MS, fwd.request()));
        Signal first = drain(edge).getFirst().signal();
        edge.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, c);
        assertThat(drain(edge)).singleElement().satisfies(o -> assertThat(o.signal()).isEqualTo(first));
    }

    @Test
    void theHomeNodeRefusesWhenTheDeviceLeftItAndTheRefusalReachesTheClient() {
        Routing.ForwardConnect fwd = clientConnectsAtEdge(connect(5, 1));
        Signal reply = home.onRemoteConnect(now, WALL_MS, fwd.request());
        assertThat(reply).isInstanceOfSatisfying(Refused.class, r -> assertThat(r.code()).isEqualTo(RefusalCode.DEVICE_OFFLINE));
        edge.onRemoteAnswer(now, fwd.forwardId(), reply);
        assertThat(drain(edge)).singleElement().satisfies(o ->
                assertThat(((Refused) o.signal()).requestId()).isEqualTo(5));
    }

    @Test
    void aForwardWithNoAnswerIsRefusedAfterTheTimeoutAndALateAnswerIsIgnored() {
        Routing.ForwardConnect fwd = clientConnectsAtEdge(connect(5, 1));
        assertThat(edge.pollTimeoutNs()).isLessThanOrEqualTo(now + ROUTING.forwardTimeoutNs());
        now += ROUTING.forwardTimeoutNs();
        edge.handleTimeout(now);
        assertThat(drain(edge)).singleElement().satisfies(o ->
                assertThat(((Refused) o.signal()).code()).isEqualTo(RefusalCode.DEVICE_OFFLINE));
        assertThat(edge.stats().forwardsTimedOut()).isEqualTo(1);
        edge.onRemoteAnswer(now, fwd.forwardId(), new Refused(5, RefusalCode.NO_GRANT, "late"));
        assertThat(drain(edge)).isEmpty();
    }

    @Test
    void aMissFromTheRegistryRefusesAsOffline() {
        Routing.ForwardConnect fwd = clientConnectsAtEdge(connect(5, 1));
        edge.onRemoteMiss(now, fwd.forwardId());
        assertThat(drain(edge)).singleElement().satisfies(o ->
                assertThat(((Refused) o.signal()).code()).isEqualTo(RefusalCode.DEVICE_OFFLINE));
    }

    @Test
    void unknownDevicesAreRefusedAtOnceWithoutForwarding() {
        assertThat(edge.admit(now, CLIENT_SESSION, user.staticPublicKey(), hello(user, PeerRole.CLIENT, ""))).isTrue();
        edge.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, new Connect(5, "camera-9", "http",
                Bytes.wrapOwned(new byte[16]), List.of(), NatSummary.unknown()));
        assertThat(routed(edge)).isEmpty();
        assertThat(drain(edge)).singleElement().satisfies(o ->
                assertThat(((Refused) o.signal()).code()).isEqualTo(RefusalCode.UNKNOWN_DEVICE));
    }

    @Test
    void aDeviceThatMovedAwayIsDroppedSoConnectsHereAreForwarded() {
        registerDeviceAt(edge);
        routed(edge);
        assertThat(edge.dropRegistration(CAMERA)).isTrue();
        assertThat(edge.registeredDevices()).isZero();
        assertThat(edge.stats().movedAway()).isEqualTo(1);
        edge.admit(now, CLIENT_SESSION, user.staticPublicKey(), hello(user, PeerRole.CLIENT, ""));
        edge.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, 1));
        assertThat(routed(edge)).singleElement().isInstanceOf(Routing.ForwardConnect.class);
    }

    @Test
    void aReplayedForwardedRequestIsRefusedAtTheHome() {
        registerDeviceAt(home);
        Routing.ForwardConnect fwd = clientConnectsAtEdge(connect(5, 1));
        Signal first = home.onRemoteConnect(now, WALL_MS, fwd.request());
        assertThat(home.onRemoteConnect(now, WALL_MS, fwd.request())).as("a repeat").isEqualTo(first);
        Routing.RemoteConnect replay = new Routing.RemoteConnect(fwd.request().client(), fwd.request().clientStaticKey(),
                clientSeen, connect(6, 1));
        assertThat(home.onRemoteConnect(now, WALL_MS, replay)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.code()).isEqualTo(RefusalCode.REPLAYED));
    }

    @Test
    void withoutRoutingTheBrokerPublishesNothingAndRefusesOfflineDevices() {
        Broker lone = new Broker(BrokerConfig.DEFAULT, cluster, directory,
                (n, c, ca, d, da) -> Optional.empty(), random);
        lone.admit(now, CLIENT_SESSION, user.staticPublicKey(), hello(user, PeerRole.CLIENT, ""));
        lone.onSignal(now, WALL_MS, CLIENT_SESSION, clientSeen, connect(5, 1));
        assertThat(routed(lone)).isEmpty();
        assertThat(drain(lone)).singleElement().satisfies(o ->
                assertThat(((Refused) o.signal()).code()).isEqualTo(RefusalCode.DEVICE_OFFLINE));
    }
}
