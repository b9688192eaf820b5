/**
 * Identity keys on disk: a key directory holding the Ed25519 signing key and the X25519 static key,
 * private halves readable by their owner only (created 0600, refused on read when group or others
 * have access, as ssh does), public halves beside them. The format is described in
 * {@link net.overlay.core.node.keys.KeyFile} and docs/crypto.md. Callers: {@code ./overlay keys},
 * and the device agent, client and rendezvous node when they load their identity.
 */
package net.overlay.core.node.keys;
