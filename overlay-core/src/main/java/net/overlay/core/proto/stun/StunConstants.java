package net.overlay.core.proto.stun;

/**
 * Numbers fixed by the specifications (RFC 8489, RFC 5780, RFC 8445): wire layout, attribute
 * types, error codes. Tunables (retransmission timing, budgets) live in {@link StunClientConfig}
 * and {@link BindingResponderConfig}, not here.
 */
public final class StunConstants {
    private StunConstants() {}

    /** RFC 8489 5: the fixed value in bytes 4..8 of every message. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** RFC 8489 5: header length: type, length, cookie, 96-bit transaction id. */
    public static final int HEADER_BYTES = 20;
    public static final int TRANSACTION_ID_BYTES = 12;
    /** RFC 8489 14: attribute type and length precede every value. */
    public static final int ATTRIBUTE_HEADER_BYTES = 4;
    /** RFC 8489 14.7: the CRC-32 is XOR-ed with this ("STUN") so other CRC-32 protocols differ. */
    public static final int FINGERPRINT_XOR = 0x5354554E;
    /** RFC 8489 14.5: HMAC-SHA1 output. */
    public static final int MESSAGE_INTEGRITY_BYTES = 20;
    /** RFC 8489 14.6: HMAC-SHA256, possibly truncated to a multiple of 4 of at least 16 bytes. */
    public static final int MESSAGE_INTEGRITY_SHA256_MAX_BYTES = 32;
    public static final int MESSAGE_INTEGRITY_SHA256_MIN_BYTES = 16;
    /** RFC 8489 5: the message length field counts bytes after the header, at most 16 bits. */
    public static final int MAX_BODY_BYTES = 0xFFFC;

    /** RFC 8489 18.2: the only method defined by STUN itself. */
    public static final int METHOD_BINDING = 0x001;
    /** RFC 8489 5: methods are 12 bits. */
    public static final int MAX_METHOD = 0xFFF;

    /** RFC 8489 14.1: address family codes in (XOR-)MAPPED-ADDRESS and friends. */
    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    // RFC 8489 18.3 (comprehension-required, below 0x8000)
    public static final int MAPPED_ADDRESS = 0x0001;
    /** RFC 5780 7.2. */
    public static final int CHANGE_REQUEST = 0x0003;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** RFC 8445 16.1. */
    public static final int PRIORITY = 0x0024;
    /** RFC 5780 7.6. */
    public static final int PADDING = 0x0026;
    /** RFC 5780 7.5. */
    public static final int RESPONSE_PORT = 0x0027;

    // RFC 8489 18.3 (comprehension-optional, 0x8000 and up)
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    /** RFC 8445 16.1. */
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;
    /** RFC 5780 7.3. */
    public static final int RESPONSE_ORIGIN = 0x802B;
    /** RFC 5780 7.4. */
    public static final int OTHER_ADDRESS = 0x802C;

    /** RFC 8489 14: types below this must be understood or the request is refused with 420. */
    public static final int COMPREHENSION_OPTIONAL_FROM = 0x8000;

    /** RFC 5780 7.2: CHANGE-REQUEST flag bits in its 32-bit value. */
    public static final int CHANGE_IP_FLAG = 0x04;
    public static final int CHANGE_PORT_FLAG = 0x02;

    // RFC 8489 14.8: error codes the responder uses
    public static final int ERROR_BAD_REQUEST = 400;
    public static final int ERROR_UNKNOWN_ATTRIBUTE = 420;
    public static final String REASON_BAD_REQUEST = "Bad Request";
    public static final String REASON_UNKNOWN_ATTRIBUTE = "Unknown Attribute";

    /** Whether an attribute type must be understood (RFC 8489 14). */
    public static boolean isComprehensionRequired(int type) {
        return type < COMPREHENSION_OPTIONAL_FROM;
    }
}
