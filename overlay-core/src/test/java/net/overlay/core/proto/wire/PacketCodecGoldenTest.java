package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.HexFields.bytes;
import static net.overlay.core.proto.wire.HexFields.counting;
import static net.overlay.core.proto.wire.HexFields.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.overlay.core.proto.wire.WireException.Reason;
import org.junit.jupiter.api.Test;

/** Golden vectors for every outer packet type, in both directions, and the refusals. */
class PacketCodecGoldenTest {

    private static void assertGolden(byte[] golden, Packet packet) throws WireException {
        assertThat(PacketCodec.decode(golden)).isEqualTo(packet);
        assertThat(PacketCodec.encode(packet)).isEqualTo(golden);
        assertThat(PacketCodec.encodedLength(packet)).isEqualTo(golden.length);
    }

    private static void assertRefused(byte[] datagram, Reason reason) {
        assertThatThrownBy(() -> PacketCodec.decode(datagram))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void handshakeInitiation() throws WireException {
        byte[] golden = hex(
                "d1",         // 0xD0 | version 1
                "01",         // type 1: HandshakeInitiation
                "0a0b0c0d",   // sender index
                "a1a2a3a4a5"); // Noise message (5 bytes here; the rest of the datagram)
        assertGolden(golden, new Packet.HandshakeInitiation(0x0a0b0c0d, bytes("a1a2a3a4a5")));
    }

    @Test
    void handshakeResponse() throws WireException {
        byte[] golden = hex(
                "d1",         // version 1
                "02",         // type 2: HandshakeResponse
                "fffffffe",   // sender index (u32 4294967294)
                "0a0b0c0d",   // receiver index: the initiator's sender index
                "b1b2b3");    // Noise message
        assertGolden(golden, new Packet.HandshakeResponse(0xfffffffe, 0x0a0b0c0d, bytes("b1b2b3")));
    }

    @Test
    void transport() throws WireException {
        byte[] golden = hex(
                "d1",                  // version 1
                "03",                  // type 3: Transport
                "00000007",            // receiver index
                "8000000000000001",    // packet number (u64 2^63 + 1): the AEAD nonce
                counting(0xc0, 17));   // sealed payload: 1 byte of ciphertext, 16 of tag
        assertGolden(golden, new Packet.Transport(7, 0x8000000000000001L, bytes(counting(0xc0, 17))));
    }

    @Test
    void relayed() throws WireException {
        String inner = "d1" + "01" + "00000001" + "ee"; // a whole HandshakeInitiation
        byte[] golden = hex(
                "d1",                  // version 1
                "04",                  // type 4: Relayed
                "0102030405060708",    // allocation id
                inner);                // inner packet, forwarded unread
        assertGolden(golden, new Packet.Relayed(0x0102030405060708L, bytes(inner)));
    }

    @Test
    void cookieReply() throws WireException {
        byte[] golden = hex(
                "d1",                  // version 1
                "05",                  // type 5: CookieReply
                "00000009",            // receiver index
                counting(0x00, 24),    // nonce (24 bytes)
                counting(0x80, 32));   // sealed cookie (16 bytes of cookie, 16 of tag)
        assertGolden(golden, new Packet.CookieReply(9, bytes(counting(0x00, 24)), bytes(counting(0x80, 32))));
    }

    @Test
    void anotherVersionIsRefusedWithItsOwnReasonAndNumber() {
        byte[] version2 = hex("d2", "03", "00000007", "0000000000000001", counting(0, 16));
        assertThatThrownBy(() -> PacketCodec.decode(version2))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
                    assertThat(e.getMessage()).isEqualTo("unsupported version 2");
                });
        assertRefused(hex("d0", "01", "00000001", "ee"), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void aStunMessageIsNotAnOverlayPacket() {
        // RFC 8489 5: a Binding request starts 0x00 0x01; RFC 7983 puts STUN at 0-3.
        assertRefused(hex("0001", "0000", "2112a442", counting(0, 12)), Reason.NOT_OVERLAY);
        assertRefused(hex("e1", "01", "00000001", "ee"), Reason.NOT_OVERLAY);
    }

    @Test
    void unknownPacketTypesAreRefused() {
        assertRefused(hex("d1", "00", "00000001", "ee"), Reason.UNKNOWN_PACKET_TYPE);
        assertRefused(hex("d1", "06", "00000001", "ee"), Reason.UNKNOWN_PACKET_TYPE);
        assertRefused(hex("d1", "ff"), Reason.UNKNOWN_PACKET_TYPE);
    }

    @Test
    void packetsShorterThanTheirTypeAllowsAreTruncated() {
        assertRefused(hex(), Reason.TRUNCATED);
        assertRefused(hex("d1"), Reason.TRUNCATED);
        assertRefused(hex("d1", "01", "00000001"), Reason.TRUNCATED);              // empty Noise message
        assertRefused(hex("d1", "02", "00000001", "00000002"), Reason.TRUNCATED);  // empty Noise message
        assertRefused(hex("d1", "03", "00000007", "0000000000000001", counting(0, 15)), Reason.TRUNCATED);
        assertRefused(hex("d1", "04", "0102030405060708"), Reason.TRUNCATED);
        assertRefused(hex("d1", "05", "00000009", counting(0, 55)), Reason.TRUNCATED);
    }

    @Test
    void aCookieReplyWithTrailingBytesIsRefused() {
        assertRefused(hex("d1", "05", "00000009", counting(0, 57)), Reason.BAD_LENGTH);
    }

    @Test
    void datagramsOverTheUdpLimitAreRefused() throws WireException {
        byte[] tooBig = new byte[WireConstants.MAX_DATAGRAM_BYTES + 1];
        tooBig[0] = (byte) 0xd1;
        tooBig[1] = 0x03;
        assertRefused(tooBig, Reason.BAD_LENGTH);
        byte[] largest = new byte[WireConstants.MAX_DATAGRAM_BYTES];
        largest[0] = (byte) 0xd1;
        largest[1] = 0x03;
        assertThat(PacketCodec.decode(largest)).isInstanceOf(Packet.Transport.class);
    }

    @Test
    void aRelayedPacketInsideARelayedPacketIsRefused() {
        String innerInner = "d1" + "01" + "00000001" + "ee";
        String inner = "d1" + "04" + "0000000000000002" + innerInner;
        assertRefused(hex("d1", "04", "0000000000000001", inner), Reason.NESTED_RELAY);
        assertThatThrownBy(() -> new Packet.Relayed(1, bytes(inner))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRelayedPacketMustCarryAWellFormedInnerPacket() {
        assertRefused(hex("d1", "04", "0000000000000001", "d1", "03", "00"), Reason.TRUNCATED);
        assertRefused(hex("d1", "04", "0000000000000001", "d7", "01", "00000001", "ee"), Reason.UNSUPPORTED_VERSION);
        assertRefused(hex("d1", "04", "0000000000000001", "0001"), Reason.NOT_OVERLAY);
    }

    @Test
    void recordsRefuseFieldsThatCannotBeEncoded() {
        assertThatThrownBy(() -> new Packet.HandshakeInitiation(1, Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Packet.Transport(1, 1, bytes(counting(0, 15))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Packet.Transport(1, 1, Bytes.wrapOwned(new byte[65507 - 13])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Packet.CookieReply(1, bytes(counting(0, 23)), bytes(counting(0, 32))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodeChecksRoomBeforeWritingAnything() {
        byte[] small = new byte[10];
        Packet p = new Packet.Transport(7, 1, bytes(counting(0, 16)));
        assertThatThrownBy(() -> PacketCodec.encode(p, small, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(small).containsOnly(0);
    }
}
