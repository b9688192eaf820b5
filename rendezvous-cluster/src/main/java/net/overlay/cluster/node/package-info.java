/**
 * The deployable rendezvous cluster node (issue #6): {@link net.overlay.cluster.node.ClusterNode}
 * joins a Pekko Cluster and hosts overlay-core's {@code RendezvousMachine} on real UDP sockets
 * through {@code MachineDriver}, behind a per-source flood guard
 * ({@link net.overlay.cluster.node.GuardedMachine}); {@link net.overlay.cluster.node.NodeRouter}
 * carries the broker's cluster routing (device presence, forwarded connects) to the device registry
 * ({@code registry}) and to other nodes. Started by {@code ./overlay rendezvous start --config}, by
 * {@link net.overlay.cluster.node.ClusterNodeMain}, and by tests; the store helper's durable
 * directory and HTTP routes plug in through {@link net.overlay.cluster.node.ClusterNodeExtensions}.
 * See docs/cluster.md.
 */
package net.overlay.cluster.node;
