package net.overlay.core.node;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcall handles for the Linux socket calls {@link LinuxUdpSocket} makes, each capturing
 * {@code errno}, and the constants of the Linux x86_64/aarch64 ABI they need. Built once, on first
 * use; {@link #AVAILABLE} is false where the linker or a symbol is missing (another OS, native
 * access denied), and then nothing here may be called.
 */
final class LinuxSocketCalls {
    // <sys/socket.h>, <netinet/in.h>, <asm-generic/socket.h> on Linux
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    // <netinet/udp.h>, <linux/udp.h>: segmentation offload (Linux 4.18) and its receive side (5.0)
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int UDP_GRO = 104;
    /** <sys/socket.h>: the datagram was longer than the buffer. */
    static final int MSG_TRUNC = 0x20;
    static final int IPPROTO_IP = 0;
    static final int IP_TTL = 2;
    static final int SHUT_RDWR = 2;
    static final int SOCKADDR_IN_BYTES = 16;
    static final int TIMEVAL_BYTES = 16;
    // <errno.h>
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    static final boolean AVAILABLE;
    static final StructLayout CALL_STATE;
    private static final VarHandle ERRNO;
    static final MethodHandle SOCKET;
    static final MethodHandle BIND;
    static final MethodHandle GETSOCKNAME;
    static final MethodHandle SETSOCKOPT;
    static final MethodHandle GETSOCKOPT;
    static final MethodHandle SENDTO;
    static final MethodHandle RECVFROM;
    static final MethodHandle SENDMSG;
    static final MethodHandle RECVMSG;
    static final MethodHandle SHUTDOWN;
    static final MethodHandle CLOSE;

    static {
        boolean ok = false;
        StructLayout state = null;
        VarHandle errno = null;
        MethodHandle socket = null, bind = null, getsockname = null, setsockopt = null, getsockopt = null,
                sendto = null, recvfrom = null, sendmsg = null, recvmsg = null, shutdown = null, close = null;
        String arch = System.getProperty("os.arch", "");
        if (System.getProperty("os.name", "").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            try {
                Linker linker = Linker.nativeLinker();
                state = Linker.Option.captureStateLayout();
                errno = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                socket = downcall(linker, "socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
                bind = downcall(linker, "bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
                getsockname = downcall(linker, "getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
                setsockopt = downcall(linker, "setsockopt",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
                getsockopt = downcall(linker, "getsockopt",
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
                sendto = downcall(linker, "sendto",
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
                recvfrom = downcall(linker, "recvfrom",
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
                sendmsg = downcall(linker, "sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
                recvmsg = downcall(linker, "recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
                shutdown = downcall(linker, "shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
                close = downcall(linker, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
                ok = true;
            } catch (RuntimeException | LinkageError e) {
                ok = false; // IllegalCallerException when native access is denied, missing symbols elsewhere
            }
        }
        AVAILABLE = ok;
        CALL_STATE = state;
        ERRNO = errno;
        SOCKET = socket;
        BIND = bind;
        GETSOCKNAME = getsockname;
        SETSOCKOPT = setsockopt;
        GETSOCKOPT = getsockopt;
        SENDTO = sendto;
        RECVFROM = recvfrom;
        SENDMSG = sendmsg;
        RECVMSG = recvmsg;
        SHUTDOWN = shutdown;
        CLOSE = close;
    }

    private LinuxSocketCalls() {}

    private static MethodHandle downcall(Linker linker, String name, FunctionDescriptor fd) {
        MemorySegment symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no symbol " + name));
        return linker.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
    }

    /** The {@code errno} a call left in {@code state} (a segment of {@link #CALL_STATE}). */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
