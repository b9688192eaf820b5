package net.overlay.core.node.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.overlay.core.node.MachineDriver;
import net.overlay.core.node.UdpSockets;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.spi.NanoClock;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TCP tunnel end to end on loopback: an HTTP server as the device's service, rendezvous, device
 * and client each in its own {@link MachineDriver} on real UDP sockets in one JVM, and HTTP GETs of
 * a 2 MB body through the client's local port.
 */
class TunnelLoopbackTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DeviceId CAMERA = new DeviceId("camera-1");
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final int BODY_BYTES = 2 * 1024 * 1024;

    private static byte[] body;
    private static HttpServer http;
    private static TunnelHost deviceHost;
    private static TunnelHost clientHost;
    private static InetSocketAddress tunnelAt;
    private static HttpClient httpClient;

    @BeforeAll
    static void setUp() throws Exception {
        body = new byte[BODY_BYTES];
        new Random(7).nextBytes(body);
        http = HttpServer.create(ANY_LOOPBACK, 0);
        http.createContext("/blob", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        startOverlay(http.getAddress());
        httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    }

    @AfterAll
    static void tearDown() {
        if (httpClient != null) {
            httpClient.close();
        }
        if (clientHost != null) {
            clientHost.close();
        }
        if (deviceHost != null) {
            deviceHost.close();
        }
        if (http != null) {
            http.stop(0);
        }
        testKit.shutdownTestKit();
    }

    @Test
    void aTwoMegabyteGetArrivesIntactThroughTheTunnel() throws Exception {
        HttpResponse<byte[]> r = get().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(BODY_BYTES);
        assertThat(sha256(r.body())).isEqualTo(sha256(body));
    }

    @Test
    void concurrentGetsEachArriveIntact() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(get());
        }
        CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        for (CompletableFuture<HttpResponse<byte[]>> f : requests) {
            assertThat(f.join().statusCode()).isEqualTo(200);
            assertThat(sha256(f.join().body())).isEqualTo(sha256(body));
        }
    }

    private static CompletableFuture<HttpResponse<byte[]>> get() {
        URI uri = URI.create("http://127.0.0.1:" + tunnelAt.getPort() + "/blob");
        return httpClient.sendAsync(HttpRequest.newBuilder(uri).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void startOverlay(InetSocketAddress service) throws Exception {
        RandomSource random = RandomSource.seeded(42);
        Identity rendezvousId = Identity.generate(random);
        Identity owner = Identity.generate(random);
        Identity deviceId = Identity.generate(random);
        Identity userId = Identity.generate(random);
        long epochMs = MachineDriver.epochMsAtZeroNs(NanoClock.system());
        InMemoryDirectory directory = new InMemoryDirectory()
                .addDevice(new DeviceRecord(CAMERA, deviceId.peerId(), owner.peerId()))
                .addGrant(Grant.issue(owner, userId.peerId(), CAMERA, Set.of("http"), Role.USER,
                        System.currentTimeMillis() + 86_400_000L, random));
        CongestionControlFactory cc = CongestionControls.find("cubic", TunnelLoopbackTest.class.getClassLoader());

        UdpSockets rendezvousSockets = UdpSockets.bindRendezvous("127.0.0.1", "127.0.0.2", 0);
        List<InetSocketAddress> rendezvousAt = rendezvousSockets.localAddresses();
        RendezvousMachine rendezvous = new RendezvousMachine(RendezvousMachine.Config.of(rendezvousAt, epochMs),
                rendezvousId, directory, RandomSource.seeded(1));
        testKit.spawn(MachineDriver.create(rendezvous, rendezvousSockets, e -> { }), "rendezvous");

        UdpSockets deviceSockets = UdpSockets.bind(List.of(ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK));
        DeviceMachine device = new DeviceMachine(agentConfig(deviceId, rendezvousId, rendezvousAt, deviceSockets, epochMs),
                RandomSource.seeded(2), CAMERA, owner.peerId(), List.of("http"));
        deviceHost = new TunnelHost(device, Map.of("http", service), TransportConfig.DEFAULTS, cc);
        TestProbe<AgentEvent> deviceEvents = testKit.createTestProbe();
        ActorRef<MachineDriver.Command<AgentEvent>> deviceDriver =
                testKit.spawn(MachineDriver.create(deviceHost, deviceSockets, deviceEvents.getRef()), "device");
        deviceHost.attach(deviceDriver);
        deviceDriver.tell(deviceHost.act((a, nowNs) -> a.start(nowNs)));
        await(deviceEvents, AgentEvent.RendezvousReady.class);

        UdpSockets clientSockets = UdpSockets.bind(List.of(ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK));
        ClientMachine client = new ClientMachine(agentConfig(userId, rendezvousId, rendezvousAt, clientSockets, epochMs),
                RandomSource.seeded(3));
        clientHost = new TunnelHost(client, Map.of(), TransportConfig.DEFAULTS, cc);
        TestProbe<AgentEvent> clientEvents = testKit.createTestProbe();
        ActorRef<MachineDriver.Command<AgentEvent>> clientDriver =
                testKit.spawn(MachineDriver.create(clientHost, clientSockets, clientEvents.getRef()), "client");
        clientHost.attach(clientDriver);
        tunnelAt = clientHost.listen(ANY_LOOPBACK);
        clientDriver.tell(clientHost.act((a, nowNs) -> a.start(nowNs)));
        await(clientEvents, AgentEvent.RendezvousReady.class);
        clientDriver.tell(clientHost.act((a, nowNs) -> ((ClientMachine) a).connect(nowNs, "camera-1", "http")));
        await(clientEvents, AgentEvent.PeerConnected.class);
    }

    private static <T extends AgentEvent> void await(TestProbe<AgentEvent> probe, Class<T> type) {
        probe.fishForMessage(WAIT, "waiting for " + type.getSimpleName(), e ->
                type.isInstance(e) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static AgentConfig agentConfig(Identity id, Identity rendezvousId, List<InetSocketAddress> rendezvousAt,
            UdpSockets sockets, long epochMs) {
        return AgentConfig.of(id, rendezvousAt.getFirst(), rendezvousId.staticPublicKey(), rendezvousId.peerId(),
                sockets.localAddresses(), epochMs);
    }
}
