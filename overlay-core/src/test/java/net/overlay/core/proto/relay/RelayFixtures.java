package net.overlay.core.proto.relay;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Packet;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.proto.wire.WireConstants;
import net.overlay.core.spi.RandomSource;

/** Datagrams, addresses and random sources shared by the relay tests. */
final class RelayFixtures {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    static final InetSocketAddress RELAY = address("198.51.100.10", 3478);
    static final InetSocketAddress CLIENT = address("203.0.113.1", 40000);
    static final InetSocketAddress DEVICE = address("203.0.113.2", 41000);
    static final InetSocketAddress STRANGER = address("192.0.2.66", 9999);

    private RelayFixtures() {
    }

    static InetSocketAddress address(String ip, int port) {
        return Endpoints.toSocketAddress(Endpoints.of(ip, port));
    }

    /** Feeds the whole of {@code datagram} to {@code relay} on socket 0 (rewriting it in place). */
    static Verdict send(Relay relay, long nowNs, InetSocketAddress from, byte[] datagram) {
        return relay.forward(nowNs, 0, from, datagram, 0, datagram.length);
    }

    /** An inner Transport packet whose sealed payload starts with {@code marker}, padded to 16 bytes. */
    static Packet.Transport inner(String marker) {
        byte[] text = marker.getBytes(StandardCharsets.UTF_8);
        byte[] payload = Arrays.copyOf(text, Math.max(text.length, WireConstants.AEAD_TAG_BYTES));
        return new Packet.Transport(7, 1, Bytes.wrapOwned(payload));
    }

    /** {@code Relayed(token, inner(marker))} as a datagram. */
    static byte[] relayed(long token, String marker) {
        return PacketCodec.encode(new Packet.Relayed(token, Bytes.wrapOwned(PacketCodec.encode(inner(marker)))));
    }

    /** A Relayed datagram of exactly {@code lenBytes} (at least 40: headers of 10 and 14, a 16-byte tag). */
    static byte[] relayedOfSize(long token, int lenBytes) {
        int payloadBytes = lenBytes - WireConstants.RELAYED_HEADER_BYTES - WireConstants.TRANSPORT_HEADER_BYTES;
        Packet.Transport t = new Packet.Transport(7, 1, Bytes.wrapOwned(new byte[payloadBytes]));
        return PacketCodec.encode(new Packet.Relayed(token, Bytes.wrapOwned(PacketCodec.encode(t))));
    }

    /** The marker carried by a Relayed datagram made by {@link #relayed}. */
    static String marker(byte[] datagram) {
        int from = WireConstants.RELAYED_HEADER_BYTES + WireConstants.TRANSPORT_HEADER_BYTES;
        int to = from;
        while (to < datagram.length && datagram[to] != 0) {
            to++;
        }
        return new String(datagram, from, to - from, StandardCharsets.UTF_8);
    }

    /** The allocation id of a Relayed datagram. */
    static long token(byte[] datagram) {
        long t = 0;
        for (int i = 2; i < 10; i++) {
            t = (t << 8) | (datagram[i] & 0xff);
        }
        return t;
    }

    /** A random source whose key stream hands out {@code tokens} in turn, 8 bytes each, then zeros. */
    static RandomSource scriptedTokens(long... tokens) {
        return new RandomSource() {
            private int next;

            @Override
            public RandomGenerator generator() {
                throw new UnsupportedOperationException("the relay makes no protocol choices");
            }

            @Override
            public void nextKeyBytes(byte[] out) {
                long t = next < tokens.length ? tokens[next++] : 0;
                for (int i = out.length - 1; i >= 0; i--) {
                    out[i] = (byte) t;
                    t >>>= 8;
                }
            }
        };
    }

    /** Limits with a long life and room enough not to matter, unless a test narrows one. */
    static AllocationLimits roomyLimits() {
        return new AllocationLimits(3600 * SECOND, 1L << 40, 1L << 33, AllocationLimits.MAX_BURST_BYTES);
    }

    static RelayConfig roomyConfig(int maxAllocations) {
        return new RelayConfig(maxAllocations, roomyLimits());
    }
}
