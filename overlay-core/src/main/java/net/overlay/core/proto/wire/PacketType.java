package net.overlay.core.proto.wire;

/** The outer packet types of version 1, with their byte-1 codes (docs/wire-format.md). */
public enum PacketType {
    HANDSHAKE_INITIATION(WireConstants.TYPE_HANDSHAKE_INITIATION),
    HANDSHAKE_RESPONSE(WireConstants.TYPE_HANDSHAKE_RESPONSE),
    TRANSPORT(WireConstants.TYPE_TRANSPORT),
    RELAYED(WireConstants.TYPE_RELAYED),
    COOKIE_REPLY(WireConstants.TYPE_COOKIE_REPLY);

    private static final PacketType[] BY_CODE = new PacketType[256];

    static {
        for (PacketType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The value of byte 1. */
    public int code() {
        return code;
    }

    /** The type for byte 1's value (0-255), or null when version 1 defines none. */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
