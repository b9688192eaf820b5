package net.overlay.core.proto.session;

import net.overlay.core.proto.wire.WireConstants;

/**
 * Wire constants of the Transport packet, fixed by the protocol. The packet is:
 * <pre>
 *  0      u8   0xD1: the overlay marker with version 1 ({@link WireConstants#VERSION_BYTE})
 *  1      u8   packet type 3, Transport ({@link WireConstants#TYPE_TRANSPORT})
 *  2..5   u32  receiver index (the index the receiving side chose for this session), big-endian
 *  6..13  u64  packet number, big-endian; the AEAD nonce
 *  14..   ciphertext of the payload, then the 16-byte tag
 * </pre>
 * The 14 header bytes are the AEAD's associated data, so no header bit can change unnoticed.
 */
public final class SessionConstants {
    /** First byte of a Transport packet: marker and version. */
    public static final int FIRST_BYTE = WireConstants.VERSION_BYTE;
    /** Second byte: the packet type. */
    public static final int SECOND_BYTE = WireConstants.TYPE_TRANSPORT;
    /** Offset of the receiver index. */
    public static final int RECEIVER_INDEX_OFFSET = 2;
    /** Offset of the packet number. */
    public static final int PACKET_NUMBER_OFFSET = 6;
    /** Header length in bytes, also the associated-data length. */
    public static final int HEADER_BYTES = 14;
    /** AEAD tag length in bytes. */
    public static final int TAG_BYTES = 16;
    /** Header plus tag: what sealing adds to a payload. */
    public static final int OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;
    /**
     * Hard limit on packets under one key, as WireGuard's REKEY_AFTER_MESSAGES: far below the
     * 2^64 nonce space, and with AES-GCM far below the 2^32-block-per-key bound's trouble region
     * for 1200-byte packets at any realistic lifetime. Packet numbers run 0 .. 2^60 - 1.
     */
    public static final long MAX_PACKETS = 1L << 60;

    private SessionConstants() {}
}
