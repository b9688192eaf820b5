package net.overlay.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An actor system sized for simulations: a fork-join dispatcher of exactly {@code threads} workers.
 * Starting one takes most of a second, so a benchmark starts it before the clock runs, and
 * {@link #close()} stops it.
 *
 * <p>Used from one caller thread; {@link #run} blocks that thread until the simulation ends.
 */
public final class SimRunner implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final int threads;
    private final AtomicInteger runs = new AtomicInteger();

    private SimRunner(ActorSystem<Void> system, int threads) {
        this.system = system;
        this.threads = threads;
    }

    /** Starts an actor system with {@code threads} dispatcher threads. */
    public static SimRunner start(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be positive, got " + threads);
        return new SimRunner(ActorSystem.create(Behaviors.empty(), "sim", actorConfig(threads)), threads);
    }

    /** Plays {@code simulation} to its end on this runner's threads. */
    public SimResult run(Simulation simulation) {
        return simulation.runOn(system, "coordinator-" + runs.incrementAndGet());
    }

    /** Dispatcher threads. */
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    private static Config actorConfig(int threads) {
        // A fixed-size fork-join pool of exactly `threads` workers; throughput 1 hands a thread to the
        // next region after each window, so regions of one window spread over all threads.
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
