package net.overlay.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.stun.StunAttribute;
import net.overlay.core.proto.stun.StunClass;
import net.overlay.core.proto.stun.StunCodec;
import net.overlay.core.proto.stun.StunMessage;
import net.overlay.core.proto.stun.TransactionId;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class DevRendezvousTest {

    @Test
    void answersAStunBindingOnItsPrimarySocketWithTheSendersAddress(@TempDir Path keys) throws Exception {
        try (DevRendezvous node = DevRendezvous.start("127.0.0.1", "127.0.0.2", 0, keys.resolve("k"), e -> { });
                UdpSocket probe = UdpSocket.open(new InetSocketAddress("127.0.0.1", 0))) {
            TransactionId id = TransactionId.random(RandomSource.seeded(5));
            byte[] request = StunCodec.encode(StunMessage.bindingRequest(id, List.of()));
            assertThat(probe.send(node.sockets().getFirst(), request, 0, request.length, UdpSocket.DEFAULT_TTL)).isTrue();
            ByteBuffer buf = ByteBuffer.allocateDirect(UdpSocket.MAX_DATAGRAM_BYTES);
            // Blocks at most until the node answers; the node runs on other threads.
            assertThat(probe.receive(buf)).isEqualTo(node.sockets().getFirst());
            byte[] reply = new byte[buf.flip().remaining()];
            buf.get(reply);
            StunMessage m = StunCodec.decode(reply, 0, reply.length);
            assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
            assertThat(m.transactionId()).isEqualTo(id);
            assertThat(m.find(StunAttribute.XorMappedAddress.class)).get()
                    .extracting(StunAttribute.XorMappedAddress::address).isEqualTo(probe.localAddress());
        }
    }

    @Test
    void generatesKeysOnFirstStartAndLoadsTheSameIdentityOnTheNext(@TempDir Path keys) throws Exception {
        Path dir = keys.resolve("node");
        String first;
        try (DevRendezvous node = DevRendezvous.start("127.0.0.1", "127.0.0.2", 0, dir, e -> { })) {
            assertThat(node.keysGenerated()).isTrue();
            assertThat(node.sockets()).hasSize(4);
            first = node.identity().peerId().toString();
        }
        assertThat(KeyDirectory.existingFiles(dir)).hasSize(4);
        try (DevRendezvous node = DevRendezvous.start("127.0.0.1", "127.0.0.2", 0, dir, e -> { })) {
            assertThat(node.keysGenerated()).isFalse();
            assertThat(node.identity().peerId().toString()).isEqualTo(first);
        }
    }
}
