package net.overlay.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * Entry point: {@link #prepare} builds every region's state (nodes, streams, first timers) on the
 * caller's thread, so a benchmark can weigh it; {@link #run()} then plays it on a fresh actor
 * system with the configured number of threads and blocks until the last event ({@link SimRunner}
 * lets a benchmark start the actor system apart from the run).
 *
 * <p>Single use: run once, from one thread.
 */
public final class Simulation {
    private final SimConfig config;
    private final List<Region> regions;
    private boolean ran;
    /** Start of the window being played, for progress reports from other threads. */
    private final AtomicLong progressNs = new AtomicLong();

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

    /** Virtual time reached so far (the start of the window being played); any thread may ask. */
    public long progressNs() {
        return progressNs.get();
    }

    /** Prepares and runs in one step. */
    public static SimResult run(SimConfig config, Workload workload) {
        return prepare(config, workload).run();
    }

    /** Plays every window to the end on a fresh actor system of {@code config.threads()} threads. */
    public SimResult run() {
        try (SimRunner runner = SimRunner.start(config.threads())) {
            return runner.run(this);
        }
    }

    /**
     * Plays every window to the end on {@code system}; throws {@link IllegalStateException} if a
     * workload failed. Called by {@link SimRunner}.
     */
    SimResult runOn(ActorSystem<Void> system, String name) {
        if (ran) throw new IllegalStateException("a simulation runs once");
        ran = true;
        long firstWindow = Long.MAX_VALUE;
        for (Region region : regions) firstWindow = Math.min(firstWindow, region.nextWindow());
        CompletableFuture<SimResult> result = new CompletableFuture<>();
        system.systemActorOf(Coordinator.create(regions, firstWindow, config.windowNs(), result, progressNs), name, Props.empty());
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
