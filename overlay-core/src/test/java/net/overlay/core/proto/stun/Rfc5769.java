package net.overlay.core.proto.stun;

import java.util.HexFormat;

/**
 * The four sample messages of RFC 5769 section 2, embedded so that the codec's tests run where the
 * shared vector folder is absent, with the credentials the RFC gives for them.
 */
public final class Rfc5769 {
    private Rfc5769() {}

    /** 2.1: Binding request, short-term credentials, SOFTWARE, PRIORITY, ICE-CONTROLLED, MI, FINGERPRINT. */
    public static final String REQUEST_HEX = "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420"
            + "636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aea"
            + "a70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf";
    /** 2.2: success response, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    public static final String RESPONSE_IPV4_HEX = "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563"
            + "746f7220002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96";
    /** 2.3: success response, XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    public static final String RESPONSE_IPV6_HEX = "010100482112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563"
            + "746f7220002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d900080014a382954e4be67bf11784c97c8292c275"
            + "bfe3ed4180280004c8fb0b4c";
    /** 2.4: Binding request with long-term credentials, USERNAME, NONCE, REALM, MI, no FINGERPRINT. */
    public static final String REQUEST_LONG_TERM_HEX = "000100602112a44278ad3433c6ad72c029da412e00060012e3839ee38388e3"
            + "83aae38383e382afe382b900000015001c662f2f3439396b39353464364f4c33346f4c394653547679363473410014000b"
            + "6578616d706c652e6f72670000080014f67024656dd64a3e02b8e0712e85c9a28ca89666";

    /** Sections 2.1-2.3. */
    public static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    /** Section 2.4: U+30DE U+30C8 U+30EA U+30C3 U+30AF U+30B9. */
    public static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    /** Section 2.4: the password after SASLprep, as the RFC gives it. */
    public static final String LONG_TERM_PASSWORD = "TheMatrIX";
    public static final String LONG_TERM_REALM = "example.org";
    public static final String LONG_TERM_NONCE = "f//499k954d6OL34oL9FSTvy64sA";

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static StunKey shortTermKey() {
        return StunKey.shortTerm(SHORT_TERM_PASSWORD);
    }

    public static StunKey longTermKey() {
        return StunKey.longTerm(LONG_TERM_USERNAME, LONG_TERM_REALM, LONG_TERM_PASSWORD);
    }
}
