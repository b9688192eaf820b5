package net.overlay.core.proto.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PacketRoundTripProperties {

    @Provide
    Arbitrary<Packet> packets() {
        return WireArbitraries.packets();
    }

    @Property
    void everyPacketDecodesToItselfAfterEncoding(@ForAll("packets") Packet packet) throws WireException {
        byte[] datagram = PacketCodec.encode(packet);
        assertThat(datagram).hasSize(PacketCodec.encodedLength(packet));
        assertThat(PacketCodec.decode(datagram)).isEqualTo(packet);
    }

    @Property
    void encodingAtAnOffsetWritesOnlyThePacketsBytes(@ForAll("packets") Packet packet) throws WireException {
        int len = PacketCodec.encodedLength(packet);
        byte[] buf = new byte[len + 7];
        assertThat(PacketCodec.encode(packet, buf, 3)).isEqualTo(3 + len);
        assertThat(buf).startsWith(0, 0, 0).endsWith(0, 0, 0, 0);
        assertThat(PacketCodec.decode(buf, 3, len)).isEqualTo(packet);
    }

    @Property
    void theViewSeesTheRecordsFields(@ForAll("packets") Packet packet) throws WireException {
        byte[] datagram = PacketCodec.encode(packet);
        PacketView view = new PacketView().wrap(datagram, 0, datagram.length);
        assertThat(view.type()).isEqualTo(packet.type());
        switch (packet) {
            case Packet.HandshakeInitiation p -> {
                assertThat(view.senderIndex()).isEqualTo(p.senderIndex());
                assertThat(body(view)).isEqualTo(p.noiseMessage());
            }
            case Packet.HandshakeResponse p -> {
                assertThat(view.senderIndex()).isEqualTo(p.senderIndex());
                assertThat(view.receiverIndex()).isEqualTo(p.receiverIndex());
                assertThat(body(view)).isEqualTo(p.noiseMessage());
            }
            case Packet.Transport p -> {
                assertThat(view.receiverIndex()).isEqualTo(p.receiverIndex());
                assertThat(view.packetNumber()).isEqualTo(p.packetNumber());
                assertThat(body(view)).isEqualTo(p.sealedPayload());
            }
            case Packet.Relayed p -> {
                assertThat(view.allocationId()).isEqualTo(p.allocationId());
                assertThat(body(view)).isEqualTo(p.innerPacket());
            }
            case Packet.CookieReply p -> {
                assertThat(view.receiverIndex()).isEqualTo(p.receiverIndex());
                assertThat(body(view).toHex()).isEqualTo(p.nonce().toHex() + p.sealedCookie().toHex());
            }
        }
    }

    private static Bytes body(PacketView view) {
        return Bytes.of(view.buffer(), view.bodyOffset(), view.bodyLength());
    }
}
