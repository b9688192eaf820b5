package net.overlay.core.proto.session;

import static net.overlay.core.proto.session.SessionHandshakeTest.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.PacketCodec;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: 100,000 random and mutated datagrams from strangers to an endpoint that holds a
 * live session. Nothing throws, nothing is sent to anyone, and every datagram is counted once.
 */
class SessionEndpointFuzzTest {
    private static final int DATAGRAMS = 100_000;
    private static final InetSocketAddress CLIENT = SessionHandshakeTest.CLIENT;

    private long nowNs;

    /** Moves every queued datagram between the two endpoints until both are quiet; returns what went to the device. */
    private List<Bytes> pump(Peer client, Peer device) {
        List<Bytes> toDevice = new ArrayList<>();
        boolean moved = true;
        while (moved) {
            moved = false;
            Transmit t;
            while ((t = client.endpoint.pollTransmit()) != null) {
                toDevice.add(t.payload());
                byte[] b = t.payload().toArray();
                device.endpoint.handleDatagram(nowNs, 0, CLIENT, b, 0, b.length);
                moved = true;
            }
            while ((t = device.endpoint.pollTransmit()) != null) {
                byte[] b = t.payload().toArray();
                client.endpoint.handleDatagram(nowNs, 0, DEVICE, b, 0, b.length);
                moved = true;
            }
        }
        return toDevice;
    }

    @Test
    void randomAndMutatedDatagramsNeverThrowNeverGetAnAnswerAndAreAllCounted() {
        Peer client = new Peer(31, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        Peer device = new Peer(32, SessionEndpointConfig.DEFAULT, Authorizer.acceptAll());
        Session session = client.endpoint.connect(nowNs, device.publicKey(), Bytes.of("ticket".getBytes()),
                Path.direct(0, DEVICE));
        DatagramChannel channel = client.channel();
        session.attach(channel);
        List<Bytes> corpus = new ArrayList<>(pump(client, device));
        for (int i = 0; i < 20; i++) {
            channel.send("datagram " + i);
            client.endpoint.flush(nowNs);
            corpus.addAll(pump(client, device));
        }
        for (Bytes b : List.copyOf(corpus)) {
            byte[] relayed = new byte[10 + b.length()];
            PacketCodec.encodeRelayedHeader(relayed, 0, 0x77);
            b.copyTo(relayed, 10);
            corpus.add(Bytes.wrapOwned(relayed));
        }
        long setupDatagrams = device.endpoint.stats().datagrams();
        assertThat(device.firstChannel().received()).hasSize(20);

        SplittableRandom rnd = new SplittableRandom(0x5E55_10F2L);
        for (int i = 0; i < DATAGRAMS; i++) {
            nowNs += 1_000_000;
            byte[] d = hostile(rnd, corpus);
            InetSocketAddress from = Endpoints.toSocketAddress(Endpoints.of(0xC0000200 | rnd.nextInt(256),
                    1024 + rnd.nextInt(60000)));
            device.endpoint.handleDatagram(nowNs, 0, from, d, 0, d.length);
            assertThat(device.endpoint.pollTransmit()).as("answer to datagram %d", i).isNull();
        }

        SessionStats stats = device.endpoint.stats();
        assertThat(stats.datagrams()).isEqualTo(setupDatagrams + DATAGRAMS);
        assertThat(stats.count(DatagramOutcome.INITIATION_ACCEPTED)).isEqualTo(1);
        assertThat(stats.count(DatagramOutcome.TRANSPORT_ACCEPTED)).isEqualTo(21);
        assertThat(stats.count(DatagramOutcome.GARBAGE)).isPositive();
        assertThat(stats.count(DatagramOutcome.TRANSPORT_FORGED) + stats.count(DatagramOutcome.TRANSPORT_DUPLICATE))
                .isPositive();
        assertThat(stats.count(DatagramOutcome.INITIATION_UNAUTHENTIC)).isPositive();
        assertThat(device.firstChannel().received()).hasSize(20);
        assertThat(device.endpoint.sessions()).hasSize(1);
    }

    /** Random bytes, an overlay-looking header with random rest, or a captured packet with a few bytes changed. */
    private static byte[] hostile(SplittableRandom rnd, List<Bytes> corpus) {
        return switch (rnd.nextInt(4)) {
            case 0 -> {
                byte[] b = new byte[rnd.nextInt(300)];
                rnd.nextBytes(b);
                if (b.length > 0 && (b[0] & 0xFF) <= 3) {
                    b[0] |= 0x10;
                }
                yield b;
            }
            case 1 -> {
                byte[] b = new byte[2 + rnd.nextInt(200)];
                rnd.nextBytes(b);
                b[0] = (byte) 0xD1;
                b[1] = (byte) (1 + rnd.nextInt(5));
                yield b;
            }
            default -> {
                byte[] b = corpus.get(rnd.nextInt(corpus.size())).toArray();
                int edits = 1 + rnd.nextInt(3);
                for (int e = 0; e < edits && b.length > 0; e++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                if (rnd.nextInt(4) == 0) {
                    b = Arrays.copyOf(b, rnd.nextInt(b.length + 40));
                }
                yield b;
            }
        };
    }
}
