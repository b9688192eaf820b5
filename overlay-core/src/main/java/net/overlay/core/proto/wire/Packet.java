package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.AEAD_TAG_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COMMON_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COOKIE_NONCE_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COOKIE_SEALED_BYTES;
import static net.overlay.core.proto.wire.WireConstants.HANDSHAKE_INITIATION_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.HANDSHAKE_RESPONSE_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.MAX_DATAGRAM_BYTES;
import static net.overlay.core.proto.wire.WireConstants.RELAYED_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.TRANSPORT_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.TYPE_RELAYED;
import static net.overlay.core.proto.wire.WireConstants.VERSION_BYTE;

import java.util.Objects;

/**
 * An outer packet: exactly one UDP datagram, version 1. Every packet starts with the same two
 * bytes; integers are big-endian; u32 indices are carried in an int, u64 values in a long, as
 * unsigned bit patterns.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |1 1 0 1|Version|     Type      |  type-specific fields ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The records validate their fields, so an instance always encodes to a datagram of at most
 * {@link WireConstants#MAX_DATAGRAM_BYTES}. Immutable; built by {@link PacketCodec#decode} or by
 * the session and relay layers to send.
 */
public sealed interface Packet {

    PacketType type();

    /**
     * Type 1, the first Noise IK message, from initiator to responder.
     *
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     0xD1      |      0x01     |      Sender Index (32)  ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     *  ...            |  Noise Message (1.., to the end) ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    record HandshakeInitiation(int senderIndex, Bytes noiseMessage) implements Packet {
        public HandshakeInitiation {
            requireLength(noiseMessage, "noise message", 1,
                    MAX_DATAGRAM_BYTES - HANDSHAKE_INITIATION_HEADER_BYTES);
        }

        @Override
        public PacketType type() {
            return PacketType.HANDSHAKE_INITIATION;
        }
    }

    /**
     * Type 2, the Noise IK answer; the receiver index is the initiator's sender index.
     *
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     0xD1      |      0x02     |      Sender Index (32)  ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     *  ...            |              Receiver Index (32)          ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     *  ...            |  Noise Message (1.., to the end) ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    record HandshakeResponse(int senderIndex, int receiverIndex, Bytes noiseMessage) implements Packet {
        public HandshakeResponse {
            requireLength(noiseMessage, "noise message", 1,
                    MAX_DATAGRAM_BYTES - HANDSHAKE_RESPONSE_HEADER_BYTES);
        }

        @Override
        public PacketType type() {
            return PacketType.HANDSHAKE_RESPONSE;
        }
    }

    /**
     * Type 3, session data. The 14 header bytes are the AEAD's associated data; the packet number
     * is the AEAD nonce and never repeats within a session. Once opened, the payload is a
     * sequence of frames ({@link FrameCodec}). The hot path uses {@link PacketView} and
     * {@link PacketCodec#encodeTransportHeader} instead of this record.
     *
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     0xD1      |      0x03     |     Receiver Index (32)   ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     *  ...            |                                               |
     * +-+-+-+-+-+-+-+-+                                               +
     * |                      Packet Number (64)                       |
     * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                               | Sealed Payload (16.., to the end;
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  ciphertext then 16-byte tag) ...
     * </pre>
     */
    record Transport(int receiverIndex, long packetNumber, Bytes sealedPayload) implements Packet {
        public Transport {
            requireLength(sealedPayload, "sealed payload", AEAD_TAG_BYTES,
                    MAX_DATAGRAM_BYTES - TRANSPORT_HEADER_BYTES);
        }

        @Override
        public PacketType type() {
            return PacketType.TRANSPORT;
        }
    }

    /**
     * Type 4, a packet travelling through a relay allocation: the relay looks up the allocation
     * and forwards the inner packet, whole, to the allocation's other member. It cannot read the
     * inner packet (it is sealed end to end); it only checks that it is a well-formed version-1
     * packet that is not itself Relayed (the decoder checks that fully, this constructor the two
     * header bytes).
     *
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     0xD1      |      0x04     |                               |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
     * |                     Allocation Id (64)                        |
     * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                               | Inner Packet (types 1, 2, 3, 5;
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  to the end) ...
     * </pre>
     */
    record Relayed(long allocationId, Bytes innerPacket) implements Packet {
        public Relayed {
            requireLength(innerPacket, "inner packet", COMMON_HEADER_BYTES,
                    MAX_DATAGRAM_BYTES - RELAYED_HEADER_BYTES);
            if ((innerPacket.get(0) & 0xff) != VERSION_BYTE) {
                throw new IllegalArgumentException("inner packet is not a version 1 overlay packet");
            }
            if ((innerPacket.get(1) & 0xff) == TYPE_RELAYED) {
                throw new IllegalArgumentException("a Relayed packet cannot carry a Relayed packet");
            }
        }

        @Override
        public PacketType type() {
            return PacketType.RELAYED;
        }
    }

    /**
     * Type 5, reserved for DoS protection under load as WireGuard's cookie reply (whitepaper
     * 5.3): a busy responder answers a handshake with a sealed cookie instead of doing the
     * Diffie-Hellman work. Defined so the type is taken; nothing sends it yet.
     *
     * <pre>
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     0xD1      |      0x05     |     Receiver Index (32)   ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     *  ...            |        Nonce (24 bytes) ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  Sealed Cookie (32 bytes: 16 of cookie, 16 of tag) ...        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    record CookieReply(int receiverIndex, Bytes nonce, Bytes sealedCookie) implements Packet {
        public CookieReply {
            requireLength(nonce, "nonce", COOKIE_NONCE_BYTES, COOKIE_NONCE_BYTES);
            requireLength(sealedCookie, "sealed cookie", COOKIE_SEALED_BYTES, COOKIE_SEALED_BYTES);
        }

        @Override
        public PacketType type() {
            return PacketType.COOKIE_REPLY;
        }
    }

    private static void requireLength(Bytes bytes, String what, int minBytes, int maxBytes) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length() < minBytes || bytes.length() > maxBytes) {
            throw new IllegalArgumentException(what + " must have " + minBytes + ".." + maxBytes
                    + " bytes, not " + bytes.length());
        }
    }
}
