package net.overlay.core.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import net.overlay.core.spi.DatagramPort;

/**
 * One bound UDP socket of the real edge: a {@link DatagramPort} that can also receive. Two kinds:
 * {@link LinuxUdpSocket} (the FFM API straight onto the kernel's socket calls, which honours a
 * per-send TTL) and {@link NioUdpSocket} (portable, ignores the TTL). {@link #open} picks one.
 *
 * <p>Threading: {@link #receive} is called by one reader thread, {@link #send} by one other thread
 * at a time (the driver's actor); {@link #close()} from any thread wakes a blocked receive.
 */
public sealed interface UdpSocket extends DatagramPort, AutoCloseable permits LinuxUdpSocket, NioUdpSocket {

    /** Largest UDP payload over IPv4 (65535 - 8 UDP - 20 IP). */
    int MAX_DATAGRAM_BYTES = 65_507;

    /**
     * Our choice: the kernel buffers asked for each way. Linux's default (208 KiB, about 90
     * datagrams of 1200 bytes once the kernel's per-packet overhead is counted) overflows when a
     * transfer's burst meets a reader that was descheduled for a moment, and every overflow is a
     * loss the congestion controller answers by halving. The kernel caps the request at
     * {@code net.core.rmem_max} / {@code wmem_max}; failing to set it is not an error.
     */
    int SOCKET_BUFFER_BYTES = 4 << 20;

    /**
     * Blocks until a datagram arrives, writes it into {@code dst} from its position (truncated to
     * the remaining space) and returns its sender, or returns null once the socket is closed.
     * {@code dst} should be a direct buffer: the Linux socket reads into it without a copy.
     */
    InetSocketAddress receive(ByteBuffer dst) throws IOException;

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off}; a drop (full buffer, unreachable) is
     * counted and reported as false, never thrown.
     */
    boolean send(InetSocketAddress to, byte[] buf, int off, int len, int ttl);

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off} as datagrams of {@code segmentBytes}
     * each (the last may be shorter), all to {@code to}: in one system call where the kernel
     * segments (Linux UDP GSO, {@link #segmentsInKernel()}), one by one otherwise. The receiver sees
     * the same datagrams either way.
     *
     * @return how many of the datagrams were sent; drops are counted, never thrown
     */
    default int sendSegments(InetSocketAddress to, byte[] buf, int off, int len, int segmentBytes, int ttl) {
        int sent = 0;
        for (int at = 0; at < len; at += segmentBytes) {
            if (send(to, buf, off + at, Math.min(segmentBytes, len - at), ttl)) {
                sent++;
            }
        }
        return sent;
    }

    /** Whether {@link #sendSegments} hands a whole batch to the kernel in one call. */
    default boolean segmentsInKernel() {
        return false;
    }

    /** Datagrams dropped locally when sending. */
    long sendDrops();

    @Override
    void close();

    /**
     * Binds a socket at {@code at} (port 0: an ephemeral one): through FFM on Linux for IPv4, where
     * the per-send TTL works, otherwise through NIO.
     */
    static UdpSocket open(InetSocketAddress at) throws IOException {
        if (LinuxUdpSocket.isAvailable() && at.getAddress() instanceof java.net.Inet4Address) {
            return LinuxUdpSocket.bind(at);
        }
        return NioUdpSocket.bind(at);
    }
}
