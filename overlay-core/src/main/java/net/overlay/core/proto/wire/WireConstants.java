package net.overlay.core.proto.wire;

/**
 * Constants of the overlay wire format, version 1 (docs/wire-format.md): values both ends must
 * agree on, not tunables. Tunables (how big the packets a node sends actually are, how many ACK
 * ranges it bothers to report) belong to the configs of the layers that choose them.
 */
public final class WireConstants {

    // --- Outer packets ---------------------------------------------------------------------

    /**
     * High nibble of byte 0 of every overlay packet. RFC 7983 7: STUN starts with 0-3, ZRTP 16-19,
     * DTLS 20-63, TURN channels 64-79, RTP/RTCP 128-191; 0xD0-0xDF is none of these, so one UDP
     * socket can carry STUN and overlay packets. (It does overlap QUIC long headers, RFC 9443, so
     * QUIC cannot share the socket.)
     */
    public static final int MAGIC = 0xD0;
    /** Selects the magic nibble of byte 0; the low nibble is the version. */
    public static final int MAGIC_MASK = 0xF0;
    /** The version this code speaks. */
    public static final int VERSION = 1;
    /** Byte 0 of every version-1 packet. */
    public static final int VERSION_BYTE = MAGIC | VERSION;

    /** Byte 1: packet types. */
    public static final int TYPE_HANDSHAKE_INITIATION = 1;
    public static final int TYPE_HANDSHAKE_RESPONSE = 2;
    public static final int TYPE_TRANSPORT = 3;
    public static final int TYPE_RELAYED = 4;
    public static final int TYPE_COOKIE_REPLY = 5;

    /** Version byte and type byte. */
    public static final int COMMON_HEADER_BYTES = 2;
    /** Common header and u32 sender index. */
    public static final int HANDSHAKE_INITIATION_HEADER_BYTES = 6;
    /** Common header, u32 sender index and u32 receiver index. */
    public static final int HANDSHAKE_RESPONSE_HEADER_BYTES = 10;
    /** Common header, u32 receiver index and u64 packet number: also the AEAD's associated data. */
    public static final int TRANSPORT_HEADER_BYTES = 14;
    /** Common header and u64 allocation id. */
    public static final int RELAYED_HEADER_BYTES = 10;
    /** AEAD tag: ChaCha20-Poly1305 (RFC 8439) and AES-GCM as Noise uses them both have 16. */
    public static final int AEAD_TAG_BYTES = 16;
    /** XChaCha20-Poly1305 nonce of a cookie reply, as WireGuard's (whitepaper 5.4.7). */
    public static final int COOKIE_NONCE_BYTES = 24;
    /** A 16-byte cookie and its 16-byte tag. */
    public static final int COOKIE_SEALED_BYTES = 32;
    /** A cookie reply has exactly this size: header, receiver index, nonce, sealed cookie. */
    public static final int COOKIE_REPLY_BYTES =
            COMMON_HEADER_BYTES + 4 + COOKIE_NONCE_BYTES + COOKIE_SEALED_BYTES;

    /** Largest UDP payload over IPv4: 65535 minus 20 bytes of IPv4 header and 8 of UDP header. */
    public static final int MAX_DATAGRAM_BYTES = 65507;
    /**
     * The datagram size the overlay sends by default: QUIC's minimum (RFC 9000 14), which fits
     * the IPv6 minimum MTU of 1280 with room for IP and UDP headers and a tunnel on the way.
     */
    public static final int DEFAULT_DATAGRAM_BYTES = 1200;

    // --- Frames ------------------------------------------------------------------------------

    /** RFC 9000 16: the largest value a variable-length integer holds, 2^62 - 1. */
    public static final long VARINT_MAX = (1L << 62) - 1;

    public static final int FRAME_PADDING = 0x00;
    public static final int FRAME_PING = 0x01;
    public static final int FRAME_ACK = 0x02;
    public static final int FRAME_RESET_STREAM = 0x04;
    public static final int FRAME_STOP_SENDING = 0x05;
    /** RFC 9000 19.8: STREAM frames are 0x08-0x0f, the low three bits are OFF, LEN and FIN. */
    public static final int FRAME_STREAM = 0x08;
    public static final int FRAME_STREAM_LAST = 0x0f;
    public static final int STREAM_BIT_OFF = 0x04;
    public static final int STREAM_BIT_LEN = 0x02;
    public static final int STREAM_BIT_FIN = 0x01;
    public static final int FRAME_MAX_DATA = 0x10;
    public static final int FRAME_MAX_STREAM_DATA = 0x11;
    public static final int FRAME_MAX_STREAMS = 0x12;
    public static final int FRAME_DATA_BLOCKED = 0x14;
    public static final int FRAME_STREAM_DATA_BLOCKED = 0x15;
    public static final int FRAME_PATH_CHALLENGE = 0x1a;
    public static final int FRAME_PATH_RESPONSE = 0x1b;
    public static final int FRAME_CLOSE = 0x1c;
    public static final int FRAME_CC_FEEDBACK = 0x20;
    /** Datagram frames as RFC 9221 4: 0x30 runs to the end of the packet, 0x31 has a length. */
    public static final int FRAME_DATAGRAM = 0x30;
    public static final int FRAME_DATAGRAM_WITH_LENGTH = 0x31;
    public static final int FRAME_CONTROL = 0x40;

    /** Most additional ranges one ACK frame may carry (beyond the first range). */
    public static final int MAX_ACK_RANGES = 256;
    /** PATH_CHALLENGE and PATH_RESPONSE data (RFC 9000 19.17). */
    public static final int PATH_DATA_BYTES = 8;
    public static final int MAX_CLOSE_REASON_BYTES = 1024;
    public static final int MAX_CC_FEEDBACK_BYTES = 1024;
    public static final int MAX_CONTROL_BODY_BYTES = 4096;

    private WireConstants() {
    }
}
