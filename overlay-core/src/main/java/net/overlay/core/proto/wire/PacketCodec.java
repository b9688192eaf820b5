package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.COMMON_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COOKIE_NONCE_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COOKIE_REPLY_BYTES;
import static net.overlay.core.proto.wire.WireConstants.HANDSHAKE_INITIATION_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.HANDSHAKE_RESPONSE_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.RELAYED_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.TRANSPORT_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.VERSION_BYTE;

import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes and decodes outer packets ({@link Packet}; layouts in its Javadoc and in
 * docs/wire-format.md). {@link #decode} copies the body into the record; the per-packet paths use
 * {@link PacketView} to read in place and {@link #encodeTransportHeader}/{@link
 * #encodeRelayedHeader} to write a header in front of a body the caller has already placed.
 * Stateless and thread-safe.
 */
public final class PacketCodec {

    private PacketCodec() {
    }

    /**
     * Decodes the datagram {@code buf[off..off+len)}.
     *
     * @throws WireException on any malformed input, and nothing else (a bad {@code off}/{@code
     *     len} for {@code buf} is the caller's bug and throws IndexOutOfBoundsException)
     */
    public static Packet decode(byte[] buf, int off, int len) throws WireException {
        PacketView v = new PacketView().wrap(buf, off, len);
        Bytes body = Bytes.wrapOwned(Arrays.copyOfRange(buf, v.bodyOffset(), v.bodyOffset() + v.bodyLength()));
        return switch (v.type()) {
            case HANDSHAKE_INITIATION -> new Packet.HandshakeInitiation(v.senderIndex(), body);
            case HANDSHAKE_RESPONSE -> new Packet.HandshakeResponse(v.senderIndex(), v.receiverIndex(), body);
            case TRANSPORT -> new Packet.Transport(v.receiverIndex(), v.packetNumber(), body);
            case RELAYED -> new Packet.Relayed(v.allocationId(), body);
            case COOKIE_REPLY -> new Packet.CookieReply(v.receiverIndex(),
                    Bytes.of(buf, v.bodyOffset(), COOKIE_NONCE_BYTES),
                    Bytes.of(buf, v.bodyOffset() + COOKIE_NONCE_BYTES, v.bodyLength() - COOKIE_NONCE_BYTES));
        };
    }

    /** Decodes a whole array as one datagram. */
    public static Packet decode(byte[] datagram) throws WireException {
        return decode(datagram, 0, datagram.length);
    }

    /** The size of {@code packet}'s datagram. */
    public static int encodedLength(Packet packet) {
        return switch (packet) {
            case Packet.HandshakeInitiation p -> HANDSHAKE_INITIATION_HEADER_BYTES + p.noiseMessage().length();
            case Packet.HandshakeResponse p -> HANDSHAKE_RESPONSE_HEADER_BYTES + p.noiseMessage().length();
            case Packet.Transport p -> TRANSPORT_HEADER_BYTES + p.sealedPayload().length();
            case Packet.Relayed p -> RELAYED_HEADER_BYTES + p.innerPacket().length();
            case Packet.CookieReply p -> COOKIE_REPLY_BYTES;
        };
    }

    /**
     * Writes {@code packet} at {@code dst[off]}.
     *
     * @return the position after the packet
     * @throws IndexOutOfBoundsException when {@code dst} has no room for {@link #encodedLength}
     *     bytes at {@code off}; nothing is written then
     */
    public static int encode(Packet packet, byte[] dst, int off) {
        Objects.checkFromIndexSize(off, encodedLength(packet), dst.length);
        return switch (packet) {
            case Packet.HandshakeInitiation p -> {
                int pos = header(dst, off, WireConstants.TYPE_HANDSHAKE_INITIATION);
                BigEndian.putInt(dst, pos, p.senderIndex());
                yield pos + 4 + p.noiseMessage().copyTo(dst, pos + 4);
            }
            case Packet.HandshakeResponse p -> {
                int pos = header(dst, off, WireConstants.TYPE_HANDSHAKE_RESPONSE);
                BigEndian.putInt(dst, pos, p.senderIndex());
                BigEndian.putInt(dst, pos + 4, p.receiverIndex());
                yield pos + 8 + p.noiseMessage().copyTo(dst, pos + 8);
            }
            case Packet.Transport p -> {
                int pos = encodeTransportHeader(dst, off, p.receiverIndex(), p.packetNumber());
                yield pos + p.sealedPayload().copyTo(dst, pos);
            }
            case Packet.Relayed p -> {
                int pos = encodeRelayedHeader(dst, off, p.allocationId());
                yield pos + p.innerPacket().copyTo(dst, pos);
            }
            case Packet.CookieReply p -> {
                int pos = header(dst, off, WireConstants.TYPE_COOKIE_REPLY);
                BigEndian.putInt(dst, pos, p.receiverIndex());
                pos += 4;
                pos += p.nonce().copyTo(dst, pos);
                yield pos + p.sealedCookie().copyTo(dst, pos);
            }
        };
    }

    /** {@code packet} as a fresh datagram. */
    public static byte[] encode(Packet packet) {
        byte[] out = new byte[encodedLength(packet)];
        encode(packet, out, 0);
        return out;
    }

    /**
     * Writes a Transport header (the AEAD's associated data) at {@code dst[off]}: the sealed
     * payload goes right after it.
     *
     * @return the position after the header, {@code off + 14}
     */
    public static int encodeTransportHeader(byte[] dst, int off, int receiverIndex, long packetNumber) {
        Objects.checkFromIndexSize(off, TRANSPORT_HEADER_BYTES, dst.length);
        int pos = header(dst, off, WireConstants.TYPE_TRANSPORT);
        BigEndian.putInt(dst, pos, receiverIndex);
        BigEndian.putLong(dst, pos + 4, packetNumber);
        return pos + 12;
    }

    /**
     * Writes a Relayed header at {@code dst[off]}: the inner packet goes right after it. A relay
     * that received the inner packet at {@code off + 10} of its buffer can forward in place.
     *
     * @return the position after the header, {@code off + 10}
     */
    public static int encodeRelayedHeader(byte[] dst, int off, long allocationId) {
        Objects.checkFromIndexSize(off, RELAYED_HEADER_BYTES, dst.length);
        int pos = header(dst, off, WireConstants.TYPE_RELAYED);
        BigEndian.putLong(dst, pos, allocationId);
        return pos + 8;
    }

    private static int header(byte[] dst, int off, int type) {
        dst[off] = (byte) VERSION_BYTE;
        dst[off + 1] = (byte) type;
        return off + COMMON_HEADER_BYTES;
    }
}
