/**
 * The deployable rendezvous service: one cluster node ({@link net.overlay.cluster.node}) with the
 * durable store as its broker's directory ({@link net.overlay.cluster.store}) and the HTTP admin,
 * health and metrics endpoint ({@link net.overlay.cluster.admin}), started together from one HOCON
 * configuration. Called by {@code ./overlay rendezvous start --config FILE}.
 */
package net.overlay.cluster.service;
