package net.overlay.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import net.overlay.core.proto.session.Path;
import net.overlay.core.spi.NanoClock;
import net.overlay.core.spi.RandomSource;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The three roles, each in its own {@link MachineDriver} on real UDP sockets on loopback
 * (127.0.0.1 and 127.0.0.2, ephemeral ports), in one JVM: the device registers, the client
 * connects through the relay, the session upgrades to the direct path, and datagrams flow on both.
 */
class LoopbackTraversalTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DeviceId CAMERA = new DeviceId("camera-1");
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static <T extends AgentEvent> T await(TestProbe<AgentEvent> probe, Class<T> type) {
        List<AgentEvent> got = probe.fishForMessage(WAIT, "waiting for " + type.getSimpleName(), e ->
                 type.isInstance(e) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        return type.cast(got.getLast());
    }

    private static void expectTexts(TestProbe<String> arrivals, List<String> texts) {
        for (String t : texts) {
            assertThat(arrivals.receiveMessage(WAIT)).isEqualTo(t);
        }
    }

    @Test
    void deviceRegistersClientConnectsThroughTheRelayUpgradesToDirectAndDataFlows() throws Exception {
        RandomSource random = RandomSource.seeded(42);
        Identity rendezvousId = Identity.generate(random);
        Identity owner = Identity.generate(random);
        Identity deviceId = Identity.generate(random);
        Identity userId = Identity.generate(random);
        NanoClock clock = NanoClock.system();
        long epochMs = MachineDriver.epochMsAtZeroNs(clock);
        InMemoryDirectory directory = new InMemoryDirectory()
                .addDevice(new DeviceRecord(CAMERA, deviceId.peerId(), owner.peerId()))
                .addGrant(Grant.issue(owner, userId.peerId(), CAMERA, Set.of("http"), Role.USER,
                        System.currentTimeMillis() + 86_400_000L, random));

        UdpSockets rendezvousSockets = UdpSockets.bindRendezvous("127.0.0.1", "127.0.0.2", 0);
        List<InetSocketAddress> rendezvousAt = rendezvousSockets.localAddresses();
        RendezvousMachine rendezvous = new RendezvousMachine(RendezvousMachine.Config.of(rendezvousAt, epochMs),
                rendezvousId, directory, RandomSource.seeded(1));
        TestProbe<RendezvousMachine.Event> rendezvousEvents = testKit.createTestProbe();
        testKit.spawn(MachineDriver.create(rendezvous, rendezvousSockets, rendezvousEvents.getRef()), "rendezvous");

        TestProbe<String> deviceArrivals = testKit.createTestProbe();
        TestProbe<String> clientArrivals = testKit.createTestProbe();
        List<ReportingChannel> clientChannels = new ArrayList<>();

        UdpSockets deviceSockets = UdpSockets.bind(List.of(ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK));
        DeviceMachine device = new DeviceMachine(agentConfig(deviceId, rendezvousId, rendezvousAt, deviceSockets, epochMs),
                RandomSource.seeded(2), CAMERA, owner.peerId(), List.of("http"));
        device.setPayloadFactory(s -> new ReportingChannel(deviceArrivals.getRef()));
        TestProbe<AgentEvent> deviceEvents = testKit.createTestProbe();
        ActorRef<MachineDriver.Command<AgentEvent>> deviceDriver =
                testKit.spawn(MachineDriver.create(device, deviceSockets, deviceEvents.getRef()), "device");
        deviceDriver.tell(new MachineDriver.Act<>((m, nowNs) -> ((DeviceMachine) m).start(nowNs)));
        await(deviceEvents, AgentEvent.RendezvousReady.class);

        UdpSockets clientSockets = UdpSockets.bind(List.of(ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK));
        ClientMachine client = new ClientMachine(agentConfig(userId, rendezvousId, rendezvousAt, clientSockets, epochMs),
                RandomSource.seeded(3));
        client.setPayloadFactory(s -> {
            ReportingChannel c = new ReportingChannel(clientArrivals.getRef());
            clientChannels.add(c);
            return c;
        });
        TestProbe<AgentEvent> clientEvents = testKit.createTestProbe();
        ActorRef<MachineDriver.Command<AgentEvent>> clientDriver =
                testKit.spawn(MachineDriver.create(client, clientSockets, clientEvents.getRef()), "client");
        clientDriver.tell(new MachineDriver.Act<>((m, nowNs) -> ((ClientMachine) m).start(nowNs)));
        await(clientEvents, AgentEvent.RendezvousReady.class);

        clientDriver.tell(new MachineDriver.Act<>((m, nowNs) -> ((ClientMachine) m).connect(nowNs, "camera-1", "http")));
        await(clientEvents, AgentEvent.PeerConnected.class);
        clientDriver.tell(new MachineDriver.Act<>((m, nowNs) -> {
            clientChannels.getFirst().send("early-1");
            clientChannels.getFirst().send("early-2");
            ((ClientMachine) m).flush(nowNs);
        }));
        expectTexts(deviceArrivals, List.of("early-1", "early-2"));

        Path clientPath = await(clientEvents, AgentEvent.PathUpgraded.class).path();
        await(deviceEvents, AgentEvent.PathUpgraded.class);
        assertThat(clientPath.isDirect()).isTrue();
        assertThat(deviceSockets.localAddresses()).contains(clientPath.remote());

        List<String> direct = List.of("direct-1", "direct-2", "direct-3");
        clientDriver.tell(new MachineDriver.Act<>((m, nowNs) -> {
            direct.forEach(clientChannels.getFirst()::send);
            ((ClientMachine) m).flush(nowNs);
        }));
        expectTexts(deviceArrivals, direct);

        TestProbe<MachineDriver.Stats> stats = testKit.createTestProbe();
        clientDriver.tell(new MachineDriver.GetStats<>(stats.getRef()));
        MachineDriver.Stats s = stats.receiveMessage(WAIT);
        assertThat(s.datagramsIn()).isPositive();
        assertThat(s.datagramsOut()).isPositive();
        assertThat(s.inboundDrops()).isZero();
        assertThat(s.ttlSupported()).isEqualTo(LinuxUdpSocket.isAvailable());
    }

    private static AgentConfig agentConfig(Identity id, Identity rendezvousId, List<InetSocketAddress> rendezvousAt,
            UdpSockets sockets, long epochMs) {
        return AgentConfig.of(id, rendezvousAt.getFirst(), rendezvousId.staticPublicKey(), rendezvousId.peerId(),
                sockets.localAddresses(), epochMs);
    }
}
