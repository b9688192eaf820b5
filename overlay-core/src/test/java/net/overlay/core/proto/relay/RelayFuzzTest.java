package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.RelayFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.relay.AllocateResult.Allocated;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Packet;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.proto.wire.PacketView;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and mutated datagrams (bit flips, truncations, extensions, edited type and
 * version bytes, random tokens, random bytes) from random sources, through both entry points
 * ({@link Relay#forward} in place and {@link RelayMachine#handleDatagram}): nothing throws, and
 * whatever goes out is a well-formed Relayed packet of the same size, to an address that has sent
 * a valid token. {@code -Doverlay.fuzz.iterations=N} runs longer.
 */
class RelayFuzzTest {
    private static final List<InetSocketAddress> SOURCES =
            List.of(CLIENT, DEVICE, STRANGER, address("203.0.113.9", 7), address("192.0.2.1", 1));

    private final RelayMachine machine = new RelayMachine(roomyConfig(4), RandomSource.seeded(77));
    private final Relay relay = machine.relay();
    private final Allocated alloc = (Allocated) relay.allocate(0);
    private final Set<InetSocketAddress> proved = new HashSet<>();
    private final PacketView view = new PacketView();
    private long forwarded;

    @Test
    void noDatagramMakesTheRelayThrowOrSendAnythingButAForwardOfTheSameSize() {
        int iterations = Integer.getInteger("overlay.fuzz.iterations", 100_000);
        SplittableRandom rnd = new SplittableRandom(0x2E1A_F022L);
        List<byte[]> seeds = seeds();
        for (int i = 0; i < iterations; i++) {
            byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
            byte[] input = switch (i % 6) {
                case 0 -> flipBits(seed, rnd);
                case 1 -> java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
                case 2 -> extend(seed, rnd);
                case 3 -> editHeader(seed, rnd);
                case 4 -> seed.clone();
                default -> randomBytes(rnd);
            };
            exercise(i, input, SOURCES.get(rnd.nextInt(SOURCES.size())), rnd.nextInt(3));
        }
        // the mutations must reach the forwarding path often, or the test proves little
        assertThat(forwarded).as("datagrams forwarded").isGreaterThan(iterations / 20);
        assertThat(relay.stats().packetsForwarded()).isEqualTo(forwarded);
    }

    private void exercise(int i, byte[] input, InetSocketAddress from, int socket) {
        long nowNs = i * 1000L;
        boolean carriesToken = carriesLiveToken(input);
        try {
            if (i % 2 == 0) {
                byte[] buf = input.clone();
                if (relay.forward(nowNs, socket, from, buf, 0, buf.length) instanceof Verdict.Forward f) {
                    check(input, buf, f.to());
                }
            } else {
                machine.handleDatagram(nowNs, socket, from, input, 0, input.length);
                Transmit t = machine.pollTransmit();
                if (t != null) {
                    check(input, t.payload().toArray(), t.to());
                }
                assertThat(machine.pollTransmit()).isNull();
            }
        } catch (Throwable t) {
            fail("input " + HexFormat.of().formatHex(input) + " from " + from + " raised " + t, t);
        }
        if (carriesToken) {
            proved.add(from);
        }
    }

    private boolean carriesLiveToken(byte[] input) {
        try {
            view.wrap(input, 0, input.length);
            return view.allocationId() == alloc.clientToken() || view.allocationId() == alloc.deviceToken();
        } catch (WireException | IllegalStateException e) {
            return false;
        }
    }

    private void check(byte[] received, byte[] sent, InetSocketAddress to) throws WireException {
        forwarded++;
        assertThat(proved).contains(to);
        assertThat(sent).hasSameSizeAs(received);
        Packet.Relayed out = (Packet.Relayed) PacketCodec.decode(sent);
        assertThat(out.allocationId()).isIn(alloc.clientToken(), alloc.deviceToken());
        assertThat(out.innerPacket()).isEqualTo(Bytes.of(received, 10, received.length - 10));
    }

    private List<byte[]> seeds() {
        byte[] handshake = PacketCodec.encode(new Packet.HandshakeInitiation(1, Bytes.of(new byte[96])));
        byte[] response = PacketCodec.encode(new Packet.HandshakeResponse(1, 2, Bytes.of(new byte[48])));
        byte[] cookie = PacketCodec.encode(new Packet.CookieReply(3, Bytes.of(new byte[24]), Bytes.of(new byte[32])));
        return List.of(
                relayed(alloc.clientToken(), "client says"),
                relayed(alloc.deviceToken(), "device says"),
                relayedOfSize(alloc.clientToken(), 1200),
                relayedOfSize(alloc.deviceToken(), 41),
                PacketCodec.encode(new Packet.Relayed(alloc.clientToken(), Bytes.wrapOwned(handshake))),
                PacketCodec.encode(new Packet.Relayed(alloc.deviceToken(), Bytes.wrapOwned(response))),
                PacketCodec.encode(new Packet.Relayed(alloc.deviceToken(), Bytes.wrapOwned(cookie))),
                relayed(0x0123_4567_89AB_CDEFL, "guess"),
                handshake);
    }

    private static byte[] flipBits(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int flips = 1 + rnd.nextInt(3);
        for (int i = 0; i < flips; i++) {
            // mostly inside the inner packet's header, where the checks are
            int at = rnd.nextInt(Math.min(b.length, rnd.nextBoolean() ? 26 : b.length));
            b[at] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
    }

    private static byte[] extend(byte[] seed, SplittableRandom rnd) {
        byte[] b = java.util.Arrays.copyOf(seed, seed.length + 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 70_000 : 64));
        for (int i = seed.length; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt();
        }
        return b;
    }

    private static byte[] editHeader(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int at = new int[] {0, 1, 10, 11}[rnd.nextInt(4)];
        if (at < b.length) {
            b[at] = (byte) rnd.nextInt(rnd.nextBoolean() ? 8 : 256);
            if (rnd.nextBoolean()) {
                b[at] = (byte) (0xD0 | rnd.nextInt(16));
            }
        }
        return b;
    }

    private static byte[] randomBytes(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        if (b.length > 1 && rnd.nextBoolean()) {
            b[0] = (byte) 0xD1;
            b[1] = 4;
        }
        return b;
    }
}
