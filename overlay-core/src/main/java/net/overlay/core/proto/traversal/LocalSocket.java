package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One of the host's UDP sockets that a discovery machine may send from: its index in the
 * {@link net.overlay.core.proto.host.DatagramMachine} sense and the address it is bound to. The
 * address must be the real interface address, not the wildcard: discovery compares it with the
 * server-reflexive address to tell "no NAT" and "port preserved".
 *
 * @param index the host's socket index
 * @param address the local address and port of that socket
 */
public record LocalSocket(int index, InetSocketAddress address) {
    public LocalSocket {
        Objects.requireNonNull(address, "address");
        if (index < 0) {
            throw new IllegalArgumentException("socket index must be >= 0, got " + index);
        }
    }
}
