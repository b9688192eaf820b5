package net.overlay.sim;

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): the per-node random streams and the trace digest's
 * mixing function. Static and allocation-free so that a node's stream is one {@code long} of state in
 * its region's array; thread-safe because it holds no state of its own.
 */
public final class SplitMix64 {
    /** The golden-ratio increment of the SplitMix64 paper. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /** The finalising mix of SplitMix64 (a bijection on 64 bits). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The initial state of node {@code nodeId}'s stream: independent of how nodes are partitioned. */
    public static long seedFor(long seed, int nodeId) {
        return mix(seed ^ mix(nodeId + GAMMA));
    }

    /** Advances a state by one step; the output is {@code mix(next state)}. */
    static long advance(long state) {
        return state + GAMMA;
    }

    /**
     * A uniform value in [0, bound) from a 64-bit output: floor(output * bound / 2^64), Lemire's
     * multiply-high without the rejection step (the bias is below bound / 2^64, and every draw takes
     * exactly one step of the stream, which keeps streams easy to reason about).
     */
    public static long bounded(long output, long bound) {
        return Math.unsignedMultiplyHigh(output, bound);
    }
}
