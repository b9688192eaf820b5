package net.overlay.core.proto.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.stun.StunException.Reason;
import net.overlay.core.proto.wire.Bytes;
import org.junit.jupiter.api.Test;

/** Golden encodings (a comment per field) and every header and attribute check of the decoder. */
class StunCodecTest {
    private static final TransactionId ID = TransactionId.fromHex("0102030405060708090a0b0c");
    private static final TransactionId RFC_ID = TransactionId.fromHex("b7e7a701bc34d686fa87dfae");

    @Test
    void bindingRequestWithChangeRequestEncodesToGoldenBytes() throws StunException {
        var request = StunMessage.bindingRequest(ID, List.of(new ChangeRequest(true, true)));
        byte[] golden = hex(
                "0001" // Binding request: class 00, method 0x001
                + "0008" // 8 bytes of attributes
                + "2112a442" // magic cookie
                + "0102030405060708090a0b0c" // transaction id
                + "0003" + "0004" // CHANGE-REQUEST, 4 bytes
                + "00000006"); // change IP (0x4) | change port (0x2)
        assertThat(StunCodec.encode(request)).isEqualTo(golden);
        assertThat(StunCodec.decode(golden, 0, golden.length)).isEqualTo(request);
    }

    @Test
    void ipv4SuccessResponseWithOriginAndOtherAddressEncodesToGoldenBytes() throws StunException {
        var response = new StunMessage(StunClass.SUCCESS_RESPONSE, StunConstants.METHOD_BINDING, ID, List.of(
                new XorMappedAddress(address("192.0.2.1", 32853)),
                new ResponseOrigin(address("198.51.100.1", 3478)),
                new OtherAddress(address("203.0.113.2", 3479))));
        byte[] golden = hex(
                "0101" // Binding success response: C1 (bit 8) set
                + "0024" // 36 bytes: three 12-byte attributes
                + "2112a442" // magic cookie
                + "0102030405060708090a0b0c" // transaction id
                + "0020" + "0008" // XOR-MAPPED-ADDRESS, 8 bytes
                + "00" + "01" // reserved, family IPv4
                + "a147" // port 32853 = 0x8055, XOR 0x2112
                + "e112a643" // 192.0.2.1 = c0000201, XOR the cookie
                + "802b" + "0008" // RESPONSE-ORIGIN, 8 bytes
                + "00" + "01" + "0d96" // reserved, IPv4, port 3478 in clear
                + "c6336401" // 198.51.100.1
                + "802c" + "0008" // OTHER-ADDRESS, 8 bytes
                + "00" + "01" + "0d97" // reserved, IPv4, port 3479
                + "cb007102"); // 203.0.113.2
        assertThat(StunCodec.encode(response)).isEqualTo(golden);
        assertThat(StunCodec.decode(golden, 0, golden.length)).isEqualTo(response);
    }

    @Test
    void ipv6SuccessResponseXorsTheAddressWithCookieAndTransactionId() throws StunException {
        var response = new StunMessage(StunClass.SUCCESS_RESPONSE, StunConstants.METHOD_BINDING, RFC_ID, List.of(
                new XorMappedAddress(address("2001:db8:1234:5678:11:2233:4455:6677", 32853)),
                new ResponseOrigin(address("2001:db8::1", 3478)),
                new OtherAddress(address("2001:db8::2", 3479))));
        byte[] golden = hex(
                "0101" // Binding success response
                + "0048" // 72 bytes: three 24-byte attributes
                + "2112a442" // magic cookie
                + "b7e7a701bc34d686fa87dfae" // transaction id of RFC 5769 2.3
                + "0020" + "0014" // XOR-MAPPED-ADDRESS, 20 bytes
                + "00" + "02" // reserved, family IPv6
                + "a147" // port 32853 XOR 0x2112
                + "0113a9faa5d3f179bc25f4b5bed2b9d9" // address XOR cookie || transaction id (as RFC 5769 2.3)
                + "802b" + "0014" // RESPONSE-ORIGIN, 20 bytes
                + "00" + "02" + "0d96" // reserved, IPv6, port 3478
                + "20010db8000000000000000000000001" // 2001:db8::1 in clear
                + "802c" + "0014" // OTHER-ADDRESS, 20 bytes
                + "00" + "02" + "0d97" // reserved, IPv6, port 3479
                + "20010db8000000000000000000000002"); // 2001:db8::2
        assertThat(StunCodec.encode(response)).isEqualTo(golden);
        assertThat(StunCodec.decode(golden, 0, golden.length)).isEqualTo(response);
    }

    @Test
    void errorResponseWithUnknownAttributesEncodesToGoldenBytes() throws StunException {
        var response = new StunMessage(StunClass.ERROR_RESPONSE, StunConstants.METHOD_BINDING, ID, List.of(
                new ErrorCode(420, "Unknown Attribute"), new UnknownAttributes(List.of(0x7001))));
        byte[] golden = hex(
                "0111" // Binding error response: C1 and C0 set
                + "0024" // 36 bytes: 4 + 24 for ERROR-CODE, 4 + 4 for UNKNOWN-ATTRIBUTES
                + "2112a442" + "0102030405060708090a0b0c" // cookie, transaction id
                + "0009" + "0015" // ERROR-CODE, 21 bytes
                + "0000" + "04" + "14" // reserved, class 4, number 20
                + "556e6b6e6f776e20417474726962757465" + "000000" // "Unknown Attribute", 3 padding bytes
                + "000a" + "0002" // UNKNOWN-ATTRIBUTES, 2 bytes
                + "7001" + "0000"); // type 0x7001, 2 padding bytes
        assertThat(StunCodec.encode(response)).isEqualTo(golden);
        assertThat(StunCodec.decode(golden, 0, golden.length)).isEqualTo(response);
    }

    @Test
    void fingerprintTrailerIsCrc32XorStunOverTheMessageBeforeIt() {
        byte[] b = StunCodec.encode(StunMessage.bindingRequest(ID, List.of()), StunTrailer.FINGERPRINT);
        var crc = new java.util.zip.CRC32();
        crc.update(b, 0, 20);
        assertThat(b).hasSize(28);
        assertThat(HexFormat.of().formatHex(b, 0, 4)).isEqualTo("00010008"); // length counts FINGERPRINT
        assertThat(HexFormat.of().formatHex(b, 20, 24)).isEqualTo("80280004");
        assertThat(StunWriter.u32(b, 24)).isEqualTo((int) crc.getValue() ^ 0x5354554e);
    }

    @Test
    void decodesAMessageInTheMiddleOfABuffer() throws StunException {
        byte[] msg = StunCodec.encode(StunMessage.bindingRequest(ID, List.of(new Software("x"))));
        byte[] buf = new byte[msg.length + 10];
        System.arraycopy(msg, 0, buf, 7, msg.length);
        assertThat(StunCodec.decode(buf, 7, msg.length).find(Software.class)).contains(new Software("x"));
    }

    @Test
    void headerChecksRefuseWithoutAHeader() {
        byte[] ok = StunCodec.encode(StunMessage.bindingRequest(ID, List.of(new Priority(1))));
        assertRefused(ok, 19, Reason.TOO_SHORT, false);
        assertRefused(with(ok, 0, 0x40), ok.length, Reason.NOT_STUN, false); // top bits 01
        assertRefused(with(ok, 0, 0xD0), ok.length, Reason.NOT_STUN, false); // an overlay packet
        assertRefused(with(ok, 4, 0x21 ^ 0x01), ok.length, Reason.NOT_STUN, false); // cookie
        assertRefused(with(ok, 3, 0x07), ok.length, Reason.BAD_LENGTH, false); // not a multiple of 4
        assertRefused(with(ok, 3, 0x04), ok.length, Reason.BAD_LENGTH, false); // 4, but 8 follow
    }

    @Test
    void attributeChecksRefuseWithTheHeaderSoAServerCanAnswer400() {
        assertRefused(hex("000100082112a442" + "0102030405060708090a0b0c" + "80220008" + "41424344"), 28,
                Reason.TRUNCATED_ATTRIBUTE, true);
        assertRefused(hex("000100102112a442" + "0102030405060708090a0b0c" + "80280004" + "00000000"
                + "80220001" + "41000000"), 36, Reason.BAD_ORDER, true);
        assertRefused(hex("000100102112a442" + "0102030405060708090a0b0c" + "0020000c" + "0003a147"
                + "e112a64300000000"), 36, Reason.BAD_ATTRIBUTE, true); // family 3
        assertRefused(hex("0001000c2112a442" + "0102030405060708090a0b0c" + "00200008" + "0002a147"
                + "e112a643"), 32, Reason.BAD_ATTRIBUTE, true); // IPv6 family with an IPv4 length
        assertRefused(hex("000100082112a442" + "0102030405060708090a0b0c" + "00060002" + "c3280000"), 28,
                Reason.BAD_ATTRIBUTE, true); // USERNAME not UTF-8
        assertRefused(hex("000100082112a442" + "0102030405060708090a0b0c" + "00090004" + "00000264"), 28,
                Reason.BAD_ATTRIBUTE, true); // ERROR-CODE class 2, number 100
        assertRefused(hex("000100082112a442" + "0102030405060708090a0b0c" + "00080004" + "00000000"), 28,
                Reason.BAD_ATTRIBUTE, true); // MESSAGE-INTEGRITY of 4 bytes
        assertRefused(hex("000100082112a442" + "0102030405060708090a0b0c" + "000a0003" + "00010000"), 28,
                Reason.BAD_ATTRIBUTE, true); // UNKNOWN-ATTRIBUTES of odd length
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnoredExceptFingerprint() throws StunException {
        var mi = new MessageIntegrity(Bytes.wrapOwned(new byte[20]));
        var msg = StunMessage.bindingRequest(ID, List.of(new Username("u"), mi, new Software("ignored"),
                new Fingerprint(7)));
        byte[] b = StunCodec.encode(msg);
        assertThat(StunCodec.decode(b, 0, b.length).attributes()).containsExactly(new Username("u"), mi,
                new Fingerprint(7));
    }

    @Test
    void unknownAttributesAreKeptOpaqueWithTheirComprehensionBit() throws StunException {
        var msg = StunMessage.bindingRequest(ID, List.of(
                new Unknown(0x7001, Bytes.fromHex("010203")), new Unknown(0xC001, Bytes.EMPTY)));
        byte[] b = StunCodec.encode(msg);
        StunMessage decoded = StunCodec.decode(b, 0, b.length);
        assertThat(decoded).isEqualTo(msg);
        assertThat(((Unknown) decoded.attributes().get(0)).comprehensionRequired()).isTrue();
        assertThat(((Unknown) decoded.attributes().get(1)).comprehensionRequired()).isFalse();
    }

    @Test
    void firstOfDuplicateAttributesIsTheOneFound() {
        var msg = StunMessage.bindingRequest(ID, List.of(new Software("first"), new Software("second")));
        assertThat(msg.find(Software.class)).contains(new Software("first"));
        assertThat(msg.find(Realm.class)).isEqualTo(Optional.empty());
    }

    @Test
    void encoderRefusesTrailerAttributesTwice() {
        var msg = StunMessage.bindingRequest(ID, List.of(new Fingerprint(1)));
        assertThatThrownBy(() -> StunCodec.encode(msg, StunTrailer.FINGERPRINT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encoderRefusesMessagesOver64KiB() {
        var msg = StunMessage.bindingRequest(ID, List.of(new Padding(40000), new Padding(40000)));
        assertThatThrownBy(() -> StunCodec.encode(msg)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(byte[] b, int len, Reason reason, boolean withHeader) {
        assertThatThrownBy(() -> StunCodec.decode(b, 0, len))
                .isInstanceOfSatisfying(StunException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.header().isPresent()).as("header present").isEqualTo(withHeader);
                });
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] copy = b.clone();
        copy[index] = (byte) value;
        return copy;
    }

    static InetSocketAddress address(String literal, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(literal), port);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
