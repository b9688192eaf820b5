package net.overlay.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.overlay.cluster.node.config.ConfigError;
import net.overlay.cluster.node.config.NodeSettings;
import net.overlay.cluster.node.registry.DeviceEntity;
import net.overlay.core.node.MachineDriver;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.UdpSockets;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.relay.RelayConfig;
import net.overlay.core.proto.rendezvous.BrokerConfig;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.rendezvous.Routing;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.spi.NanoClock;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * One rendezvous cluster node: a Pekko Cluster member (artery TCP, formed from the configured seed
 * nodes, split brain resolver downing) hosting the device registry's shards, a {@link NodeRouter},
 * and, with the {@code rendezvous} role, a {@link RendezvousMachine} behind a {@link GuardedMachine}
 * in a {@link MachineDriver} on its UDP sockets, plus the extensions it was given.
 *
 * <p>Threading: {@link #start} and {@link #close()} from any thread; everything else runs on actors.
 * {@link #metrics()} may be read from any thread.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final String NODE_DEFAULTS = "overlay-cluster-node.conf";

    private final ActorSystem<Void> system;
    private final NodeSettings settings;
    private final Identity identity;
    private final List<InetSocketAddress> udp;
    private final NodeMetrics metrics;
    private final boolean keysGenerated;

    private ClusterNode(ActorSystem<Void> system, NodeSettings settings, Identity identity, List<InetSocketAddress> udp,
            NodeMetrics metrics, boolean keysGenerated) {
        this.system = system;
        this.settings = settings;
        this.identity = identity;
        this.udp = udp;
        this.metrics = metrics;
        this.keysGenerated = keysGenerated;
    }

    /**
     * Validates {@code config} ({@code overlay.rendezvous} over the defaults, plus any {@code pekko}
     * overrides), loads the keys, binds the sockets and starts the node.
     *
     * @throws ConfigError for a bad setting or unusable key directory (nothing was started)
     * @throws IOException when a socket cannot be bound
     */
    public static ClusterNode start(Config config, ClusterNodeExtensions extensions) throws IOException {
        Objects.requireNonNull(extensions, "extensions");
        NodeSettings settings = NodeSettings.from(config);
        boolean generate = settings.generateKeys() && KeyDirectory.existingFiles(settings.keysDir()).isEmpty();
        Identity identity = loadKeys(settings, generate);
        // load(...) puts the reference.conf files under the node's settings before resolving, so that
        // substitutions in them (the store's ${overlay.store.jdbc.url}, say) see this node's values.
        Config full = ConfigFactory.load(ClusterNode.class.getClassLoader(), config.withFallback(settings.pekkoConfig())
                .withFallback(ConfigFactory.parseResources(ClusterNode.class.getClassLoader(), NODE_DEFAULTS)));
        UdpSockets sockets = settings.hasRole(NodeSettings.ROLE_RENDEZVOUS) ? bind(settings) : null;
        List<InetSocketAddress> at = sockets == null ? List.of() : sockets.localAddresses();
        NodeMetrics metrics = new NodeMetrics();
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(guardian(full, settings, identity, sockets, metrics, extensions),
                    settings.cluster().systemName(), full);
        } catch (RuntimeException e) {
            if (sockets != null) {
                sockets.close();
            }
            throw e;
        }
        return new ClusterNode(system, settings, identity, at, metrics, generate);
    }

    private static Identity loadKeys(NodeSettings settings, boolean generate) {
        Path dir = settings.keysDir();
        try {
            if (generate) {
                Identity id = Identity.generate(new SystemRandomSource());
                KeyDirectory.write(dir, id, false);
                return id;
            }
            if (KeyDirectory.existingFiles(dir).isEmpty()) {
                throw new ConfigError(NodeSettings.ROOT + ".keys-dir", "no keys in " + dir.toAbsolutePath()
                        + " (make them with './overlay keys generate --out DIR', or set generate-keys = true)");
            }
            return KeyDirectory.read(dir);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigError c) {
                throw c;
            }
            throw new ConfigError(NodeSettings.ROOT + ".keys-dir", "cannot use " + dir.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static UdpSockets bind(NodeSettings s) throws IOException {
        NodeSettings.Udp u = s.udp();
        if (u.alternateHost().isEmpty()) {
            return UdpSockets.bind(List.of(new InetSocketAddress(u.host(), u.port())));
        }
        return UdpSockets.bindRendezvous(u.host(), u.alternateHost(), u.port());
    }

    private static Behavior<Void> guardian(Config full, NodeSettings settings, Identity identity, UdpSockets sockets,
            NodeMetrics metrics, ClusterNodeExtensions extensions) {
        return Behaviors.setup(ctx -> {
            if (settings.cluster().seedNodes().isEmpty()) {
                // No seeds: this node is a cluster of its own (the docs' single-node case).
                org.apache.pekko.cluster.typed.Cluster cluster = org.apache.pekko.cluster.typed.Cluster.get(ctx.getSystem());
                cluster.manager().tell(org.apache.pekko.cluster.typed.Join.create(cluster.selfMember().address()));
            }
            Duration expiry = Duration.ofNanos(settings.registrationTimeoutNs());
            ClusterSharding.get(ctx.getSystem()).init(Entity.of(DeviceEntity.TYPE_KEY, e -> DeviceEntity.create(e, expiry)));
            ActorRef<MachineDriver.Command<RendezvousMachine.Event>> driver = null;
            RendezvousMachine machine = null;
            AtomicReference<ActorRef<NodeRouter.Command>> router = new AtomicReference<>();
            if (sockets != null) {
                NanoClock clock = NanoClock.system();
                machine = newMachine(settings, identity, sockets.localAddresses(), clock, extensions);
                GuardedMachine guarded = new GuardedMachine(machine, new SourceRateLimiter(
                        settings.rateLimit().datagramsPerSecond(), settings.rateLimit().burst(),
                        settings.rateLimit().maxTrackedSources()), settings.udp().maxDatagramBytes(), metrics);
                driver = ctx.spawn(MachineDriver.create(guarded, sockets, e -> onEvent(e, router, metrics, extensions),
                        clock, new MachineDriver.Settings(settings.udp().maxQueuedDatagrams())), "rendezvous");
            }
            router.set(ctx.spawn(NodeRouter.create(driver, machine, metrics), "router"));
            NodeContext context = new NodeContext(ctx.getSystem(), full, settings, identity, metrics);
            for (ClusterNodeExtensions.Extension x : extensions.extensions()) {
                ctx.spawn(x.behavior().apply(context), x.name());
            }
            return Behaviors.empty();
        });
    }

    private static RendezvousMachine newMachine(NodeSettings s, Identity identity, List<InetSocketAddress> at,
            NanoClock clock, ClusterNodeExtensions extensions) {
        BrokerConfig d = BrokerConfig.DEFAULT;
        BrokerConfig broker = new BrokerConfig(s.keepaliveIntervalMs(), s.registrationTimeoutNs(), d.ticketLifetimeMs(),
                d.connectMemoryNs(), d.offerRetryNs(), d.offerAttempts(), d.maxRememberedConnects());
        RendezvousMachine m = new RendezvousMachine(new RendezvousMachine.Config(at, MachineDriver.epochMsAtZeroNs(clock),
                broker, RelayConfig.defaults(), sessions(s.handshakes()), s.relayLifetimeMs(),
                s.hasRole(NodeSettings.ROLE_RELAY)), identity, extensions.directory(), new SystemRandomSource());
        m.broker().enableRouting(new Routing.Settings(s.forwardTimeoutNs(), s.registryRefreshNs()));
        return m;
    }

    /** The endpoint's limits from the node's settings; the rest is overlay-core's default. */
    static SessionEndpointConfig sessions(NodeSettings.Handshakes h) {
        SessionEndpointConfig d = SessionEndpointConfig.DEFAULT;
        return new SessionEndpointConfig(d.session(), h.maxSessions(), h.maxHalfOpen(), h.perSourcePerSecond(),
                h.perSourceBurst(), d.trackedSources(), d.replayCacheNs(), d.replayCacheEntries());
    }

    private static void onEvent(RendezvousMachine.Event e, AtomicReference<ActorRef<NodeRouter.Command>> router,
            NodeMetrics metrics, ClusterNodeExtensions extensions) {
        switch (e) {
            case RendezvousMachine.Event.Routed r -> {
                ActorRef<NodeRouter.Command> to = router.get();
                if (to != null) {
                    to.tell(new NodeRouter.FromMachine(r.routing()));
                }
            }
            case RendezvousMachine.Event.PeerAdmitted a -> {
                metrics.peersAdmitted.increment();
                extensions.events().accept(e);
            }
            case RendezvousMachine.Event.PeerRefused f -> {
                metrics.peersRefused.increment();
                extensions.events().accept(e);
            }
        }
    }

    /** The bound UDP sockets (empty without the rendezvous role): 0 = host:port, then RFC 5780's others. */
    public List<InetSocketAddress> udpAddresses() {
        return udp;
    }

    public Identity identity() {
        return identity;
    }

    public boolean keysGenerated() {
        return keysGenerated;
    }

    public NodeSettings settings() {
        return settings;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    /** The node's artery address as seeds name it, {@code host:port}. */
    public String clusterAddress() {
        var a = Cluster.get(system).selfMember().address();
        return a.getHost().orElse("?") + ":" + a.getPort().orElse(0);
    }

    /** Members this node sees as up (including itself). */
    public int upMembers() {
        int n = 0;
        for (var m : Cluster.get(system).state().getMembers()) {
            if (m.status() == org.apache.pekko.cluster.MemberStatus.up()) {
                n++;
            }
        }
        return n;
    }

    /** Leaves the cluster gracefully (coordinated shutdown) and waits, bounded, for the sockets to close. */
    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // termination failed or stalled: the process is ending anyway; nothing else to release
        }
    }
}
