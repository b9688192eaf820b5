package net.overlay.lab.testbed;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The testbed's user-space delay line (this kernel has no netem): a process in a router namespace
 * that reads every packet the router routes into a TUN interface, holds it for a fixed time, and
 * writes it back, after which the router forwards it on its way (policy routing, see
 * {@link Testbed}). Both directions of a site's link cross the same TUN, so each gets the delay once.
 *
 * <p>Run by {@link TestbedControl#up} as {@code ip netns exec R java ... DelayLine TUN DELAY_MS};
 * prints {@code delay line TUN ready} once attached and runs until killed or until the interface
 * goes away. Two platform threads: a reader that stamps and queues each packet, a writer that
 * releases them in order (a constant delay keeps arrival order). A full queue drops the packet, as
 * a router's queue would, and counts it.
 *
 * <p>The detour costs the packet an extra routing step, so the writer adds one to the IPv4 TTL
 * (and fixes the header checksum): traceroute and low-TTL priming see the same hop count with and
 * without a delay.
 */
public final class DelayLine {
    /** Our choice: about 64 MB of 1500-byte packets; far more than any test keeps in flight. */
    static final int QUEUE_PACKETS = 1 << 16;
    private static final int MAX_PACKET_BYTES = 65_536;

    private record Held(byte[] packet, long dueNs) {}

    private final TunDevice tun;
    private final long delayNs;
    private final ArrayBlockingQueue<Held> queue = new ArrayBlockingQueue<>(QUEUE_PACKETS);
    private final AtomicLong dropped = new AtomicLong();

    private DelayLine(TunDevice tun, long delayNs) {
        this.tun = tun;
        this.delayNs = delayNs;
    }

    /** {@code DelayLine TUN_NAME DELAY_MS}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: DelayLine TUN_NAME DELAY_MS");
            System.exit(2);
        }
        long delayMs = Long.parseLong(args[1]);
        TunDevice tun = TunDevice.open(args[0]);
        DelayLine line = new DelayLine(tun, delayMs * 1_000_000L);
        Thread reader = Thread.ofPlatform().name("delay-read").start(line::readLoop);
        System.out.println("delay line " + args[0] + " ready, " + delayMs + " ms");
        System.out.flush();
        line.writeLoop();
        reader.join();
    }

    private void readLoop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(MAX_PACKET_BYTES);
            MemorySegment state = TunDevice.newCallState(arena);
            while (true) {
                int n = tun.read(buf, state);
                byte[] packet = buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                if (!queue.offer(new Held(packet, System.nanoTime() + delayNs))) {
                    dropped.incrementAndGet();
                }
            }
        } catch (IOException e) {
            System.err.println("delay line " + tun.name() + " stops: " + e.getMessage()
                    + " (" + dropped.get() + " packets dropped on a full queue)");
            System.exit(1);
        }
    }

    private void writeLoop() throws InterruptedException, IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(MAX_PACKET_BYTES);
            MemorySegment state = TunDevice.newCallState(arena);
            while (true) {
                Held h = queue.take();
                long waitNs;
                while ((waitNs = h.dueNs() - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(waitNs);
                }
                compensateHop(h.packet());
                MemorySegment.copy(MemorySegment.ofArray(h.packet()), 0, buf, 0, h.packet().length);
                tun.write(buf, h.packet().length, state);
            }
        }
    }

    /**
     * Adds one to an IPv4 packet's TTL (below 255) and recomputes its header checksum (RFC 791
     * 3.1). Anything that is not a well-formed IPv4 header is left alone.
     */
    static void compensateHop(byte[] p) {
        if (p.length < 20 || (p[0] >> 4 & 0xf) != 4) {
            return;
        }
        int headerBytes = (p[0] & 0xf) * 4;
        int ttl = p[8] & 0xff;
        if (headerBytes < 20 || headerBytes > p.length || ttl == 255) {
            return;
        }
        p[8] = (byte) (ttl + 1);
        p[10] = 0;
        p[11] = 0;
        int sum = 0;
        for (int i = 0; i < headerBytes; i += 2) {
            sum += (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int check = ~sum & 0xffff;
        p[10] = (byte) (check >> 8);
        p[11] = (byte) check;
    }
}
