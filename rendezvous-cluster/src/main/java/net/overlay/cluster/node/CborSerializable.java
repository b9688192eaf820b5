package net.overlay.cluster.node;

/**
 * Marker of every message that crosses the cluster between nodes: bound to Jackson CBOR in
 * {@code overlay-cluster-node.conf} (STYLE.md: one marker interface for cluster messages).
 */
public interface CborSerializable {}
