package net.overlay.core.node;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static net.overlay.core.node.LinuxSocketCalls.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An IPv4 UDP socket made and driven through the FFM API ({@code socket}, {@code bind},
 * {@code sendto}, {@code recvfrom}, {@code setsockopt}), because NIO offers no per-datagram TTL for
 * unicast and reaching a NIO channel's descriptor needs {@code --add-opens} into {@code sun.nio.ch}.
 * A send with a TTL sets {@code IP_TTL} only when it differs from the last one used, so ordinary
 * traffic costs one system call per datagram and a low-TTL priming burst two more in all.
 *
 * <p>Segmentation offload, when the kernel has it (udp(7)): {@link #sendSegments} sends a batch of
 * equal-size datagrams in one {@code sendmsg} with {@code UDP_SEGMENT} (GSO); with {@code UDP_GRO}
 * set, one {@code recvmsg} may return several datagrams of one sender, which {@link #receive}
 * hands out one per call. Either way the peer and the caller see the same datagrams.
 *
 * <p>Receiving blocks in {@code recvfrom} straight into the caller's direct buffer (no copy) with a
 * {@code SO_RCVTIMEO} of {@link #RECEIVE_WAKE_MS} as a backstop; {@link #close()} shuts the socket
 * down, which wakes a blocked reader at once on Linux, and waits for it before closing the descriptor,
 * so that the number is never reused under a running call.
 *
 * <p>Threading: as {@link UdpSocket}. Needs {@code --enable-native-access=ALL-UNNAMED} to run
 * without the JDK's restricted-method warning.
 */
public final class LinuxUdpSocket implements UdpSocket {
    /** Backstop wake-up of a blocked receive, in case a shutdown did not wake it. */
    static final int RECEIVE_WAKE_MS = 500;
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private final int fd;
    private final InetSocketAddress local;
    private final int defaultTtl;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment sendAddr;
    private final MemorySegment sendState;
    private final MemorySegment sendBuf;
    private final MemorySegment ttlBuf;
    private final MemorySegment recvAddr;
    private final MemorySegment recvAddrLen;
    private final MemorySegment recvState;
    private final MemorySegment recvBuf;
    private final MsgHeaders sendMsg;
    private final MsgHeaders recvMsg;
    private final boolean gso;
    private final boolean gro;
    /** A coalesced read being handed out one datagram per receive: next offset, end, segment size. */
    private int coalescedOffset;
    private int coalescedEnd;
    private int coalescedSegmentBytes;
    private InetSocketAddress coalescedFrom;
    private boolean coalescedPending;
    private final ReentrantLock receiving = new ReentrantLock();
    private final AtomicLong sendDrops = new AtomicLong();
    private final byte[] lastFromBytes = new byte[6];
    private InetSocketAddress lastFrom;
    private int currentTtl;
    private volatile boolean closed;

    /** Whether this JVM can make Linux sockets through FFM. */
    public static boolean isAvailable() {
        return AVAILABLE;
    }

    private LinuxUdpSocket(int fd, InetSocketAddress local, int defaultTtl, boolean gso, boolean gro) {
        this.fd = fd;
        this.gso = gso;
        this.gro = gro;
        this.local = local;
        this.defaultTtl = defaultTtl;
        this.currentTtl = defaultTtl;
        this.sendAddr = arena.allocate(SOCKADDR_IN_BYTES);
        this.sendState = arena.allocate(CALL_STATE);
        this.sendBuf = arena.allocate(MAX_DATAGRAM_BYTES);
        this.ttlBuf = arena.allocate(JAVA_INT);
        this.recvAddr = arena.allocate(SOCKADDR_IN_BYTES);
        this.recvAddrLen = arena.allocate(JAVA_INT);
        this.recvState = arena.allocate(CALL_STATE);
        this.recvBuf = arena.allocate(MAX_DATAGRAM_BYTES);
        this.sendMsg = MsgHeaders.forSend(arena, sendAddr, sendBuf);
        this.recvMsg = MsgHeaders.forReceive(arena, recvAddr, recvBuf);
    }

    /** Binds an IPv4 socket at {@code at} (port 0: ephemeral). */
    public static LinuxUdpSocket bind(InetSocketAddress at) throws IOException {
        if (!AVAILABLE) {
            throw new IOException("FFM sockets are not available on this platform");
        }
        if (!(at.getAddress() instanceof Inet4Address)) {
            throw new IOException("the FFM socket is IPv4 only: " + at);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int fd = (int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new SocketException("socket: errno " + errno(state));
            }
            try {
                MemorySegment addr = a.allocate(SOCKADDR_IN_BYTES);
                writeSockaddr(addr, at);
                check((int) BIND.invokeExact(state, fd, addr, SOCKADDR_IN_BYTES), state, "bind " + at);
                MemorySegment len = a.allocate(JAVA_INT);
                len.set(JAVA_INT, 0, SOCKADDR_IN_BYTES);
                check((int) GETSOCKNAME.invokeExact(state, fd, addr, len), state, "getsockname");
                MemorySegment tv = a.allocate(TIMEVAL_BYTES);
                tv.set(JAVA_LONG, 0, RECEIVE_WAKE_MS / 1000);
                tv.set(JAVA_LONG, 8, (RECEIVE_WAKE_MS % 1000) * 1000L);
                check((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, tv, TIMEVAL_BYTES), state,
                        "SO_RCVTIMEO");
                MemorySegment size = a.allocate(JAVA_INT);
                size.set(JAVA_INT, 0, SOCKET_BUFFER_BYTES);
                // Best effort (see SOCKET_BUFFER_BYTES): the kernel caps it, and a refusal leaves the default.
                int rcvbuf = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVBUF, size, 4);
                int sndbuf = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_SNDBUF, size, 4);
                // udp(7): segment size 0 is "no offload", so this only asks whether the kernel has GSO.
                size.set(JAVA_INT, 0, 0);
                boolean gso = (int) SETSOCKOPT.invokeExact(state, fd, SOL_UDP, UDP_SEGMENT, size, 4) == 0;
                size.set(JAVA_INT, 0, 1);
                boolean gro = (int) SETSOCKOPT.invokeExact(state, fd, SOL_UDP, UDP_GRO, size, 4) == 0;
                return new LinuxUdpSocket(fd, readSockaddr(addr), readTtl(a, state, fd), gso, gro);
            } catch (IOException | RuntimeException e) {
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw e;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("native socket call failed", t);
        }
    }

    private static int readTtl(Arena a, MemorySegment state, int fd) throws Throwable {
        MemorySegment v = a.allocate(JAVA_INT);
        MemorySegment len = a.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, 4);
        check((int) GETSOCKOPT.invokeExact(state, fd, IPPROTO_IP, IP_TTL, v, len), state, "getsockopt IP_TTL");
        return v.get(JAVA_INT, 0);
    }

    private static void check(int rc, MemorySegment state, String what) throws SocketException {
        if (rc < 0) {
            throw new SocketException(what + ": errno " + errno(state));
        }
    }

    private static void writeSockaddr(MemorySegment s, InetSocketAddress at) {
        s.fill((byte) 0);
        s.set(JAVA_SHORT, 0, (short) AF_INET); // sa_family_t in host order
        s.set(PORT, 2, (short) at.getPort()); // sin_port in network order
        MemorySegment.copy(at.getAddress().getAddress(), 0, s, JAVA_BYTE, 4, 4);
    }

    private static InetSocketAddress readSockaddr(MemorySegment s) throws IOException {
        byte[] ip = new byte[4];
        MemorySegment.copy(s, JAVA_BYTE, 4, ip, 0, 4);
        return new InetSocketAddress(InetAddress.getByAddress(ip), Short.toUnsignedInt(s.get(PORT, 2)));
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        if (gro) {
            return receiveCoalesced(dst);
        }
        MemorySegment target = dst.isDirect() ? MemorySegment.ofBuffer(dst) : recvBuf;
        long cap = Math.min(target.byteSize(), dst.remaining());
        receiving.lock();
        try {
            while (!closed) {
                recvAddrLen.set(JAVA_INT, 0, SOCKADDR_IN_BYTES);
                long n = (long) RECVFROM.invokeExact(recvState, fd, target, cap, 0, recvAddr, recvAddrLen);
                if (n < 0) {
                    int err = errno(recvState);
                    if (err == EAGAIN || err == EINTR) {
                        continue;
                    }
                    throw new SocketException("recvfrom: errno " + err);
                }
                if (closed) {
                    return null;
                }
                if (!dst.isDirect()) {
                    MemorySegment.copy(recvBuf, JAVA_BYTE, 0, dst.array(), dst.arrayOffset() + dst.position(), (int) n);
                }
                dst.position(dst.position() + (int) n);
                return sender();
            }
            return null;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("recvfrom failed", t);
        } finally {
            receiving.unlock();
        }
    }

    /**
     * With {@code UDP_GRO} on, one {@code recvmsg} may return several datagrams of one sender glued
     * together, with their size in a control message (udp(7)); they are handed out one per call,
     * so callers see the same datagrams as without it, in the same order.
     */
    private InetSocketAddress receiveCoalesced(ByteBuffer dst) throws IOException {
        receiving.lock();
        try {
            if (!coalescedPending && !readCoalesced()) {
                return null;
            }
            int len = Math.min(coalescedSegmentBytes, coalescedEnd - coalescedOffset);
            int copied = Math.min(len, dst.remaining());
            if (dst.isDirect()) {
                MemorySegment.copy(recvBuf, coalescedOffset, MemorySegment.ofBuffer(dst), 0, copied);
            } else {
                MemorySegment.copy(recvBuf, JAVA_BYTE, coalescedOffset, dst.array(), dst.arrayOffset() + dst.position(),
                        copied);
            }
            dst.position(dst.position() + copied);
            coalescedOffset += len;
            coalescedPending = coalescedOffset < coalescedEnd;
            return coalescedFrom;
        } finally {
            receiving.unlock();
        }
    }

    /** Blocks in {@code recvmsg} for the next read; false once the socket is closed. Under the receive lock. */
    private boolean readCoalesced() throws IOException {
        try {
            while (!closed) {
                recvMsg.prepareReceive(SOCKADDR_IN_BYTES, MAX_DATAGRAM_BYTES);
                long n = (long) RECVMSG.invokeExact(recvState, fd, recvMsg.msghdr, 0);
                if (n < 0) {
                    int err = errno(recvState);
                    if (err == EAGAIN || err == EINTR) {
                        continue;
                    }
                    throw new SocketException("recvmsg: errno " + err);
                }
                if (closed) {
                    return false;
                }
                int segment = recvMsg.receivedSegmentBytes();
                coalescedOffset = 0;
                coalescedEnd = (int) n;
                coalescedSegmentBytes = segment > 0 && segment < n ? segment : Math.max(1, (int) n);
                coalescedFrom = sender();
                coalescedPending = true;
                return true;
            }
            return false;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("recvmsg failed", t);
        }
    }

    /** The sender in {@link #recvAddr}; the same object as last time when it did not change. */
    private InetSocketAddress sender() throws IOException {
        boolean same = lastFrom != null;
        for (int i = 0; i < 6 && same; i++) {
            same = recvAddr.get(JAVA_BYTE, 2 + i) == lastFromBytes[i];
        }
        if (!same) {
            MemorySegment.copy(recvAddr, JAVA_BYTE, 2, lastFromBytes, 0, 6);
            lastFrom = readSockaddr(recvAddr);
        }
        return lastFrom;
    }

    @Override
    public boolean send(InetSocketAddress to, ByteBuffer payload, int ttl) {
        int len = payload.remaining();
        if (len > MAX_DATAGRAM_BYTES) {
            sendDrops.incrementAndGet();
            return false;
        }
        MemorySegment.copy(MemorySegment.ofBuffer(payload), 0, sendBuf, 0, len);
        boolean sent = sendFromBuffer(to, len, 0, ttl);
        if (sent) {
            payload.position(payload.limit());
        }
        return sent;
    }

    @Override
    public boolean send(InetSocketAddress to, byte[] buf, int off, int len, int ttl) {
        if (len > MAX_DATAGRAM_BYTES) {
            sendDrops.incrementAndGet();
            return false;
        }
        MemorySegment.copy(buf, off, sendBuf, JAVA_BYTE, 0, len);
        return sendFromBuffer(to, len, 0, ttl);
    }

    @Override
    public int sendSegments(InetSocketAddress to, byte[] buf, int off, int len, int segmentBytes, int ttl) {
        int datagrams = segmentBytes <= 0 ? 1 : (len + segmentBytes - 1) / segmentBytes;
        if (!gso || datagrams <= 1 || len > MAX_DATAGRAM_BYTES) {
            return UdpSocket.super.sendSegments(to, buf, off, len, segmentBytes, ttl);
        }
        MemorySegment.copy(buf, off, sendBuf, JAVA_BYTE, 0, len);
        if (sendFromBuffer(to, len, segmentBytes, ttl)) {
            return datagrams;
        }
        sendDrops.addAndGet(datagrams - 1); // the failed call counted one
        return 0;
    }

    @Override
    public boolean segmentsInKernel() {
        return gso;
    }

    /** Whether reads may coalesce datagrams ({@code UDP_GRO} accepted), for tests and diagnostics. */
    public boolean coalescesReads() {
        return gro;
    }

    /**
     * Sends the first {@code len} bytes of the native buffer: one {@code sendto}, or with {@code
     * segmentBytes} > 0 one {@code sendmsg} with a {@code UDP_SEGMENT} message, so the kernel cuts
     * it into datagrams of that size.
     */
    private synchronized boolean sendFromBuffer(InetSocketAddress to, int len, int segmentBytes, int ttl) {
        if (closed || !(to.getAddress() instanceof Inet4Address)) {
            sendDrops.incrementAndGet();
            return false;
        }
        try {
            int wanted = ttl == DEFAULT_TTL ? defaultTtl : ttl;
            if (wanted != currentTtl && !setTtl(wanted)) {
                sendDrops.incrementAndGet();
                return false;
            }
            writeSockaddr(sendAddr, to);
            long n;
            if (segmentBytes > 0) {
                sendMsg.prepareSend(SOCKADDR_IN_BYTES, len, segmentBytes);
                n = (long) SENDMSG.invokeExact(sendState, fd, sendMsg.msghdr, 0);
            } else {
                n = (long) SENDTO.invokeExact(sendState, fd, sendBuf, (long) len, 0, sendAddr, SOCKADDR_IN_BYTES);
            }
            if (n == len) {
                return true;
            }
        } catch (Throwable t) {
            // a failed downcall is a local drop, as for any UDP send
        }
        sendDrops.incrementAndGet();
        return false;
    }

    private boolean setTtl(int ttl) throws Throwable {
        ttlBuf.set(JAVA_INT, 0, ttl);
        int rc = (int) SETSOCKOPT.invokeExact(sendState, fd, IPPROTO_IP, IP_TTL, ttlBuf, 4);
        if (rc == 0) {
            currentTtl = ttl;
        }
        return rc == 0;
    }

    /** The socket's IP TTL as the kernel reports it now ({@code getsockopt}): for tests and diagnostics. */
    public synchronized int kernelTtl() throws IOException {
        try (Arena a = Arena.ofConfined()) {
            return readTtl(a, a.allocate(CALL_STATE), fd);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("getsockopt failed", t);
        }
    }

    /** The TTL the kernel gives datagrams sent without one (the system's default). */
    public int defaultTtl() {
        return defaultTtl;
    }

    @Override
    public boolean supportsTtl() {
        return true;
    }

    @Override
    public long sendDrops() {
        return sendDrops.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int ignored = (int) SHUTDOWN.invokeExact(state, fd, SHUT_RDWR);
            receiving.lock(); // the reader has left recvfrom: the descriptor may go
            try {
                synchronized (this) {
                    int rc = (int) CLOSE.invokeExact(state, fd);
                }
            } finally {
                receiving.unlock();
            }
        } catch (Throwable t) {
            // the descriptor is gone either way once the process ends; nothing more can be done
        }
        arena.close();
    }

    @Override
    public String toString() {
        return "udp(ffm)" + local;
    }
}
