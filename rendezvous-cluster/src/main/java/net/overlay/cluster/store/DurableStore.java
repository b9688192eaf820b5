package net.overlay.cluster.store;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;

/**
 * The durable store on one cluster node: creates the journal tables if asked, starts (or joins)
 * the directory aggregate as a cluster singleton, and keeps this node's read model current.
 *
 * <pre>
 * MetricsRegistry metrics = MetricsRegistry.create();            // net.overlay.cluster.admin
 * DurableStore store = DurableStore.start(system, metrics.prometheus());
 * Directory directory = store.directory();                        // for the broker
 * AdminServer http = AdminServer.start(system, store, metrics, host, port, nodeRoutes);
 * ...
 * http.close(); store.close();
 * </pre>
 *
 * The system must be a cluster system ({@code pekko.actor.provider = cluster}) whose configuration
 * includes this module's reference.conf (persistence plugins, serialization bindings). Callers:
 * the cluster node's start-up, tests. Thread-safe.
 */
public final class DurableStore implements AutoCloseable {
    private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

    private final ActorSystem<?> system;
    private final StoreSettings settings;
    private final StoreDirectory view;
    private final StoreClient client;
    private final ReadModelFeed feed;

    private DurableStore(ActorSystem<?> system, StoreSettings settings, StoreDirectory view, StoreClient client,
            ReadModelFeed feed) {
        this.system = system;
        this.settings = settings;
        this.view = view;
        this.client = client;
        this.feed = feed;
    }

    /**
     * Starts the store on {@code system}, registering its metrics in {@code registry}. Blocks while
     * it creates missing tables (at most 30 s).
     *
     * @throws IllegalArgumentException when {@code overlay.store} settings are wrong
     * @throws IllegalStateException when the database cannot be reached to create the tables
     */
    public static DurableStore start(ActorSystem<?> system, PrometheusRegistry registry) {
        StoreSettings settings = StoreSettings.from(system.settings().config());
        if (settings.createSchema()) {
            createSchema(system);
        }
        StoreMetrics metrics = StoreMetrics.register(registry);
        StoreDirectory view = new StoreDirectory(metrics);
        StoreMetrics.registerGauges(registry, view);
        ActorRef<StoreCommand> aggregate = ClusterSingleton.get(system).init(SingletonActor.of(
                DirectoryAggregate.create(settings.snapshotEveryEvents(), metrics), DirectoryAggregate.PERSISTENCE_ID));
        ReadModelFeed feed = ReadModelFeed.start(system, view, metrics);
        return new DurableStore(system, settings, view, new StoreClient(system, aggregate, view, settings), feed);
    }

    private static void createSchema(ActorSystem<?> system) {
        try {
            SchemaUtils.createIfNotExists(system).toCompletableFuture()
                    .get(SCHEMA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot create the store's tables: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the store's tables", e);
        }
    }

    /** The read model as the broker's {@link net.overlay.core.proto.rendezvous.Directory}. */
    public StoreDirectory directory() {
        return view;
    }

    /** Writes and status asks. */
    public StoreClient client() {
        return client;
    }

    public StoreSettings settings() {
        return settings;
    }

    /**
     * Readiness: this node is an Up cluster member and the aggregate answers (its journal
     * recovered). Completes with false rather than failing.
     */
    public CompletionStage<Boolean> ready() {
        if (Cluster.get(system).selfMember().status() != MemberStatus.up()) {
            return CompletableFuture.completedFuture(false);
        }
        return client.status().handle((seqNr, e) -> e == null);
    }

    /** Stops the read model's query. The singleton stops with the actor system. */
    @Override
    public void close() {
        feed.close();
    }
}
