package net.overlay.cluster.service;

import com.typesafe.config.Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import net.overlay.cluster.admin.AdminServer;
import net.overlay.cluster.admin.MetricsRegistry;
import net.overlay.cluster.node.ClusterNode;
import net.overlay.cluster.node.ClusterNodeExtensions;
import net.overlay.cluster.node.NodeMetrics;
import net.overlay.cluster.store.DurableStore;
import net.overlay.core.proto.rendezvous.Directory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;

/**
 * One node of the rendezvous service: a {@link ClusterNode} whose broker reads the durable
 * store's directory, the store itself (event-sourced, JDBC: H2 by default, PostgreSQL for several
 * nodes), and the HTTP endpoint with the signed admin API, {@code /health}, {@code /ready} and
 * Prometheus {@code /metrics} (the store's, the JVM's and this node's protocol counters).
 *
 * <p>With a {@code fixedDirectory} (a dev directory file) no store is started and the HTTP endpoint
 * is not bound. Threading: {@link #start} and {@link #close} from any thread.
 */
public final class RendezvousService implements AutoCloseable {
    private final ClusterNode node;
    private final DurableStore store;
    private final AdminServer admin;

    private RendezvousService(ClusterNode node, DurableStore store, AdminServer admin) {
        this.node = node;
        this.store = store;
        this.admin = admin;
    }

    /**
     * Starts the node, then the store on its actor system, then the HTTP endpoint.
     *
     * @param fixedDirectory devices and grants from elsewhere (a dev directory file), or null for the store
     * @throws net.overlay.cluster.node.config.ConfigError for a bad node setting (nothing started)
     * @throws IOException when a UDP socket cannot be bound
     * @throws IllegalStateException when the store or the HTTP endpoint cannot start (the node is stopped)
     */
    public static RendezvousService start(Config config, Directory fixedDirectory,
            Consumer<RendezvousMachine.Event> events) throws IOException {
        Objects.requireNonNull(events, "events");
        if (fixedDirectory != null) {
            ClusterNode node = ClusterNode.start(config, ClusterNodeExtensions.of(fixedDirectory).withEvents(events));
            return new RendezvousService(node, null, null);
        }
        SwitchableDirectory directory = new SwitchableDirectory();
        ClusterNode node = ClusterNode.start(config, ClusterNodeExtensions.of(directory).withEvents(events));
        DurableStore store = null;
        try {
            MetricsRegistry metrics = MetricsRegistry.create();
            registerNodeMetrics(metrics, node.metrics());
            store = DurableStore.start(node.system(), metrics.prometheus());
            directory.use(store.directory());
            AdminServer admin = AdminServer.start(node.system(), store, metrics);
            return new RendezvousService(node, store, admin);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            node.close();
            throw e;
        }
    }

    private static void registerNodeMetrics(MetricsRegistry m, NodeMetrics node) {
        gauge(m, node, "overlay_registered_devices", "Devices registered on this node now.", NodeMetrics.Snapshot::registeredDevices);
        gauge(m, node, "overlay_node_load", "This node's load: devices registered here.", NodeMetrics.Snapshot::load);
        gauge(m, node, "overlay_registrations", "Registrations accepted since start.", NodeMetrics.Snapshot::registrations);
        gauge(m, node, "overlay_keepalives", "Keepalives answered since start.", NodeMetrics.Snapshot::keepalives);
        gauge(m, node, "overlay_connects", "Connects decided here (relay and ticket issued) since start.", NodeMetrics.Snapshot::connects);
        gauge(m, node, "overlay_connects_forwarded", "Connects forwarded to a device's home node since start.", NodeMetrics.Snapshot::forwardsSent);
        gauge(m, node, "overlay_punches_direct", "Punches this node's clients reported as ended on a direct path.",
                NodeMetrics.Snapshot::punchesDirect);
        gauge(m, node, "overlay_punches_relayed", "Punches this node's clients reported as ended on the relay.",
                NodeMetrics.Snapshot::punchesRelayed);
        gauge(m, node, "overlay_relay_allocations", "Live relay allocations.", NodeMetrics.Snapshot::relayAllocations);
        gauge(m, node, "overlay_relay_bytes", "Bytes the relay forwarded since start.", NodeMetrics.Snapshot::relayBytes);
        gauge(m, node, "overlay_peers_refused", "Handshakes or hellos refused since start.", NodeMetrics.Snapshot::peersRefused);
        gauge(m, node, "overlay_dropped_oversize", "Datagrams dropped for their size since start.", NodeMetrics.Snapshot::droppedOversize);
        gauge(m, node, "overlay_dropped_rate_limited", "Datagrams dropped by the per-source rate limit since start.",
                NodeMetrics.Snapshot::droppedRateLimited);
        gauge(m, node, "overlay_malformed_signals", "Undecodable signals in authenticated sessions since start.",
                NodeMetrics.Snapshot::malformedSignals);
    }

    private static void gauge(MetricsRegistry m, NodeMetrics node, String name, String help,
            ToLongFunction<NodeMetrics.Snapshot> read) {
        m.gauge(name, help, () -> read.applyAsLong(node.snapshot()));
    }

    public ClusterNode node() {
        return node;
    }

    /** Whether the durable store runs here (false with a fixed directory). */
    public boolean hasStore() {
        return store != null;
    }

    /** The HTTP endpoint's address, or null without a store. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        if (store != null) {
            store.close();
        }
        node.close();
    }
}
