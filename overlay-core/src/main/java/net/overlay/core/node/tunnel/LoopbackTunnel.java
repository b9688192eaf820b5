package net.overlay.core.node.tunnel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A whole tunnel in one JVM on real loopback UDP: a dev rendezvous, a device serving one service
 * ({@code svc}) at a given TCP address, and a client whose tunnel to it listens on an ephemeral
 * loopback port; each in its own {@link MachineDriver}, all three in one actor system. Identities
 * come from a seeded source and the directory is in memory, so nothing touches the disk. Callers:
 * {@code ./overlay bench tunnel} and the tunnel tests.
 *
 * <p>Threading: {@link #start} blocks (bounded) until the client's session is up; {@link #close()}
 * from any thread.
 */
public final class LoopbackTunnel implements AutoCloseable {
    /** The one service the device offers. */
    public static final String SERVICE = "svc";
    private static final DeviceId DEVICE = new DeviceId("bench-device");
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final int AGENT_SOCKETS = 4;

    private final ActorSystem<Void> system;
    private final TunnelHost deviceHost;
    private final TunnelHost clientHost;
    private final InetSocketAddress tunnelAt;

    private LoopbackTunnel(ActorSystem<Void> system, TunnelHost deviceHost, TunnelHost clientHost,
            InetSocketAddress tunnelAt) {
        this.system = system;
        this.deviceHost = deviceHost;
        this.clientHost = clientHost;
        this.tunnelAt = tunnelAt;
    }

    /**
     * Starts rendezvous, device and client, and waits up to {@code wait} (per step) until the
     * client's session is on the direct path.
     *
     * @param service where the device connects each tunnelled connection
     * @param transport both ends' transport settings (they must agree)
     * @param congestionControl a controller name ({@code ./overlay cc list})
     */
    public static LoopbackTunnel start(InetSocketAddress service, TransportConfig transport, String congestionControl,
            Duration wait) throws IOException, TimeoutException {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "loopback-tunnel",
                TunnelNode.systemConfig());
        try {
            return startIn(system, service, transport, congestionControl, wait);
        } catch (IOException | TimeoutException | RuntimeException e) {
            terminate(system);
            throw e;
        }
    }

    private static LoopbackTunnel startIn(ActorSystem<Void> system, InetSocketAddress service, TransportConfig transport,
            String congestionControl, Duration wait) throws IOException, TimeoutException {
        RandomSource random = RandomSource.seeded(42);
        Identity rendezvousId = Identity.generate(random);
        Identity owner = Identity.generate(random);
        Identity deviceId = Identity.generate(random);
        Identity userId = Identity.generate(random);
        long epochMs = MachineDriver.epochMsAtZeroNs(NanoClock.system());
        InMemoryDirectory directory = new InMemoryDirectory()
                .addDevice(new DeviceRecord(DEVICE, deviceId.peerId(), owner.peerId()))
                .addGrant(Grant.issue(owner, userId.peerId(), DEVICE, Set.of(SERVICE), Role.USER,
                        System.currentTimeMillis() + 86_400_000L, random));
        CongestionControlFactory cc = CongestionControls.find(congestionControl, LoopbackTunnel.class.getClassLoader());

        UdpSockets rendezvousSockets = UdpSockets.bindRendezvous("127.0.0.1", "127.0.0.2", 0);
        List<InetSocketAddress> rendezvousAt = rendezvousSockets.localAddresses();
        RendezvousMachine rendezvous = new RendezvousMachine(RendezvousMachine.Config.of(rendezvousAt, epochMs),
                rendezvousId, directory, RandomSource.seeded(1));
        system.systemActorOf(MachineDriver.create(rendezvous, rendezvousSockets, e -> { }), "rendezvous", Props.empty());

        UdpSockets deviceSockets = agentSockets();
        DeviceMachine device = new DeviceMachine(agentConfig(deviceId, rendezvousId, rendezvousAt, deviceSockets, epochMs),
                RandomSource.seeded(2), DEVICE, owner.peerId(), List.of(SERVICE));
        TunnelHost deviceHost = new TunnelHost(device, Map.of(SERVICE, service), transport, cc);
        CompletableFuture<Void> deviceReady = new CompletableFuture<>();
        ActorRef<MachineDriver.Command<AgentEvent>> deviceDriver = system.systemActorOf(MachineDriver.create(deviceHost,
                deviceSockets, completeOn(AgentEvent.RendezvousReady.class, deviceReady)), "device", Props.empty());
        deviceHost.attach(system, deviceDriver);
        deviceDriver.tell(deviceHost.act((a, nowNs) -> a.start(nowNs)));
        await(deviceReady, wait, "the device's registration");

        UdpSockets clientSockets = agentSockets();
        ClientMachine client = new ClientMachine(agentConfig(userId, rendezvousId, rendezvousAt, clientSockets, epochMs),
                RandomSource.seeded(3));
        TunnelHost clientHost = new TunnelHost(client, Map.of(), transport, cc);
        CompletableFuture<Void> clientReady = new CompletableFuture<>();
        CompletableFuture<Void> direct = new CompletableFuture<>();
        Consumer<AgentEvent> clientEvents = completeOn(AgentEvent.RendezvousReady.class, clientReady)
                .andThen(completeOn(AgentEvent.PathUpgraded.class, direct));
        ActorRef<MachineDriver.Command<AgentEvent>> clientDriver = system.systemActorOf(MachineDriver.create(clientHost,
                clientSockets, clientEvents), "client", Props.empty());
        clientHost.attach(system, clientDriver);
        InetSocketAddress tunnelAt = clientHost.listen(ANY_LOOPBACK);
        clientDriver.tell(clientHost.act((a, nowNs) -> a.start(nowNs)));
        await(clientReady, wait, "the client's registration");
        clientDriver.tell(clientHost.act((a, nowNs) -> ((ClientMachine) a).connect(nowNs, DEVICE.name(), SERVICE)));
        // Measure the direct path, as two hosts that punched through would use, not the relay.
        await(direct, wait, "the client's direct path");
        return new LoopbackTunnel(system, deviceHost, clientHost, tunnelAt);
    }

    /** The client's local TCP address: connections to it reach the device's service. */
    public InetSocketAddress tunnelAt() {
        return tunnelAt;
    }

    TunnelHost deviceHost() {
        return deviceHost;
    }

    TunnelHost clientHost() {
        return clientHost;
    }

    /** Drops every tunnelled connection, stops the drivers (closing their sockets) and waits, bounded. */
    @Override
    public void close() {
        clientHost.close();
        deviceHost.close();
        terminate(system);
    }

    private static void terminate(ActorSystem<Void> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Termination failed or stalled: the daemon threads end with the JVM; nothing else to release.
        }
    }

    private static Consumer<AgentEvent> completeOn(Class<? extends AgentEvent> type, CompletableFuture<Void> done) {
        return e -> {
            if (type.isInstance(e)) {
                done.complete(null);
            }
        };
    }

    private static void await(CompletableFuture<Void> f, Duration wait, String what) throws TimeoutException {
        try {
            f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out after " + wait + " waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted waiting for " + what);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static UdpSockets agentSockets() throws IOException {
        return UdpSockets.bind(Collections.nCopies(AGENT_SOCKETS, ANY_LOOPBACK));
    }

    private static AgentConfig agentConfig(Identity id, Identity rendezvousId, List<InetSocketAddress> rendezvousAt,
            UdpSockets sockets, long epochMs) {
        return AgentConfig.of(id, rendezvousAt.getFirst(), rendezvousId.staticPublicKey(), rendezvousId.peerId(),
                sockets.localAddresses(), epochMs);
    }
}
