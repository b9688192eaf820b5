package net.overlay.core.proto.stun;

/**
 * The message class, two bits (C1, C0) spread through the message type (RFC 8489 5).
 */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The two class bits, C1 as bit 1 and C0 as bit 0. */
    public int bits() {
        return bits;
    }

    static StunClass fromBits(int bits) {
        return switch (bits & 0b11) {
            case 0b00 -> REQUEST;
            case 0b01 -> INDICATION;
            case 0b10 -> SUCCESS_RESPONSE;
            default -> ERROR_RESPONSE;
        };
    }

    /** RFC 8489 5: the 14-bit message type, M11..M0 interleaved with C1 (bit 8) and C0 (bit 4). */
    static int messageType(StunClass messageClass, int method) {
        int c = messageClass.bits;
        return (method & 0x000F)
                | ((c & 0b01) << 4)
                | ((method & 0x0070) << 1)
                | ((c & 0b10) << 7)
                | ((method & 0x0F80) << 2);
    }

    /** The class encoded in a 14-bit message type. */
    static StunClass classOf(int messageType) {
        return fromBits(((messageType >> 4) & 0b01) | ((messageType >> 7) & 0b10));
    }

    /** The method encoded in a 14-bit message type. */
    static int methodOf(int messageType) {
        return (messageType & 0x000F) | ((messageType >> 1) & 0x0070) | ((messageType >> 2) & 0x0F80);
    }
}
