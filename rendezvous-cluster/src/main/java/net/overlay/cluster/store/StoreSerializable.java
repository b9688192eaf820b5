package net.overlay.cluster.store;

/**
 * Marker for every message of the store that may cross the cluster or reach the journal (commands,
 * replies, events, snapshots): bound to Jackson CBOR in {@code reference.conf}, so that nothing of
 * the store ever falls back to Java serialization.
 */
public interface StoreSerializable {}
