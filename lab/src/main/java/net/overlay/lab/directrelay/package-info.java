/**
 * The {@code direct-vs-relay} scenario: devices, clients and relays placed in regions of a small
 * latency table, the full protocol between them on a {@link net.overlay.core.testing.TraversalWorld},
 * and application pings inside the session that measure its round trip over the relay and then over
 * the punched direct path. Run by the lab runner; the quickstart scenario runs a small one.
 */
package net.overlay.lab.directrelay;
