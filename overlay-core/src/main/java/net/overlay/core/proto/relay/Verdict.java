package net.overlay.core.proto.relay;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What {@link Relay#forward} decided about one datagram: send it on ({@link Forward}), or drop it
 * for a {@link DropReason}. Neither allocates per packet: a {@code Forward} is created when a
 * side's address is learned and then reused, and drop reasons are enum constants.
 */
public sealed interface Verdict permits Verdict.Forward, DropReason {

    /**
     * Send the datagram, its allocation id rewritten to {@code token}, from local socket {@code
     * socket} to {@code to}: the receiving side's learned address, the socket on which that side
     * last reached us (its NAT only lets in packets from the address and port it sent to), and
     * the receiving side's own token, which tells it the packet came through this allocation.
     */
    record Forward(int socket, InetSocketAddress to, long token) implements Verdict {
        public Forward {
            Objects.requireNonNull(to, "to");
            if (socket < 0) {
                throw new IllegalArgumentException("socket must be >= 0");
            }
        }
    }
}
