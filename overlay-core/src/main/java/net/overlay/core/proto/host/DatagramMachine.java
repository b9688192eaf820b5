package net.overlay.core.proto.host;

import java.net.InetSocketAddress;

/**
 * The contract between a protocol state machine and whatever hosts it (a Pekko driver on real
 * sockets, a simulator actor, the in-memory test network), after quinn-proto: inputs are
 * {@code handle*} calls that carry the time, outputs are polled in a fixed order after every
 * input: {@link #pollTransmit()} until null, then {@link #pollEvent()} until null, then
 * {@link #pollTimeoutNs()}.
 *
 * <p>A machine may send from several local sockets (birthday probing opens many); socket 0 is its
 * primary one, and a host binds socket {@code k} on first use. Not thread-safe: the host calls one
 * method at a time.
 *
 * @param <E> the machine's events (path upgraded, stream data, ...)
 */
public interface DatagramMachine<E> {

    /** No deadline: what {@link #pollTimeoutNs()} returns when nothing is scheduled. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * A datagram arrived on local socket {@code socket} from {@code from}. The machine copies what
     * it keeps; the host may reuse {@code buf} after the call.
     */
    void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len);

    /** The deadline from {@link #pollTimeoutNs()} has passed (hosts may call it late, never early). */
    void handleTimeout(long nowNs);

    /** The next datagram to send, or null. */
    Transmit pollTransmit();

    /** The next thing that happened, or null. */
    E pollEvent();

    /** The next deadline in nanoseconds on the host's clock, or {@link #NO_DEADLINE}. */
    long pollTimeoutNs();
}
