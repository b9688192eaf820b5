package net.overlay.core.node.tunnel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.overlay.core.node.MachineDriver;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.UdpSockets;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.AgentMachine;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.spi.NanoClock;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A device agent or a client with its tunnel, as a process runs it: a {@link TunnelHost} in a
 * {@link MachineDriver} that is the guardian of its own actor system. Callers: {@code ./overlay
 * device run} and {@code ./overlay connect}. Threading: start from any thread; the agent runs on
 * the actor; {@link #close()} from any thread.
 */
public final class TunnelNode implements AutoCloseable {
    /** How long {@link #close} waits for the Close frames to be sent. */
    static final long CLOSE_WAIT_MS = 1_000;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Our choice, as the loopback tests: four UDP sockets (RFC 5780 discovery, probing). */
    private static final int LOCAL_SOCKETS = 4;
    /** Our choice: the controller for tunnel streams. */
    public static final String CONGESTION_CONTROL = "cubic";
    /**
     * The tunnel transport's idle timeout: longer than the session's direct-path timeout
     * ({@code SessionTuning.pathTimeoutNs}, 75 s) plus a probing round, so that when a direct path
     * dies mid-transfer (a NAT flushed its mappings) the session falls back to the relay and the
     * streams carry on, instead of the transport giving up first (it did, at the default 30 s: the
     * conntrack-flush fault test, docs/hardening.md). Session keepalives (25 s) reach the transport,
     * so a healthy idle tunnel never comes near it. It is also how long a stream waits before it
     * ends with an error when every path died (the relay killed under a relay-only session), so it
     * is no longer than that margin needs: 90 s.
     */
    public static final long TUNNEL_IDLE_TIMEOUT_NS = 90_000_000_000L;

    /**
     * Our choice: the transport's defaults, but bursts of 64 packets rather than 10. The pacer's
     * burst bounds how many packets one drain of the driver emits, hence the size of a UDP GSO
     * send (up to 64 segments, docs/node.md); with 10, a transfer paid a system call and a trip
     * through the actor's mailbox every 10 packets (one stream on loopback: about 175 MB/s with 10,
     * 190-250 MB/s with 64). 64 packets of 1200 bytes are 77 KB at line rate, about what Linux's
     * TCP lets out at once with segmentation offload. Not a flow-control value: the two ends need
     * not agree on it.
     */
    public static final TransportConfig TRANSPORT = new TransportConfig(
            TransportConfig.DEFAULTS.maxPayloadBytes(), TransportConfig.DEFAULTS.packetOverheadBytes(),
            TransportConfig.DEFAULTS.streamWindowBytes(), TransportConfig.DEFAULTS.connectionWindowBytes(),
            TransportConfig.DEFAULTS.maxStreams(), TransportConfig.DEFAULTS.maxAckDelayNs(),
            TUNNEL_IDLE_TIMEOUT_NS, TransportConfig.DEFAULTS.streamSendBufferBytes(),
            TransportConfig.DEFAULTS.maxAckRanges(), 64, TransportConfig.DEFAULTS.maxQueuedDatagrams());

    /**
     * The actor-system settings a tunnel process runs with: the application's configuration, but
     * pekko-stream's TCP write coalescing off ({@code pekko.stream.materializer.io.tcp.coalesce-writes
     * = 0}). Coalescing makes every write that starts from idle wait for a round trip to pekko's
     * connection actor first, in case more small writes follow; a tunnel's writes are already
     * batched by the actor (a whole queued batch per write, see {@link TcpBridge}), so the wait only
     * adds latency to small requests. Pekko reads this from the materialiser's settings only (the
     * stream attribute for the write buffer refuses 0), so it is set for the tunnel's own actor
     * system here, not in a {@code reference.conf} that would change every pekko-stream TCP user
     * in the JVM (the rendezvous cluster's HTTP endpoint). Callers: this class and {@link
     * LoopbackTunnel}.
     */
    static Config systemConfig() {
        return ConfigFactory.parseString("pekko.stream.materializer.io.tcp.coalesce-writes = 0")
                .withFallback(ConfigFactory.load());
    }

    private final ActorSystem<MachineDriver.Command<AgentEvent>> system;
    private final TunnelHost host;
    private final InetSocketAddress listening;
    /** Run once, on the actor, at the first RendezvousReady: the client's connect. */
    private final List<Runnable> pendingConnect = Collections.synchronizedList(new ArrayList<>());

    private TunnelNode(ActorSystem<MachineDriver.Command<AgentEvent>> system, TunnelHost host,
            InetSocketAddress listening) {
        this.system = system;
        this.host = host;
        this.listening = listening;
    }

    /** Starts the device of {@code file} (which must have a device section); {@code events} runs on the actor. */
    public static TunnelNode startDevice(AgentFile file, Consumer<AgentEvent> events) throws IOException {
        AgentFile.DeviceSection d = file.device()
                .orElseThrow(() -> new IllegalArgumentException("the config has no device section"));
        Identity id = KeyDirectory.read(file.keys());
        UdpSockets udp = bind(file);
        DeviceMachine device = new DeviceMachine(agentConfig(file, id, udp), new SystemRandomSource(), d.name(), d.owner(),
                List.copyOf(file.services().keySet()));
        TunnelNode node = start(device, file.services(), udp, events, null);
        node.system.tell(node.host.act((a, nowNs) -> a.start(nowNs)));
        return node;
    }

    /**
     * Starts a client that listens on {@code local} and connects to {@code service} on {@code device}.
     */
    public static TunnelNode startClient(AgentFile file, String device, String service, InetSocketAddress local,
            Consumer<AgentEvent> events) throws IOException {
        Identity id = KeyDirectory.read(file.keys());
        UdpSockets udp = bind(file);
        ClientMachine client = new ClientMachine(agentConfig(file, id, udp), new SystemRandomSource());
        TunnelNode node = start(client, Map.of(), udp, events, local);
        node.connectWhenReady(device, service);
        node.system.tell(node.host.act((a, nowNs) -> a.start(nowNs)));
        return node;
    }

    /** The client's local TCP address (null on a device). */
    public InetSocketAddress listening() {
        return listening;
    }

    public ActorSystem<MachineDriver.Command<AgentEvent>> system() {
        return system;
    }

    /**
     * Stops: the tunnels' TCP connections end, then every session (peers and the rendezvous) gets
     * a Close frame, so that a peer stops keeping our paths alive at once and the rendezvous forgets
     * us; then the actor system goes. Waits at most {@link #CLOSE_WAIT_MS} for the frames to leave.
     * Ctrl-C (Pekko's coordinated shutdown) does the same first steps.
     */
    @Override
    public void close() {
        try {
            closeSessions().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // best effort: peers then notice by the idle timeout, as after a crash
        }
        system.terminate();
    }

    /**
     * Ends the tunnels and sends the Close frames, once; completes when they were handed to the
     * sockets or after {@link #CLOSE_WAIT_MS}, whichever comes first.
     */
    private CompletionStage<Done> closeSessions() {
        if (!closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        host.close();
        CompletableFuture<Done> sent = new CompletableFuture<>();
        system.tell(host.act((a, nowNs) -> a.shutdown(nowNs)));
        // Runs after the first action's outputs were drained (one actor, messages in order).
        system.tell(host.act((a, nowNs) -> sent.complete(Done.getInstance())));
        return sent.completeOnTimeout(Done.getInstance(), CLOSE_WAIT_MS,
                TimeUnit.MILLISECONDS);
    }

    private void connectWhenReady(String device, String service) {
        pendingConnect.add(() -> system.tell(host.act((a, nowNs) -> ((ClientMachine) a).connect(nowNs, device, service))));
    }

    private void onEvent(AgentEvent e, Consumer<AgentEvent> events) {
        if (e instanceof AgentEvent.RendezvousReady) {
            synchronized (pendingConnect) {
                pendingConnect.forEach(Runnable::run);
                pendingConnect.clear();
            }
        }
        events.accept(e);
    }

    private static TunnelNode start(AgentMachine agent, Map<String, InetSocketAddress> services, UdpSockets udp,
            Consumer<AgentEvent> events, InetSocketAddress local) throws IOException {
        CongestionControlFactory cc = CongestionControls.find(CONGESTION_CONTROL, TunnelNode.class.getClassLoader());
        TunnelHost host = new TunnelHost(agent, services, TRANSPORT, cc);
        TunnelNode[] self = new TunnelNode[1];
        ActorSystem<MachineDriver.Command<AgentEvent>> system = ActorSystem.create(
                MachineDriver.create(host, udp, e -> self[0].onEvent(e, events), NanoClock.system(),
                        MachineDriver.Settings.DEFAULT),
                agent instanceof DeviceMachine ? "overlay-device" : "overlay-client", systemConfig());
        host.attach(system, system);
        InetSocketAddress listening = local == null ? null : host.listen(local);
        self[0] = new TunnelNode(system, host, listening);
        // Ctrl-C / SIGTERM: Close frames go out while the agent's actor still runs.
        CoordinatedShutdown.get(system).addTask(
                CoordinatedShutdown.PhaseBeforeServiceUnbind(), "overlay-close-sessions",
                () -> self[0].closeSessions());
        return self[0];
    }

    private static UdpSockets bind(AgentFile file) throws IOException {
        InetSocketAddress any = new InetSocketAddress(file.localAddress(), 0);
        return UdpSockets.bind(Collections.nCopies(LOCAL_SOCKETS, any));
    }

    private static AgentConfig agentConfig(AgentFile file, Identity id, UdpSockets udp) {
        return AgentConfig.of(id, file.rendezvous(), file.rendezvousStaticKey(), file.rendezvousPeerId(),
                udp.localAddresses(), MachineDriver.epochMsAtZeroNs(NanoClock.system()));
    }
}
