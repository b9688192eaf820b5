package net.overlay.core.proto.relay;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;

/**
 * A scripted side of a relayed session for {@code VirtualNetwork} tests: sends {@code
 * Relayed(token, inner(marker))} to the relay at given times from given sockets, and records
 * every datagram it receives. Its events are those datagrams.
 */
final class RelayPeer implements DatagramMachine<RelayPeer.Received> {

    /** A datagram this peer received: the allocation id it carried and the inner packet's marker. */
    record Received(long atNs, int socket, InetSocketAddress from, long token, String marker, int lenBytes) {}

    private record Scheduled(long atNs, long seq, int socket, byte[] datagram) {}

    private final InetSocketAddress relay;
    private final PriorityQueue<Scheduled> script = new PriorityQueue<>(
            (a, b) -> a.atNs != b.atNs ? Long.compare(a.atNs, b.atNs) : Long.compare(a.seq, b.seq));
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final ArrayDeque<Received> events = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private long seq;

    RelayPeer(InetSocketAddress relay) {
        this.relay = relay;
    }

    /** Sends {@code datagram} to the relay at {@code atNs} from {@code socket}. */
    RelayPeer sendAt(long atNs, int socket, byte[] datagram) {
        script.add(new Scheduled(atNs, seq++, socket, datagram.clone()));
        return this;
    }

    /** Sends {@code Relayed(token, inner(marker))} at {@code atNs} from socket 0. */
    RelayPeer sendAt(long atNs, long token, String marker) {
        return sendAt(atNs, 0, RelayFixtures.relayed(token, marker));
    }

    /** Sends one datagram every {@code intervalNs} from {@code fromNs} until before {@code untilNs}. */
    RelayPeer sendEvery(long fromNs, long untilNs, long intervalNs, int socket, long token, String marker) {
        for (long t = fromNs; t < untilNs; t += intervalNs) {
            sendAt(t, socket, RelayFixtures.relayed(token, marker));
        }
        return this;
    }

    List<Received> received() {
        return received;
    }

    List<String> markers() {
        return received.stream().map(Received::marker).toList();
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        byte[] d = Bytes.of(buf, off, len).toArray();
        Received r = new Received(nowNs, socket, from, RelayFixtures.token(d), RelayFixtures.marker(d), len);
        received.add(r);
        events.add(r);
    }

    @Override
    public void handleTimeout(long nowNs) {
        while (!script.isEmpty() && script.peek().atNs <= nowNs) {
            Scheduled s = script.poll();
            out.add(new Transmit(s.socket, relay, Bytes.of(s.datagram), Transmit.DEFAULT_TTL));
        }
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public Received pollEvent() {
        return events.poll();
    }

    @Override
    public long pollTimeoutNs() {
        return script.isEmpty() ? NO_DEADLINE : script.peek().atNs;
    }
}
