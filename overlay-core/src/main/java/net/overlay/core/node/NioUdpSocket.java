package net.overlay.core.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portable {@link UdpSocket}: a blocking NIO {@link DatagramChannel}. NIO sets no IP TTL per
 * datagram for unicast (only a multicast TTL), so {@link #supportsTtl()} is false and a requested
 * TTL is ignored: low-TTL priming then reaches the far NAT, which costs a port on a Linux
 * conntrack peer (docs/traversal.md) but breaks nothing else.
 */
public final class NioUdpSocket implements UdpSocket {
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final AtomicLong sendDrops = new AtomicLong();

    private NioUdpSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /** Binds at {@code at} (port 0: ephemeral). */
    public static NioUdpSocket bind(InetSocketAddress at) throws IOException {
        DatagramChannel ch = DatagramChannel.open(at.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.bind(at);
            try {
                ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
                ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            } catch (IOException | UnsupportedOperationException e) {
                // Best effort, as on Linux: the system's default buffers still work, only sooner full.
            }
            return new NioUdpSocket(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        try {
            return (InetSocketAddress) channel.receive(dst);
        } catch (ClosedChannelException e) {
            return null;
        }
    }

    @Override
    public boolean send(InetSocketAddress to, ByteBuffer payload, int ttl) {
        try {
            if (channel.send(payload, to) > 0 || !payload.hasRemaining()) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // UDP semantics: unreachable, no route, full buffers are drops, not failures
        }
        sendDrops.incrementAndGet();
        return false;
    }

    @Override
    public boolean send(InetSocketAddress to, byte[] buf, int off, int len, int ttl) {
        return send(to, ByteBuffer.wrap(buf, off, len), ttl);
    }

    @Override
    public boolean supportsTtl() {
        return false;
    }

    @Override
    public long sendDrops() {
        return sendDrops.get();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel has nothing to flush; nothing to report
        }
    }

    @Override
    public String toString() {
        return "udp(nio)" + local;
    }
}
