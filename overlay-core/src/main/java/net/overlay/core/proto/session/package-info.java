/**
 * Session transport crypto: turns the two transport keys a Noise handshake produces into a
 * per-direction {@link net.overlay.core.proto.session.PacketSealer} (header, packet number as the
 * AEAD nonce, refusal to wrap) and {@link net.overlay.core.proto.session.PacketOpener} (tag check,
 * then a sliding anti-replay window). No allocation per packet.
 *
 * <p>Callers: the session/transport state machine, once the handshake is done, on every data
 * packet it sends or receives; the crypto benchmark in {@code lab}. Sans-IO and single-threaded.
 */
package net.overlay.core.proto.session;
