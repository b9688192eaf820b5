/**
 * The rendezvous cluster node's settings: {@link net.overlay.cluster.node.config.NodeSettings}
 * reads and validates {@code overlay.rendezvous} (documented with its defaults in the module's
 * {@code reference.conf}) and derives the node's Pekko settings from it. Called by
 * {@link net.overlay.cluster.node.ClusterNode} and by the command line before anything starts, so
 * a broken file is reported as one clear {@link net.overlay.cluster.node.config.ConfigError}
 * naming the setting.
 */
package net.overlay.cluster.node.config;
