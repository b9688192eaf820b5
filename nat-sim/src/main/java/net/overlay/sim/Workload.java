package net.overlay.sim;

/**
 * What the nodes do: called by a {@link Region} on its actor's thread, one event at a time in
 * (time, source, sequence) order. Implementations keep per-node state in primitive arrays indexed by
 * node id (or none at all) and must be deterministic: randomness only through
 * {@link Region#nextLong(int, long)}, time only from the arguments.
 *
 * <p>A workload instance is shared by all regions, so any state it keeps must be partitioned by node
 * (each node belongs to exactly one region, hence one thread at a time).
 */
public interface Workload {

    /** Called once per node before the first window; typically sets the node's first timer. */
    void onStart(Region region, int node);

    /** A timer set with {@link Region#setTimer} fired at {@code nowNs}. */
    void onTimer(Region region, int node, long nowNs, long payload);

    /** A message sent with {@link Region#send} by {@code source} arrived at {@code node}. */
    void onMessage(Region region, int node, long nowNs, int source, long payload);

    /**
     * A message with an attachment (see {@link Region#send(int, int, long, long, Object)}) arrived;
     * by default the attachment is ignored. The engine always calls this one.
     */
    default void onMessage(Region region, int node, long nowNs, int source, long payload, Object attachment) {
        onMessage(region, node, nowNs, source, payload);
    }
}
