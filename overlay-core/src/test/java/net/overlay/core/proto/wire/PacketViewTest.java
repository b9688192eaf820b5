package net.overlay.core.proto.wire;

import static net.overlay.core.proto.wire.HexFields.counting;
import static net.overlay.core.proto.wire.HexFields.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The in-place, per-packet paths: header encoders and {@link PacketView}. */
class PacketViewTest {

    @Test
    void aTransportHeaderWrittenIntoTheCallersBufferIsReadBackInPlace() throws WireException {
        byte[] buf = new byte[64];
        int off = 5;
        int payloadAt = PacketCodec.encodeTransportHeader(buf, off, 0xcafebabe, -2L);
        assertThat(payloadAt).isEqualTo(off + WireConstants.TRANSPORT_HEADER_BYTES);
        int len = WireConstants.TRANSPORT_HEADER_BYTES + 20;

        PacketView view = new PacketView().wrap(buf, off, len);

        assertThat(view.type()).isEqualTo(PacketType.TRANSPORT);
        assertThat(view.receiverIndex()).isEqualTo(0xcafebabe);
        assertThat(view.packetNumber()).isEqualTo(-2L);
        assertThat(view.buffer()).isSameAs(buf);
        assertThat(view.packetOffset()).isEqualTo(off);
        assertThat(view.bodyOffset()).isEqualTo(payloadAt);
        assertThat(view.bodyLength()).isEqualTo(20);
    }

    @Test
    void theTransportHeaderIsTheSameBytesTheRecordEncodes() {
        byte[] viaHeader = new byte[14];
        PacketCodec.encodeTransportHeader(viaHeader, 0, 7, 0x8000000000000001L);
        byte[] viaRecord = PacketCodec.encode(
                new Packet.Transport(7, 0x8000000000000001L, Bytes.wrapOwned(new byte[16])));
        assertThat(viaHeader).isEqualTo(java.util.Arrays.copyOf(viaRecord, 14));
    }

    @Test
    void aRelayFindsTheInnerPacketInPlaceAndCanReWrapIt() throws WireException {
        byte[] inner = hex("d1", "03", "00000007", "0000000000000001", counting(0, 16));
        byte[] buf = new byte[10 + inner.length];
        int innerAt = PacketCodec.encodeRelayedHeader(buf, 0, 42L);
        System.arraycopy(inner, 0, buf, innerAt, inner.length);

        PacketView view = new PacketView().wrap(buf, 0, buf.length);
        assertThat(view.type()).isEqualTo(PacketType.RELAYED);
        assertThat(view.allocationId()).isEqualTo(42L);
        assertThat(view.bodyOffset()).isEqualTo(innerAt);
        assertThat(view.bodyLength()).isEqualTo(inner.length);

        view.wrap(buf, view.bodyOffset(), view.bodyLength());
        assertThat(view.type()).isEqualTo(PacketType.TRANSPORT);
        assertThat(view.receiverIndex()).isEqualTo(7);
    }

    @Test
    void theCookieReplyBodyIsTheNonceThenTheSealedCookie() throws WireException {
        byte[] golden = hex("d1", "05", "00000009", counting(0, 24), counting(0x80, 32));
        PacketView view = new PacketView().wrap(golden, 0, golden.length);
        assertThat(view.receiverIndex()).isEqualTo(9);
        assertThat(view.bodyOffset()).isEqualTo(6);
        assertThat(view.bodyLength()).isEqualTo(56);
    }

    @Test
    void fieldsTheTypeDoesNotHaveAreRefused() throws WireException {
        byte[] initiation = hex("d1", "01", "00000001", "ee");
        PacketView view = new PacketView().wrap(initiation, 0, initiation.length);
        assertThat(view.senderIndex()).isEqualTo(1);
        assertThatThrownBy(view::receiverIndex).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(view::packetNumber).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(view::allocationId).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aViewHoldsNothingAfterAFailedWrap() throws WireException {
        byte[] good = hex("d1", "01", "00000001", "ee");
        PacketView view = new PacketView().wrap(good, 0, good.length);
        byte[] bad = hex("d1", "01", "0000");
        assertThatThrownBy(() -> view.wrap(bad, 0, bad.length)).isInstanceOf(WireException.class);
        assertThatThrownBy(view::type).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(view::senderIndex).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRangeOutsideTheBufferIsTheCallersBugNotAWireError() {
        assertThatThrownBy(() -> new PacketView().wrap(new byte[10], 5, 6))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theTransportPathAllocatesNothingPerPacket() throws WireException {
        var threads = ManagementFactory.getThreadMXBean();
        assumeThat(threads).as("allocation counter of the HotSpot MXBean")
                .isInstanceOf(com.sun.management.ThreadMXBean.class);
        var counter = (com.sun.management.ThreadMXBean) threads;
        assumeThat(counter.isThreadAllocatedMemorySupported()).isTrue();
        counter.setThreadAllocatedMemoryEnabled(true);

        byte[] buf = new byte[1200];
        PacketView view = new PacketView();
        long sink = sendAndReceive(buf, view, 1000);
        long before = counter.getCurrentThreadAllocatedBytes();
        int packets = 100_000;
        sink += sendAndReceive(buf, view, packets);
        long allocatedBytes = counter.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isNotZero();
        // A few hundred bytes of slack for the counter's own bookkeeping; one object per packet
        // would be at least 1.6 MB.
        assertThat(allocatedBytes).as("bytes allocated for %d packets", packets).isLessThan(1024);
    }

    private static long sendAndReceive(byte[] buf, PacketView view, int packets) throws WireException {
        long sink = 0;
        for (int i = 0; i < packets; i++) {
            PacketCodec.encodeTransportHeader(buf, 0, i, i);
            view.wrap(buf, 0, buf.length);
            sink += view.receiverIndex() + view.packetNumber() + view.bodyOffset() + view.bodyLength();
        }
        return sink;
    }
}
