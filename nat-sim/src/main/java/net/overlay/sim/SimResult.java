package net.overlay.sim;

/**
 * What a run produced; equal for equal (nodes, seed, workload) whatever the regions or threads.
 *
 * @param events events played (timer ticks plus deliveries)
 * @param windows windows run
 * @param lastWindowEndNs virtual time at the end of the last window
 * @param digest a digest of every node's event trace (time, source, sequence, kind, payload, in order)
 */
public record SimResult(long events, long windows, long lastWindowEndNs, long digest) {
    /** The digest as 16 hex digits. */
    public String digestHex() {
        return String.format("%016x", digest);
    }
}
