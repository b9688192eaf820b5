package net.overlay.lab.testbed;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * An existing Linux TUN interface opened through {@code /dev/net/tun} with the FFM API (the JDK has
 * no TUN support): {@code open}, {@code ioctl(TUNSETIFF)} with {@code IFF_TUN | IFF_NO_PI}, then
 * one raw IP packet per {@code read} or {@code write}. Used by {@link DelayLine} only.
 *
 * <p>Threading: one reader thread and one writer thread may use it at once (the kernel allows
 * concurrent read and write on a TUN file descriptor); each passes its own native buffer.
 */
final class TunDevice implements AutoCloseable {
    // <fcntl.h>, <linux/if_tun.h>, <linux/if.h> on Linux x86_64/aarch64
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    /** {@code _IOW('T', 202, int)}. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFREQ_BYTES = 40;
    private static final int IFNAMSIZ = 16;
    private static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    // open(2) and ioctl(2) are variadic: the mode and the request's argument are their first variadic argument.
    private static final MethodHandle OPEN = downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 2);
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), 2);
    private static final MethodHandle READ = downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), -1);
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), -1);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), -1);

    private final int fd;
    private final String name;

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Attaches to the TUN interface {@code name} (created before with {@code ip tuntap add}). */
    static TunDevice open(String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length >= IFNAMSIZ) {
            throw new IOException("interface name too long: " + name);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom("/dev/net/tun"), O_RDWR | O_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("open /dev/net/tun: errno " + errno(state));
            }
            MemorySegment ifr = arena.allocate(IFREQ_BYTES);
            MemorySegment.copy(MemorySegment.ofArray(nameBytes), 0, ifr, 0, nameBytes.length);
            ifr.set(JAVA_SHORT, IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            int rc = (int) IOCTL.invokeExact(state, fd, TUNSETIFF, ifr);
            if (rc < 0) {
                int err = errno(state);
                int ignored = (int) CLOSE.invokeExact(state, fd);
                throw new IOException("TUNSETIFF " + name + ": errno " + err + " (does the interface exist in this namespace?)");
            }
            return new TunDevice(fd, name);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    String name() {
        return name;
    }

    /** Reads one packet into {@code buf}; returns its length. Blocks until one arrives. */
    int read(MemorySegment buf, MemorySegment state) throws IOException {
        while (true) {
            long n;
            try {
                n = (long) READ.invokeExact(state, fd, buf, buf.byteSize());
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (n >= 0) {
                return (int) n;
            }
            if (errno(state) != EINTR) {
                throw new IOException("read " + name + ": errno " + errno(state));
            }
        }
    }

    /** Writes one packet of {@code lenBytes} from {@code buf} back into the kernel. */
    void write(MemorySegment buf, int lenBytes, MemorySegment state) throws IOException {
        while (true) {
            long n;
            try {
                n = (long) WRITE.invokeExact(state, fd, buf, (long) lenBytes);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            if (n >= 0) {
                return;
            }
            if (errno(state) != EINTR) {
                throw new IOException("write " + name + ": errno " + errno(state));
            }
        }
    }

    /** A call-state segment for {@link #read}/{@link #write}, one per thread. */
    static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    @Override
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CALL_STATE), fd);
        } catch (Throwable t) {
            // Closing at exit: nothing left to do if it fails.
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MethodHandle downcall(String symbol, FunctionDescriptor fd, int firstVariadic) {
        MemorySegment addr = LINKER.defaultLookup().find(symbol)
                .orElseThrow(() -> new UnsatisfiedLinkError("no symbol " + symbol));
        Linker.Option capture = Linker.Option.captureCallState("errno");
        return firstVariadic < 0
                ? LINKER.downcallHandle(addr, fd, capture)
                : LINKER.downcallHandle(addr, fd, capture, Linker.Option.firstVariadicArg(firstVariadic));
    }
}
