package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;

/** An attacker's host: sends the bytes it is told to and records every byte it receives back. */
final class Injector implements DatagramMachine<Void> {
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    final List<Bytes> received = new ArrayList<>();

    void send(InetSocketAddress to, Bytes bytes) {
        out.add(Transmit.of(to, bytes));
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        received.add(Bytes.of(buf, off, len));
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
