package net.overlay.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batched sends (UDP GSO through {@link LinuxUdpSocket}, one by one through NIO) and coalesced
 * reads (UDP GRO) hand the receiver exactly the datagrams that were sent, in order; {@link
 * SendBatch} only joins neighbours of one shape.
 */
@Timeout(10)
class UdpSegmentationTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    /** 20 datagrams of 1200 bytes and a last one of 500, each filled with its index. */
    private static byte[] batchOfDatagrams() {
        byte[] buf = new byte[20 * 1200 + 500];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) (i / 1200);
        }
        return buf;
    }

    private static List<byte[]> receive(UdpSocket s, int count, InetSocketAddress expectedFrom) throws Exception {
        List<byte[]> got = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(UdpSocket.MAX_DATAGRAM_BYTES);
        for (int i = 0; i < count; i++) {
            assertThat(s.receive(buf.clear())).isEqualTo(expectedFrom);
            byte[] d = new byte[buf.flip().remaining()];
            buf.get(d);
            got.add(d);
        }
        return got;
    }

    private static void assertSameDatagrams(List<byte[]> got) {
        assertThat(got).hasSize(21);
        for (int i = 0; i < 21; i++) {
            assertThat(got.get(i)).hasSize(i < 20 ? 1200 : 500).containsOnly((byte) i);
        }
    }

    @Test
    void aSegmentedSendArrivesAsTheSameDatagramsOnACoalescingReceiver() throws Exception {
        assumeTrue(LinuxUdpSocket.isAvailable(), "FFM sockets need Linux x86_64/aarch64");
        try (LinuxUdpSocket a = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT); LinuxUdpSocket b = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT)) {
            assumeTrue(a.segmentsInKernel() && b.coalescesReads(), "this kernel has no UDP GSO/GRO");
            byte[] buf = batchOfDatagrams();
            assertThat(a.sendSegments(b.localAddress(), buf, 0, buf.length, 1200, UdpSocket.DEFAULT_TTL)).isEqualTo(21);
            assertSameDatagrams(receive(b, 21, a.localAddress()));
            byte[] one = {42};
            assertThat(a.send(b.localAddress(), one, 0, 1, UdpSocket.DEFAULT_TTL)).isTrue();
            assertThat(receive(b, 1, a.localAddress()).getFirst()).containsExactly(42);
        }
    }

    @Test
    void aSegmentedSendArrivesAsTheSameDatagramsOnAPlainReceiver() throws Exception {
        assumeTrue(LinuxUdpSocket.isAvailable(), "FFM sockets need Linux x86_64/aarch64");
        try (LinuxUdpSocket a = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT); UdpSocket b = NioUdpSocket.bind(LOOPBACK_ANY_PORT)) {
            byte[] buf = batchOfDatagrams();
            assertThat(a.sendSegments(b.localAddress(), buf, 0, buf.length, 1200, UdpSocket.DEFAULT_TTL)).isEqualTo(21);
            assertSameDatagrams(receive(b, 21, a.localAddress()));
        }
    }

    @Test
    void nioSendsASegmentedBatchOneDatagramAtATime() throws Exception {
        try (UdpSocket a = NioUdpSocket.bind(LOOPBACK_ANY_PORT); UdpSocket b = NioUdpSocket.bind(LOOPBACK_ANY_PORT)) {
            assertThat(a.segmentsInKernel()).isFalse();
            byte[] buf = batchOfDatagrams();
            assertThat(a.sendSegments(b.localAddress(), buf, 0, buf.length, 1200, UdpSocket.DEFAULT_TTL)).isEqualTo(21);
            assertSameDatagrams(receive(b, 21, a.localAddress()));
        }
    }

    @Test
    void aBatchJoinsOnlyNeighboursOfOneShape() {
        InetSocketAddress x = new InetSocketAddress("127.0.0.1", 1000);
        InetSocketAddress y = new InetSocketAddress("127.0.0.1", 1001);
        SendBatch batch = new SendBatch();
        assertThat(batch.tryAdd(transmit(0, x, 1200, Transmit.DEFAULT_TTL))).isTrue();
        assertThat(batch.tryAdd(transmit(0, x, 1200, Transmit.DEFAULT_TTL))).isTrue();
        assertThat(batch.tryAdd(transmit(0, y, 1200, Transmit.DEFAULT_TTL))).as("another destination").isFalse();
        assertThat(batch.tryAdd(transmit(1, x, 1200, Transmit.DEFAULT_TTL))).as("another socket").isFalse();
        assertThat(batch.tryAdd(transmit(0, x, 1200, 2))).as("another TTL").isFalse();
        assertThat(batch.tryAdd(transmit(0, x, 1300, Transmit.DEFAULT_TTL))).as("a larger one").isFalse();
        assertThat(batch.tryAdd(transmit(0, x, 80, Transmit.DEFAULT_TTL))).as("a shorter last one").isTrue();
        assertThat(batch.tryAdd(transmit(0, x, 80, Transmit.DEFAULT_TTL))).as("nothing after the short one").isFalse();
        assertThat(batch.count()).isEqualTo(3);
        batch.clear();
        assertThat(batch.tryAdd(transmit(0, x, 0, Transmit.DEFAULT_TTL))).isTrue();
        assertThat(batch.tryAdd(transmit(0, x, 0, Transmit.DEFAULT_TTL))).as("empty datagrams go alone").isFalse();
    }

    @Test
    void aBatchStopsAtTheKernelsSegmentLimit() {
        InetSocketAddress x = new InetSocketAddress("127.0.0.1", 1000);
        SendBatch batch = new SendBatch();
        for (int i = 0; i < SendBatch.MAX_SEGMENTS; i++) {
            assertThat(batch.tryAdd(transmit(0, x, 100, Transmit.DEFAULT_TTL))).isTrue();
        }
        assertThat(batch.tryAdd(transmit(0, x, 100, Transmit.DEFAULT_TTL))).isFalse();
    }

    private static Transmit transmit(int socket, InetSocketAddress to, int lenBytes, int ttl) {
        return new Transmit(socket, to, Bytes.wrapOwned(new byte[lenBytes]), ttl);
    }
}
