/**
 * The rendezvous cluster's durable state: users (public keys with a role), devices with their key
 * and owner, owner-signed grants, revocations and one-time device claim codes, event-sourced with
 * Pekko Persistence over JDBC (H2 file for one node, PostgreSQL for several).
 *
 * <p>One aggregate, {@link net.overlay.cluster.store.DirectoryAggregate}, is the single writer (a
 * cluster singleton); every node keeps a read model, {@link net.overlay.cluster.store.StoreDirectory},
 * fed by the JDBC read journal, that the broker queries synchronously as its
 * {@link net.overlay.core.proto.rendezvous.Directory}. Entry point for the cluster node:
 * {@link net.overlay.cluster.store.DurableStore#start}. The admin HTTP API
 * ({@code net.overlay.cluster.admin}) writes through {@link net.overlay.cluster.store.StoreClient}.
 * See docs/store.md.
 */
package net.overlay.cluster.store;
