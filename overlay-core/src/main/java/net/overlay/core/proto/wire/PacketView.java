package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.WireConstants.AEAD_TAG_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COMMON_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.COOKIE_REPLY_BYTES;
import static net.overlay.core.proto.wire.WireConstants.HANDSHAKE_INITIATION_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.HANDSHAKE_RESPONSE_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.MAGIC;
import static net.overlay.core.proto.wire.WireConstants.MAGIC_MASK;
import static net.overlay.core.proto.wire.WireConstants.MAX_DATAGRAM_BYTES;
import static net.overlay.core.proto.wire.WireConstants.RELAYED_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.TRANSPORT_HEADER_BYTES;
import static net.overlay.core.proto.wire.WireConstants.VERSION;

import java.util.Objects;
import net.overlay.core.proto.wire.WireException.Reason;

/**
 * Reads an outer packet's header in place, without copying or allocating: the per-packet path of
 * the session layer (Transport) and of the relay (Relayed). {@link #wrap} validates the whole
 * packet as {@link PacketCodec#decode} does, then the accessors give the header fields and where
 * the body lies in the caller's buffer: the Noise message, the sealed payload, the inner packet,
 * or (CookieReply) the nonce followed by the sealed cookie.
 *
 * <p>Mutable and not thread-safe: one instance per receive loop, re-wrapped for each datagram.
 * The view refers to the caller's buffer, so it is only good while that buffer is unchanged.
 */
public final class PacketView {
    private byte[] buffer;
    private int packetOffset;
    private PacketType type;
    private int senderIndex;
    private int receiverIndex;
    private long packetNumber;
    private long allocationId;
    private int bodyOffset;
    private int bodyLength;

    /**
     * Points the view at the datagram {@code buf[off..off+len)} and checks it.
     *
     * @throws WireException when the datagram is not a well-formed version-1 packet; the view
     *     then holds nothing
     */
    public PacketView wrap(byte[] buf, int off, int len) throws WireException {
        Objects.checkFromIndexSize(off, len, buf.length);
        type = null;
        PacketType t = check(buf, off, len, false);
        buffer = buf;
        packetOffset = off;
        switch (t) {
            case HANDSHAKE_INITIATION -> {
                senderIndex = BigEndian.getInt(buf, off + 2);
                body(off, len, HANDSHAKE_INITIATION_HEADER_BYTES);
            }
            case HANDSHAKE_RESPONSE -> {
                senderIndex = BigEndian.getInt(buf, off + 2);
                receiverIndex = BigEndian.getInt(buf, off + 6);
                body(off, len, HANDSHAKE_RESPONSE_HEADER_BYTES);
            }
            case TRANSPORT -> {
                receiverIndex = BigEndian.getInt(buf, off + 2);
                packetNumber = BigEndian.getLong(buf, off + 6);
                body(off, len, TRANSPORT_HEADER_BYTES);
            }
            case RELAYED -> {
                allocationId = BigEndian.getLong(buf, off + 2);
                body(off, len, RELAYED_HEADER_BYTES);
            }
            case COOKIE_REPLY -> {
                receiverIndex = BigEndian.getInt(buf, off + 2);
                body(off, len, COMMON_HEADER_BYTES + 4);
            }
        }
        type = t;
        return this;
    }

    private void body(int off, int len, int headerBytes) {
        bodyOffset = off + headerBytes;
        bodyLength = len - headerBytes;
    }

    /**
     * Checks a datagram without reading its fields. Inside a Relayed packet ({@code insideRelay})
     * a Relayed type is refused at once, so the check never recurses more than one level.
     */
    static PacketType check(byte[] buf, int off, int len, boolean insideRelay) throws WireException {
        if (len > MAX_DATAGRAM_BYTES) {
            throw new WireException(Reason.BAD_LENGTH, "datagram of " + len + " bytes exceeds " + MAX_DATAGRAM_BYTES);
        }
        if (len < COMMON_HEADER_BYTES) {
            throw new WireException(Reason.TRUNCATED, "datagram of " + len + " bytes has no header");
        }
        int first = buf[off] & 0xff;
        if ((first & MAGIC_MASK) != MAGIC) {
            throw new WireException(Reason.NOT_OVERLAY, String.format("first byte 0x%02x is not 0xD0-0xDF", first));
        }
        if ((first & ~MAGIC_MASK) != VERSION) {
            throw new WireException(Reason.UNSUPPORTED_VERSION, "unsupported version " + (first & ~MAGIC_MASK));
        }
        PacketType type = PacketType.fromCode(buf[off + 1] & 0xff);
        if (type == null) {
            throw new WireException(Reason.UNKNOWN_PACKET_TYPE, "unknown packet type " + (buf[off + 1] & 0xff));
        }
        switch (type) {
            case HANDSHAKE_INITIATION -> requireAtLeast(type, len, HANDSHAKE_INITIATION_HEADER_BYTES + 1);
            case HANDSHAKE_RESPONSE -> requireAtLeast(type, len, HANDSHAKE_RESPONSE_HEADER_BYTES + 1);
            case TRANSPORT -> requireAtLeast(type, len, TRANSPORT_HEADER_BYTES + AEAD_TAG_BYTES);
            case RELAYED -> {
                if (insideRelay) {
                    throw new WireException(Reason.NESTED_RELAY, "a Relayed packet carries a Relayed packet");
                }
                requireAtLeast(type, len, RELAYED_HEADER_BYTES + COMMON_HEADER_BYTES);
                check(buf, off + RELAYED_HEADER_BYTES, len - RELAYED_HEADER_BYTES, true);
            }
            case COOKIE_REPLY -> {
                requireAtLeast(type, len, COOKIE_REPLY_BYTES);
                if (len != COOKIE_REPLY_BYTES) {
                    throw new WireException(Reason.BAD_LENGTH,
                            "cookie reply of " + len + " bytes, not " + COOKIE_REPLY_BYTES);
                }
            }
        }
        return type;
    }

    private static void requireAtLeast(PacketType type, int len, int minBytes) throws WireException {
        if (len < minBytes) {
            throw new WireException(Reason.TRUNCATED, type + " of " + len + " bytes, needs " + minBytes);
        }
    }

    public PacketType type() {
        requireWrapped();
        return type;
    }

    /** HandshakeInitiation and HandshakeResponse. */
    public int senderIndex() {
        if (type != PacketType.HANDSHAKE_INITIATION && type != PacketType.HANDSHAKE_RESPONSE) {
            throw noSuchField("senderIndex");
        }
        return senderIndex;
    }

    /** HandshakeResponse, Transport and CookieReply. */
    public int receiverIndex() {
        if (type != PacketType.HANDSHAKE_RESPONSE && type != PacketType.TRANSPORT
                && type != PacketType.COOKIE_REPLY) {
            throw noSuchField("receiverIndex");
        }
        return receiverIndex;
    }

    /** Transport: the AEAD nonce, an unsigned 64-bit counter. */
    public long packetNumber() {
        if (type != PacketType.TRANSPORT) {
            throw noSuchField("packetNumber");
        }
        return packetNumber;
    }

    /** Relayed. */
    public long allocationId() {
        if (type != PacketType.RELAYED) {
            throw noSuchField("allocationId");
        }
        return allocationId;
    }

    /** The wrapped buffer. */
    public byte[] buffer() {
        requireWrapped();
        return buffer;
    }

    /** Where the packet starts: for Transport, its first 14 bytes are the associated data. */
    public int packetOffset() {
        requireWrapped();
        return packetOffset;
    }

    /** Where the body starts in {@link #buffer()}. */
    public int bodyOffset() {
        requireWrapped();
        return bodyOffset;
    }

    public int bodyLength() {
        requireWrapped();
        return bodyLength;
    }

    private void requireWrapped() {
        if (type == null) {
            throw new IllegalStateException("no packet wrapped");
        }
    }

    private IllegalStateException noSuchField(String field) {
        return new IllegalStateException(type == null ? "no packet wrapped" : type + " has no " + field);
    }
}
