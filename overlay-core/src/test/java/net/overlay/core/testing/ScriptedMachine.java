package net.overlay.core.testing;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;

/**
 * A test machine that sends scripted datagrams at given times and, if asked, echoes what it
 * receives. Its events are the datagrams it received, for assertions.
 */
public final class ScriptedMachine implements DatagramMachine<ScriptedMachine.Received> {

    /** A datagram this machine received. */
    public record Received(long atNs, int socket, InetSocketAddress from, Bytes payload) {}

    private record Scheduled(long atNs, long seq, Transmit transmit) {}

    private final boolean echo;
    private final PriorityQueue<Scheduled> script = new PriorityQueue<>(
            (a, b) -> a.atNs != b.atNs ? Long.compare(a.atNs, b.atNs) : Long.compare(a.seq, b.seq));
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final ArrayDeque<Received> events = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private long seq;

    public ScriptedMachine(boolean echo) {
        this.echo = echo;
    }

    /** Sends {@code text} to {@code to} at {@code atNs} from {@code socket} with {@code ttl}. */
    public ScriptedMachine sendAt(long atNs, InetSocketAddress to, String text, int socket, int ttl) {
        script.add(new Scheduled(atNs, seq++, new Transmit(socket, to, Bytes.of(text.getBytes()), ttl)));
        return this;
    }

    public ScriptedMachine sendAt(long atNs, InetSocketAddress to, String text) {
        return sendAt(atNs, to, text, 0, Transmit.DEFAULT_TTL);
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        Received r = new Received(nowNs, socket, from, Bytes.of(buf, off, len));
        received.add(r);
        events.add(r);
        if (echo) {
            out.add(new Transmit(socket, from, r.payload(), Transmit.DEFAULT_TTL));
        }
    }

    @Override
    public void handleTimeout(long nowNs) {
        while (!script.isEmpty() && script.peek().atNs <= nowNs) {
            out.add(script.poll().transmit);
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
