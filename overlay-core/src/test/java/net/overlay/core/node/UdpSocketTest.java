package net.overlay.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpSocketTest {
    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private static String receiveText(UdpSocket s, InetSocketAddress expectedFrom) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(UdpSocket.MAX_DATAGRAM_BYTES);
        assertThat(s.receive(buf)).isEqualTo(expectedFrom);
        byte[] got = new byte[buf.flip().remaining()];
        buf.get(got);
        return new String(got, StandardCharsets.UTF_8);
    }

    @Test
    void ffmSocketsExchangeDatagramsOnLoopback() throws Exception {
        assumeTrue(LinuxUdpSocket.isAvailable(), "FFM sockets need Linux x86_64/aarch64");
        try (UdpSocket a = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT); UdpSocket b = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT)) {
            assertThat(a.localAddress().getPort()).isPositive();
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            assertThat(a.send(b.localAddress(), hello, 0, hello.length, UdpSocket.DEFAULT_TTL)).isTrue();
            assertThat(receiveText(b, a.localAddress())).isEqualTo("hello");
            assertThat(b.send(a.localAddress(), ByteBuffer.wrap("back".getBytes(StandardCharsets.UTF_8)))).isTrue();
            assertThat(receiveText(a, b.localAddress())).isEqualTo("back");
        }
    }

    @Test
    void aLowTtlSendSetsIpTtlOnTheSocketAndTheNextDefaultSendRestoresIt() throws Exception {
        assumeTrue(LinuxUdpSocket.isAvailable(), "FFM sockets need Linux x86_64/aarch64");
        try (LinuxUdpSocket a = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT); UdpSocket b = LinuxUdpSocket.bind(LOOPBACK_ANY_PORT)) {
            int defaultTtl = a.kernelTtl();
            assertThat(defaultTtl).isEqualTo(a.defaultTtl()).isGreaterThan(3);
            assertThat(a.supportsTtl()).isTrue();
            byte[] p = {1, 2, 3};
            // Loopback is zero hops away: even TTL 1 arrives, so delivery proves the send went out.
            assertThat(a.send(b.localAddress(), p, 0, p.length, 1)).isTrue();
            assertThat(a.kernelTtl()).isEqualTo(1);
            receiveText(b, a.localAddress());
            assertThat(a.send(b.localAddress(), p, 0, p.length, UdpSocket.DEFAULT_TTL)).isTrue();
            assertThat(a.kernelTtl()).isEqualTo(defaultTtl);
            receiveText(b, a.localAddress());
        }
    }

    @Test
    void closingWakesABlockedReceiverWhichThenSeesNull() throws Exception {
        UdpSocket s = UdpSocket.open(LOOPBACK_ANY_PORT);
        Thread closer = Thread.ofPlatform().start(() -> {
            // No sleep: close races the receive; whichever comes first, receive must return null.
            s.close();
        });
        assertThat(s.receive(ByteBuffer.allocateDirect(64))).isNull();
        closer.join(5_000);
        assertThat(closer.isAlive()).isFalse();
    }

    @Test
    void nioFallbackExchangesDatagramsAndSaysItIgnoresTtl() throws Exception {
        try (UdpSocket a = NioUdpSocket.bind(LOOPBACK_ANY_PORT); UdpSocket b = NioUdpSocket.bind(LOOPBACK_ANY_PORT)) {
            assertThat(a.supportsTtl()).isFalse();
            byte[] hello = "nio".getBytes(StandardCharsets.UTF_8);
            assertThat(a.send(b.localAddress(), hello, 0, hello.length, 2)).isTrue();
            assertThat(receiveText(b, a.localAddress())).isEqualTo("nio");
        }
    }

    @Test
    void socketsBeyondTheConfiguredOnesBindLazilyOnTheSameIp() throws Exception {
        try (UdpSockets sockets = UdpSockets.bind(List.of(LOOPBACK_ANY_PORT, LOOPBACK_ANY_PORT))) {
            assertThat(sockets.localAddresses()).hasSize(2).allMatch(a -> a.getPort() > 0);
            assertThat(sockets.bound()).hasSize(2);
            UdpSocket extra = sockets.socket(7);
            assertThat(extra.localAddress().getAddress()).isEqualTo(sockets.localAddresses().getFirst().getAddress());
            assertThat(sockets.bound()).hasSize(3).containsKey(7);
            assertThat(sockets.socket(7)).isSameAs(extra);
        }
    }

    @Test
    void aRendezvousQuadHasTheSamePortPairOnBothAddresses() throws Exception {
        try (UdpSockets sockets = UdpSockets.bindRendezvous("127.0.0.1", "127.0.0.2", 0)) {
            List<InetSocketAddress> a = sockets.localAddresses();
            int p1 = a.get(0).getPort();
            assertThat(a).extracting(InetSocketAddress::getPort).containsExactly(p1, p1 + 1, p1, p1 + 1);
            assertThat(a).extracting(x -> x.getAddress().getHostAddress())
                    .containsExactly("127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2");
        }
    }
}
