package net.overlay.cluster.store;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Test harness: cluster actor systems on loopback with the store on an H2 file or a JDBC URL,
 * joined to themselves (a one-node cluster) or to a first node.
 */
public final class StoreSystems {
    private StoreSystems() {}

    /** Configuration for a node whose journal lives in H2 file {@code dir/store}. */
    public static Config h2(Path dir, String... extra) {
        return base(Map.of("overlay.store.jdbc.url", "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath()
                + ";DB_CLOSE_DELAY=-1"), extra);
    }

    /** Configuration for a node whose journal lives in the PostgreSQL database at {@code url}. */
    public static Config postgres(String url, String user, String... extra) {
        return base(Map.of("overlay.store.jdbc.url", url, "overlay.store.jdbc.user", user,
                "overlay.store.jdbc.password", "", "overlay.store.jdbc.driver", "org.postgresql.Driver",
                "overlay.store.jdbc.profile", "slick.jdbc.PostgresProfile$"), extra);
    }

    private static Config base(Map<String, String> jdbc, String... extra) {
        Config c = ConfigFactory.parseString(String.join("\n", extra)).withFallback(ConfigFactory.parseMap(jdbc));
        c = c.withFallback(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.remote.artery.canonical.port = 0
                pekko.cluster.jmx.enabled = off
                pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.loglevel = WARNING
                overlay.store.read-model-refresh = 50ms
                """));
        // load(...) resolves reference.conf's substitutions (the JDBC URL) against these settings.
        return ConfigFactory.load(c);
    }

    /** A running node: its test kit and its store. */
    public record Node(ActorTestKit kit, DurableStore store, PrometheusRegistry registry) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            kit.shutdownTestKit();
        }
    }

    /**
     * Starts a node that joins {@code seed} (itself when null) and waits until it is Up; nodes of
     * one cluster need the same {@code name}.
     */
    public static Node start(String name, Config config, Address seed) {
        return startWith(name, config, seed, new PrometheusRegistry());
    }

    /** As {@link #start}, registering the store's metrics in {@code registry}. */
    public static Node startWith(String name, Config config, Address seed, PrometheusRegistry registry) {
        ActorTestKit kit = ActorTestKit.create(name, config);
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(seed == null ? cluster.selfMember().address() : seed));
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.selfMember().status() != MemberStatus.up()) {
            if (System.nanoTime() > deadlineNs) {
                kit.shutdownTestKit();
                throw new IllegalStateException(name + " did not become Up within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Node(kit, DurableStore.start(kit.system(), registry), registry);
    }
}
