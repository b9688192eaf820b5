/**
 * The device registry: one Cluster Sharding entity per device id
 * ({@link net.overlay.cluster.node.registry.DeviceEntity}) holding soft state (home node, observed
 * address, candidates, NAT class, last seen), written by the node a device registers with and
 * expiring after the registration timeout. Used by {@link net.overlay.cluster.node.NodeRouter} to
 * find a device's home node for a forwarded connect, and to tell a node its device moved away.
 */
package net.overlay.cluster.node.registry;
