package net.overlay.sim;

/**
 * How to run a simulation: node count, seed, how the nodes are split and how many threads run them.
 * Results depend on {@code nodes}, {@code seed} and the workload only; {@code regions} and
 * {@code threads} change speed, never the outcome.
 *
 * @param nodes how many nodes
 * @param seed the run's seed; node i's stream is SplitMix64 of (seed, i)
 * @param windowNs the conservative window, at most the smallest link latency
 * @param regions how many region actors (1..nodes)
 * @param threads size of the actor system's dispatcher
 */
public record SimConfig(int nodes, long seed, long windowNs, int regions, int threads) {
    public SimConfig {
        if (nodes < 1) throw new IllegalArgumentException("nodes must be positive, got " + nodes);
        if (windowNs <= 0) throw new IllegalArgumentException("windowNs must be positive, got " + windowNs);
        if (regions < 1 || regions > nodes) {
            throw new IllegalArgumentException("regions must be in 1.." + nodes + ", got " + regions);
        }
        if (threads < 1) throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
}
