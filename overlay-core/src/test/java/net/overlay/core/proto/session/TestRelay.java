package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.proto.wire.PacketType;
import net.overlay.core.proto.wire.PacketView;
import net.overlay.core.proto.wire.WireException;

/**
 * A minimal relay for tests (the real one is {@code proto.relay}'s): one allocation with two
 * tokens; learns each side's address from its own {@code Relayed(token, ...)} packets and forwards
 * the inner packet to the other side as {@code Relayed(otherToken, inner)}. Nothing else.
 */
final class TestRelay implements DatagramMachine<Void> {
    private final long tokenA;
    private final long tokenB;
    private final Map<Long, InetSocketAddress> learned = new HashMap<>();
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final PacketView view = new PacketView();
    long forwarded;

    TestRelay(long tokenA, long tokenB) {
        this.tokenA = tokenA;
        this.tokenB = tokenB;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        try {
            view.wrap(buf, off, len);
        } catch (WireException e) {
            return;
        }
        if (view.type() != PacketType.RELAYED) {
            return;
        }
        long token = view.allocationId();
        long other = token == tokenA ? tokenB : token == tokenB ? tokenA : 0;
        if (other == 0) {
            return;
        }
        learned.put(token, from);
        InetSocketAddress to = learned.get(other);
        if (to == null || isHello(buf, view.bodyOffset())) {
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        PacketCodec.encodeRelayedHeader(copy, 0, other);
        forwarded++;
        out.add(new Transmit(socket, to, Bytes.wrapOwned(copy), Transmit.DEFAULT_TTL));
    }

    /**
     * What a side sends the relay to be learned before any session exists: a Transport packet for
     * receiver index 0 (which no endpoint hands out), never forwarded.
     */
    static Bytes hello(long token) {
        byte[] b = new byte[10 + 30];
        int pos = PacketCodec.encodeRelayedHeader(b, 0, token);
        PacketCodec.encodeTransportHeader(b, pos, 0, 0);
        return Bytes.wrapOwned(b);
    }

    private static boolean isHello(byte[] buf, int innerOff) {
        return buf[innerOff + 1] == 3 && buf[innerOff + 2] == 0 && buf[innerOff + 3] == 0
                && buf[innerOff + 4] == 0 && buf[innerOff + 5] == 0;
    }

    @Override
    public void handleTimeout(long nowNs) {
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public Void pollEvent() {
        return null;
    }

    @Override
    public long pollTimeoutNs() {
        return NO_DEADLINE;
    }
}
