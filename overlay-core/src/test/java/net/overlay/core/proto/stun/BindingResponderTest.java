package net.overlay.core.proto.stun;

import static net.overlay.core.proto.stun.StunCodecTest.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import net.overlay.core.proto.stun.StunAttribute.*;
import net.overlay.core.proto.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Binding responder: RFC 5780 address selection, 400/420, silence, and the 3x bound. */
class BindingResponderTest {
    static final InetSocketAddress PRIMARY = address("198.51.100.1", 3478);
    static final InetSocketAddress ALTERNATE = address("198.51.100.2", 3479);
    static final InetSocketAddress CLIENT = address("203.0.113.7", 40000);
    static final InetSocketAddress CLIENT_V6 = address("2001:db8::7", 40000);
    static final TransactionId ID = TransactionId.fromHex("0102030405060708090a0b0c");

    private final BindingResponder single = new BindingResponder(BindingResponderConfig.single(PRIMARY, "overlay"));
    private final BindingResponder dual =
            new BindingResponder(BindingResponderConfig.withAlternate(PRIMARY, ALTERNATE, "overlay"));

    @Test
    void plainRequestGetsXorMappedAddressFromTheAddressItReached() throws StunException {
        BindingReply reply = answer(single, request(new Padding(40)), CLIENT, PRIMARY).orElseThrow();
        StunMessage response = decode(reply);
        assertThat(reply.from()).isEqualTo(PRIMARY);
        assertThat(reply.to()).isEqualTo(CLIENT);
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(ID);
        assertThat(response.find(XorMappedAddress.class)).contains(new XorMappedAddress(CLIENT));
        assertThat(response.find(ResponseOrigin.class)).contains(new ResponseOrigin(PRIMARY));
        assertThat(response.find(OtherAddress.class)).isEmpty(); // RFC 5780 6: no alternate, no OTHER-ADDRESS
        assertThat(response.find(Software.class)).contains(new Software("overlay"));
    }

    @ParameterizedTest(name = "reached {0}:{1}, change ip {2} port {3} -> from {4}:{5}, other {6}:{7}")
    @CsvSource({
        "198.51.100.1, 3478, false, false, 198.51.100.1, 3478, 198.51.100.2, 3479",
        "198.51.100.1, 3478, true,  false, 198.51.100.2, 3478, 198.51.100.2, 3479",
        "198.51.100.1, 3478, false, true,  198.51.100.1, 3479, 198.51.100.2, 3479",
        "198.51.100.1, 3478, true,  true,  198.51.100.2, 3479, 198.51.100.2, 3479",
        "198.51.100.2, 3479, true,  true,  198.51.100.1, 3478, 198.51.100.1, 3478",
        "198.51.100.2, 3478, false, true,  198.51.100.2, 3479, 198.51.100.1, 3479",
        "198.51.100.1, 3479, true,  false, 198.51.100.2, 3479, 198.51.100.2, 3478",
    })
    void changeRequestPicksTheSourceOfRfc5780Table1(String localIp, int localPort, boolean changeIp,
            boolean changePort, String fromIp, int fromPort, String otherIp, int otherPort) throws StunException {
        InetSocketAddress local = address(localIp, localPort);
        BindingReply reply = answer(dual, request(new ChangeRequest(changeIp, changePort), new Padding(40)),
                CLIENT, local).orElseThrow();
        StunMessage response = decode(reply);
        assertThat(reply.from()).isEqualTo(address(fromIp, fromPort));
        assertThat(reply.to()).isEqualTo(CLIENT);
        assertThat(response.find(ResponseOrigin.class)).contains(new ResponseOrigin(address(fromIp, fromPort)));
        assertThat(response.find(OtherAddress.class)).contains(new OtherAddress(address(otherIp, otherPort)));
        assertThat(response.find(XorMappedAddress.class)).contains(new XorMappedAddress(CLIENT));
    }

    @Test
    void changeRequestWithoutAnAlternateIsRefusedWith420() throws StunException {
        BindingReply reply = answer(single, request(new ChangeRequest(false, true)), CLIENT, PRIMARY).orElseThrow();
        StunMessage response = decode(reply);
        assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(response.find(ErrorCode.class).map(ErrorCode::code)).contains(420);
        assertThat(response.find(UnknownAttributes.class)).contains(new UnknownAttributes(List.of(0x0003)));
        assertThat(reply.from()).isEqualTo(PRIMARY);
    }

    @Test
    void unknownComprehensionRequiredAttributesAreListedOnceIn420() throws StunException {
        var unknownA = new Unknown(0x7001, Bytes.fromHex("01"));
        var unknownB = new Unknown(0x0030, Bytes.EMPTY);
        StunMessage response = decode(answer(single, request(unknownA, unknownB, unknownA), CLIENT, PRIMARY)
                .orElseThrow());
        assertThat(response.find(ErrorCode.class)).contains(new ErrorCode(420, "Unknown Attribute"));
        assertThat(response.find(UnknownAttributes.class))
                .contains(new UnknownAttributes(List.of(0x7001, 0x0030)));
    }

    @Test
    void unknownComprehensionOptionalAttributesAreIgnored() throws StunException {
        StunMessage response = decode(answer(single, request(new Unknown(0xC0DE, Bytes.fromHex("ff"))), CLIENT,
                PRIMARY).orElseThrow());
        assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    }

    @Test
    void requestWithASoundHeaderButABadAttributeGets400() throws StunException {
        byte[] bad = StunCodecTest.hex("000100102112a442" + "0102030405060708090a0b0c"
                + "0020000c" + "0003a147" + "e112a64300000000"); // XOR-MAPPED-ADDRESS, family 3
        BindingReply reply = single.handleRequest(bad, 0, bad.length, CLIENT, PRIMARY).orElseThrow();
        StunMessage response = decode(reply);
        assertThat(response.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(response.transactionId()).isEqualTo(ID);
        assertThat(response.find(ErrorCode.class)).contains(new ErrorCode(400, "Bad Request"));
        assertThat(reply.to()).isEqualTo(CLIENT);
    }

    @Test
    void requestForAnotherMethodGets400() throws StunException {
        byte[] b = StunCodec.encode(new StunMessage(StunClass.REQUEST, 0x003, ID, List.of()));
        StunMessage response = decode(single.handleRequest(b, 0, b.length, CLIENT, PRIMARY).orElseThrow());
        assertThat(response.method()).isEqualTo(0x003);
        assertThat(response.find(ErrorCode.class).map(ErrorCode::code)).contains(400);
    }

    @Test
    void paddingTogetherWithResponsePortGets400() throws StunException {
        StunMessage response = decode(answer(dual, request(new Padding(8), new ResponsePort(5000)), CLIENT, PRIMARY)
                .orElseThrow());
        assertThat(response.find(ErrorCode.class).map(ErrorCode::code)).contains(400);
    }

    @Test
    void responsePortRedirectsTheAnswerToThatPortOfTheSourceIp() {
        BindingReply reply = answer(dual, request(new ResponsePort(5000)), CLIENT, PRIMARY).orElseThrow();
        assertThat(reply.to()).isEqualTo(new InetSocketAddress(CLIENT.getAddress(), 5000));
    }

    @Test
    void garbageIndicationsResponsesAndOverlayPacketsGetNoAnswer() {
        byte[] overlayPacket = new byte[60];
        overlayPacket[0] = (byte) 0xD3;
        assertThat(single.handleRequest(overlayPacket, 0, 60, CLIENT, PRIMARY)).isEmpty();
        assertThat(single.handleRequest(new byte[0], 0, 0, CLIENT, PRIMARY)).isEmpty();
        byte[] noCookie = StunCodec.encode(request());
        noCookie[5] ^= 1;
        assertThat(single.handleRequest(noCookie, 0, noCookie.length, CLIENT, PRIMARY)).isEmpty();
        var notRequests = List.of(StunClass.INDICATION, StunClass.SUCCESS_RESPONSE, StunClass.ERROR_RESPONSE);
        for (StunClass notRequest : notRequests) {
            byte[] b = StunCodec.encode(new StunMessage(notRequest, 1, ID, List.of(new Software("x"))));
            assertThat(single.handleRequest(b, 0, b.length, CLIENT, PRIMARY)).as(notRequest.name()).isEmpty();
        }
        byte[] badIndication = StunCodec.encode(new StunMessage(StunClass.INDICATION, 1, ID,
                List.of(new Unknown(0x0001, Bytes.fromHex("00")))));
        assertThat(single.handleRequest(badIndication, 0, badIndication.length, CLIENT, PRIMARY)).isEmpty();
    }

    @Test
    void requestWithAWrongFingerprintIsDropped() {
        byte[] b = StunCodec.encode(request(), StunTrailer.FINGERPRINT);
        b[b.length - 1] ^= 1;
        assertThat(single.handleRequest(b, 0, b.length, CLIENT, PRIMARY)).isEmpty();
    }

    @Test
    void fingerprintedRequestGetsAFingerprintedAnswer() {
        byte[] b = StunCodec.encode(request(), StunTrailer.FINGERPRINT);
        byte[] reply = single.handleRequest(b, 0, b.length, CLIENT_V6, PRIMARY).orElseThrow().datagram().toArray();
        assertThat(StunIntegrity.checkFingerprint(reply, 0, reply.length)).isEqualTo(StunIntegrity.Check.VALID);
    }

    @Test
    void smallestIpv6RequestGetsOnlyWhatFitsThreeTimesTwentyBytes() throws StunException {
        BindingReply reply = answer(dualV6(), request(), CLIENT_V6, address("2001:db8::1", 3478)).orElseThrow();
        StunMessage response = decode(reply);
        // header 20 + XOR-MAPPED-ADDRESS 24 = 44; OTHER-ADDRESS (24) would make 68 > 60; SOFTWARE (12) fits
        assertThat(response.attributes()).containsExactly(new XorMappedAddress(CLIENT_V6), new Software("overlay"));
        assertThat(reply.datagram().length()).isEqualTo(56);
    }

    @Test
    void paddedRequestEarnsTheFullAnswer() throws StunException {
        BindingReply reply = answer(dualV6(), request(new Padding(64)), CLIENT_V6, address("2001:db8::1", 3478))
                .orElseThrow();
        StunMessage response = decode(reply);
        assertThat(response.attributes()).hasExactlyElementsOfTypes(XorMappedAddress.class, MappedAddress.class,
                ResponseOrigin.class, OtherAddress.class, Software.class, Padding.class, Fingerprint.class);
        assertThat(response.find(Padding.class)).contains(new Padding(64));
    }

    private static BindingResponder dualV6() {
        return new BindingResponder(BindingResponderConfig.withAlternate(
                address("2001:db8::1", 3478), address("2001:db8::2", 3479), "overlay"));
    }

    static StunMessage request(StunAttribute... attributes) {
        return StunMessage.bindingRequest(ID, List.of(attributes));
    }

    private static Optional<BindingReply> answer(BindingResponder r, StunMessage request, InetSocketAddress source,
            InetSocketAddress local) {
        byte[] b = StunCodec.encode(request);
        return r.handleRequest(b, 0, b.length, source, local);
    }

    private static StunMessage decode(BindingReply reply) throws StunException {
        byte[] b = reply.datagram().toArray();
        return StunCodec.decode(b, 0, b.length);
    }
}
