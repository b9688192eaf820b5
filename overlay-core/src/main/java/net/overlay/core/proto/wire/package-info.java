/**
 * The overlay's own wire format, both layers, as sans-IO codecs (docs/wire-format.md).
 *
 * <p>Outer packets ({@link net.overlay.core.proto.wire.Packet}, {@link
 * net.overlay.core.proto.wire.PacketCodec}, and the allocation-free {@link
 * net.overlay.core.proto.wire.PacketView}) are one UDP datagram each: handshakes, sealed transport
 * packets, relayed packets and cookie replies. Frames ({@link net.overlay.core.proto.wire.Frame},
 * {@link net.overlay.core.proto.wire.FrameCodec}) are the plaintext inside a transport packet once
 * the session has opened it. Callers: the Noise session layer, the relay, the transport
 * (packetizer and receiver) and the traversal layer for its control messages.
 *
 * <p>Decoders throw nothing but {@link net.overlay.core.proto.wire.WireException} on any input and
 * check every length against the bytes that remain before allocating. Everything here is stateless
 * or confined to its caller's thread.
 */
package net.overlay.core.proto.wire;
