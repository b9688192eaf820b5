package net.overlay.core.proto.relay;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.spi.RandomSource;

/**
 * A {@link Relay} hosted on sockets of its own: a relay-only cluster node, a simulator actor, the
 * in-memory test network. Each datagram in gives at most one {@link Transmit} out, of the same
 * size, from the socket the receiving side last used; a datagram that is dropped gives nothing.
 * The rendezvous reaches the core through {@link #relay()} to allocate, refresh and release.
 *
 * <p>The host's buffer is only read: a forwarded datagram is copied once (a {@link Transmit} owns
 * its bytes) and its token rewritten in the copy. Not thread-safe: the host calls one method at a
 * time, as {@link DatagramMachine} says.
 */
public final class RelayMachine implements DatagramMachine<RelayEvent> {
    private final Relay relay;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();

    public RelayMachine(Relay relay) {
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    public RelayMachine(RelayConfig config, RandomSource random) {
        this(new Relay(config, random));
    }

    /** The core, for the rendezvous's commands and for counters. */
    public Relay relay() {
        return relay;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (relay.route(nowNs, socket, from, buf, off, len) instanceof Verdict.Forward f) {
            byte[] datagram = Arrays.copyOfRange(buf, off, off + len);
            PacketCodec.encodeRelayedHeader(datagram, 0, f.token());
            out.add(new Transmit(f.socket(), f.to(), Bytes.wrapOwned(datagram), Transmit.DEFAULT_TTL));
        }
    }

    @Override
    public void handleTimeout(long nowNs) {
        relay.handleTimeout(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public RelayEvent pollEvent() {
        return relay.pollEvent();
    }

    @Override
    public long pollTimeoutNs() {
        return relay.pollTimeoutNs();
    }
}
