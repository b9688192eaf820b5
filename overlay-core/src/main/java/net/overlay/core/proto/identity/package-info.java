/**
 * Who is who: a node's long-term keys ({@link net.overlay.core.proto.identity.Identity}), its public
 * name ({@link net.overlay.core.proto.identity.PeerId}), and the signed statements that bind names,
 * keys and rights together: device certificates, connection tickets and owner-signed grants.
 *
 * <p>Sans-IO: time arrives as a {@code nowMs} argument, key material from a
 * {@link net.overlay.core.spi.RandomSource}. Callers: the rendezvous (issues certificates and
 * tickets), device owners' tools (issue grants), the device agent (checks grants and tickets before
 * it answers a handshake), and the key-file code in {@code net.overlay.core.node.keys}.
 */
package net.overlay.core.proto.identity;
