package net.overlay.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Entry point: {@link #prepare} builds every region's state (nodes, streams, first timers) on the
 * caller's thread, so a benchmark can weigh it; {@link #run()} then plays it on an actor system
 * with the configured number of threads and blocks until the last event.
 *
 * <p>Single use: run once, from one thread.
 */
public final class Simulation {
    private final SimConfig config;
    private final List<Region> regions;
    private boolean ran;

    private Simulation(SimConfig config, List<Region> regions) {
        this.config = config;
        this.regions = regions;
    }

    /** Builds all regions of {@code config} for {@code workload}; nothing runs yet. */
    public static Simulation prepare(SimConfig config, Workload workload) {
        Partition partition = new Partition(config.nodes(), config.regions());
        List<Region> regions = new ArrayList<>(config.regions());
        for (int r = 0; r < config.regions(); r++) {
            regions.add(new Region(r, partition, config.windowNs(), config.seed(), workload));
        }
        return new Simulation(config, regions);
    }

    /** Prepares and runs in one step. */
    public static SimResult run(SimConfig config, Workload workload) {
        return prepare(config, workload).run();
    }

    /** Plays every window to the end; throws {@link IllegalStateException} if a workload failed. */
    public SimResult run() {
        if (ran) throw new IllegalStateException("a simulation runs once");
        ran = true;
        long firstWindow = Long.MAX_VALUE;
        for (Region region : regions) firstWindow = Math.min(firstWindow, region.nextWindow());
        CompletableFuture<SimResult> result = new CompletableFuture<>();
        ActorSystem<Coordinator.Command> system = ActorSystem.create(
                Coordinator.create(regions, firstWindow, config.windowNs(), result), "sim", actorConfig(config.threads()));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    private static Config actorConfig(int threads) {
        // A fixed-size fork-join pool of exactly `threads` workers; the throughput of 1 keeps regions
        // fair, and no message here is cheap enough for batching to matter.
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.actor.default-dispatcher.executor = fork-join-executor
                pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = %d
                pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = %d
                pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor = 1.0
                pekko.actor.default-dispatcher.throughput = 1
                """.formatted(threads, threads)).withFallback(ConfigFactory.load());
    }
}
