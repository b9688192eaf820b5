package net.overlay.core.node.tunnel;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * Rendezvous, device and client, each in its own {@link MachineDriver} on real loopback UDP
 * sockets in one JVM, the device and the client hosted by {@link TunnelHost}s: the device serves
 * one service, {@code http}, at a given TCP address; the client's tunnel to it listens on an
 * ephemeral loopback port. Test helper, not a test.
 */
final class TunnelFixture {
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final DeviceId CAMERA = new DeviceId("camera-1");
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    TunnelHost deviceHost;
    TunnelHost clientHost;
    InetSocketAddress tunnelAt;

    /** Starts everything in {@code testKit} and waits until the client's session is up. */
    static TunnelFixture start(ActorTestKit testKit, InetSocketAddress service) throws Exception {
        TunnelFixture f = new TunnelFixture();
        f.startOverlay(testKit, service);
        return f;
    }

    void close() {
        if (clientHost != null) {
            clientHost.close();
        }
        if (deviceHost != null) {
            deviceHost.close();
        }
    }

    private void startOverlay(ActorTestKit testKit, InetSocketAddress service) throws Exception {
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
        CongestionControlFactory cc = CongestionControls.find("cubic", TunnelFixture.class.getClassLoader());

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
        deviceHost.attach(testKit.system(), deviceDriver);
        deviceDriver.tell(deviceHost.act((a, nowNs) -> a.start(nowNs)));
        await(deviceEvents, AgentEvent.RendezvousReady.class);

        UdpSockets clientSockets = UdpSockets.bind(List.of(ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK, ANY_LOOPBACK));
        ClientMachine client = new ClientMachine(agentConfig(userId, rendezvousId, rendezvousAt, clientSockets, epochMs),
                RandomSource.seeded(3));
        clientHost = new TunnelHost(client, Map.of(), TransportConfig.DEFAULTS, cc);
        TestProbe<AgentEvent> clientEvents = testKit.createTestProbe();
        ActorRef<MachineDriver.Command<AgentEvent>> clientDriver =
                testKit.spawn(MachineDriver.create(clientHost, clientSockets, clientEvents.getRef()), "client");
        clientHost.attach(testKit.system(), clientDriver);
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


    private static AgentConfig agentConfig(Identity id, Identity rendezvousId, List<InetSocketAddress> rendezvousAt,
            UdpSockets sockets, long epochMs) {
        return AgentConfig.of(id, rendezvousAt.getFirst(), rendezvousId.staticPublicKey(), rendezvousId.peerId(),
                sockets.localAddresses(), epochMs);
    }
}
