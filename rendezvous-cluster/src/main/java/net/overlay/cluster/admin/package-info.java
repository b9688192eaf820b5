/**
 * The rendezvous node's HTTP face for operators: the admin API over the durable store (users,
 * devices, grants, revocations, claim codes) with Ed25519-signed requests, the claim endpoint a new
 * device calls, {@code /health}, {@code /ready} and Prometheus {@code /metrics}.
 *
 * <p>{@link net.overlay.cluster.admin.AdminServer} binds it with pekko-http (the cluster node may
 * add its own routes); {@link net.overlay.cluster.admin.AdminApi} is the transport-free core that
 * tests drive directly; {@link net.overlay.cluster.admin.RequestSigning} and
 * {@link net.overlay.cluster.admin.AdminClient} are shared with {@code ./overlay admin}.
 * {@link net.overlay.cluster.admin.MetricsRegistry} is where the node registers its own counters.
 * See docs/store.md.
 */
package net.overlay.cluster.admin;
