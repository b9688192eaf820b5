/**
 * The Noise Protocol Framework handshake (revision 34, noiseprotocol.org/noise.html), sans-IO:
 * {@link net.overlay.core.proto.noise.HandshakeState} is driven by the session layer, which feeds
 * it the peer's messages and sends the ones it writes; randomness arrives through
 * {@link net.overlay.core.spi.RandomSource}, and nothing here reads a clock or does I/O.
 * The overlay runs IK between client and device and XX where the initiator does not know the
 * responder's key in advance; every fundamental and deferred pattern, with {@code pskN}
 * modifiers, is supported so that the official vectors check the whole engine.
 * Callers: the session layer (and {@code net.overlay.core.vectors.NoiseVectorCheck}).
 */
package net.overlay.core.proto.noise;
