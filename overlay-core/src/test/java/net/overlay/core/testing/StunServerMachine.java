package net.overlay.core.testing;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.stun.BindingReply;
import net.overlay.core.proto.stun.BindingResponder;
import net.overlay.core.proto.stun.BindingResponderConfig;

/**
 * A STUN server for {@link VirtualNetwork} tests: {@link BindingResponder} on the four sockets an
 * RFC 5780 server needs (socket 0 = IP1:P1, 1 = IP1:P2, 2 = IP2:P1, 3 = IP2:P2; see
 * {@link #socketSpecs}), or on one socket as a plain RFC 8489 server. Replies leave from the socket
 * the responder names. It can be told to fall silent, to play a server that went away.
 */
public final class StunServerMachine implements DatagramMachine<Void> {
    private final BindingResponder responder;
    private final List<InetSocketAddress> locals;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private boolean silent;
    private long answered;

    private StunServerMachine(BindingResponderConfig config, List<InetSocketAddress> locals) {
        this.responder = new BindingResponder(config);
        this.locals = locals;
    }

    /** An RFC 5780 server on {ip1, ip2} x {port1, port2}; bind it with {@link #socketSpecs}. */
    public static StunServerMachine rfc5780(String ip1, String ip2, int port1, int port2) {
        List<InetSocketAddress> locals = List.of(addr(ip1, port1), addr(ip1, port2), addr(ip2, port1), addr(ip2, port2));
        return new StunServerMachine(BindingResponderConfig.withAlternate(locals.get(0), locals.get(3), "test"), locals);
    }

    /** A plain server on one address, without OTHER-ADDRESS and CHANGE-REQUEST. */
    public static StunServerMachine single(String ip, int port) {
        InetSocketAddress a = addr(ip, port);
        return new StunServerMachine(BindingResponderConfig.single(a, "test"), List.of(a));
    }

    /** The socket list for {@link VirtualNetwork#addHost(String, VirtualNetwork.Site, List, DatagramMachine, long, double)}. */
    public List<String> socketSpecs() {
        return locals.stream().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).toList();
    }

    /** The primary address A1:P1. */
    public InetSocketAddress primary() {
        return locals.get(0);
    }

    public void setSilent(boolean silent) {
        this.silent = silent;
    }

    /** Replies sent so far. */
    public long answered() {
        return answered;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (silent) {
            return;
        }
        responder.handleRequest(buf, off, len, from, locals.get(socket)).ifPresent(this::send);
    }

    private void send(BindingReply reply) {
        int socket = locals.indexOf(reply.from());
        if (socket < 0) {
            throw new IllegalStateException("responder chose an address the server is not bound to: " + reply.from());
        }
        answered++;
        out.add(new Transmit(socket, reply.to(), reply.datagram(), Transmit.DEFAULT_TTL));
    }

    @Override
    public void handleTimeout(long nowNs) {}

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

    private static InetSocketAddress addr(String ip, int port) {
        return Endpoints.toSocketAddress(Endpoints.of(ip, port));
    }
}
