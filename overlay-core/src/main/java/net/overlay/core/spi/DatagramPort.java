package net.overlay.core.spi;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where a driver sends the datagrams its state machine produced. Real ports are UDP sockets;
 * the simulator's port hands datagrams to the virtual network; tests use an in-memory pair.
 *
 * <p>Receiving is push-style and belongs to the driver (socket read loop, actor message), so the
 * port only sends. Implementations may drop a datagram (full buffers, unreachable), as UDP does;
 * they count such drops but never throw for them.
 */
public interface DatagramPort {

    /** TTL value meaning "the socket's default". */
    int DEFAULT_TTL = -1;

    /** The local address this port sends from. */
    InetSocketAddress localAddress();

    /**
     * Sends the remaining bytes of {@code payload} to {@code to}, with IP TTL (hop limit)
     * {@code ttl} for this datagram only, or the default when {@link #DEFAULT_TTL}. The low-TTL
     * option is what hole punching uses to prime its own NAT without reaching the far one.
     *
     * @return true if handed to the network, false if dropped locally
     */
    boolean send(InetSocketAddress to, ByteBuffer payload, int ttl);

    /** Sends with the default TTL. */
    default boolean send(InetSocketAddress to, ByteBuffer payload) {
        return send(to, payload, DEFAULT_TTL);
    }

    /** Whether {@link #send(InetSocketAddress, ByteBuffer, int)} honours a per-send TTL. */
    boolean supportsTtl();
}
