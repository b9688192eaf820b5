package net.overlay.lab.testbed;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The testbed's user-space delay line (this kernel has no netem): a process in a router namespace
 * that reads every packet the router routes into a TUN interface, holds it, and writes it back,
 * after which the router forwards it on its way (policy routing, see {@link Testbed}). Both
 * directions of a site's link cross the same TUN, so each gets the delay once.
 *
 * <p>Run by {@link TestbedControl#up} as {@code ip netns exec R java ... DelayLine TUN DELAY_MS
 * [--jitter MS] [--reorder PCT --reorder-gap MS] [--keep-order] [--seed N] [--stats FILE]}; prints
 * {@code delay line TUN ready} once attached and runs until killed or until the interface goes
 * away. Each packet's hold is the constant delay plus what {@link DelaySchedule} draws (jitter,
 * reorder hold-back); packets leave in order of their release time, so with jitter a packet can
 * overtake another, as under netem. Two platform threads: a reader that stamps and queues each
 * packet, a writer that releases them when due and counts those that leave out of order. A full
 * queue drops the packet, as a router's queue would, and counts it. The counters
 * ({@link DelayLineStats}) go to the stats file every second and to standard output when the line
 * stops (SIGTERM from {@code testbed down} included).
 *
 * <p>The detour costs the packet an extra routing step, so the writer adds one to the IPv4 TTL
 * (and fixes the header checksum): traceroute and low-TTL priming see the same hop count with and
 * without a delay.
 */
public final class DelayLine {
    /** Our choice: about 64 MB of 1500-byte packets; far more than any test keeps in flight. */
    static final int QUEUE_PACKETS = 1 << 16;
    private static final int MAX_PACKET_BYTES = 65_536;
    private static final long STATS_EVERY_MS = 1_000;

    /** A queued packet: {@code seq} is its place in reading order, the tie-break for equal due times. */
    private record Held(byte[] packet, long dueNs, long seq) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNs - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Held h = (Held) o;
            int c = Long.compare(dueNs, h.dueNs);
            return c != 0 ? c : Long.compare(seq, h.seq);
        }
    }

    /** The parsed command line. */
    record Options(String tun, int delayMs, DelayVariation variation, Path statsFile) {
        static Options parse(String[] args) {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage: DelayLine TUN_NAME DELAY_MS [--jitter MS] "
                        + "[--reorder PCT --reorder-gap MS] [--keep-order] [--seed N] [--stats FILE]");
            }
            int jitterMs = 0;
            int reorderPercent = 0;
            int gapMs = DelayVariation.DEFAULT_REORDER_GAP_MS;
            boolean keepOrder = false;
            long seed = 1;
            Path stats = null;
            for (int i = 2; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--keep-order" -> keepOrder = true;
                    case "--jitter" -> jitterMs = Integer.parseInt(need(args[i], value));
                    case "--reorder" -> reorderPercent = Integer.parseInt(need(args[i], value));
                    case "--reorder-gap" -> gapMs = Integer.parseInt(need(args[i], value));
                    case "--seed" -> seed = Long.parseLong(need(args[i], value));
                    case "--stats" -> stats = Path.of(need(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (!args[i].equals("--keep-order")) {
                    i++;
                }
            }
            int delayMs = Integer.parseInt(args[1]);
            if (delayMs < 0 || delayMs > Site.MAX_DELAY_MS) {
                throw new IllegalArgumentException("delay must be 0.." + Site.MAX_DELAY_MS + " ms, not " + delayMs);
            }
            return new Options(args[0], delayMs, new DelayVariation(jitterMs, keepOrder, reorderPercent,
                    reorderPercent > 0 ? gapMs : 0, seed), stats);
        }

        private static String need(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        /** The argument list that {@link #parse} reads back, for {@link TestbedControl}. */
        static List<String> argv(String tun, int delayMs, DelayVariation v, Path statsFile) {
            List<String> a = new ArrayList<>(List.of(tun, String.valueOf(delayMs)));
            a.addAll(v.args());
            a.addAll(List.of("--stats", statsFile.toString()));
            return a;
        }
    }

    private final TunDevice tun;
    private final DelaySchedule schedule;
    private final Path statsFile;
    private final DelayQueue<Held> queue = new DelayQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong passed = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private DelayLine(TunDevice tun, Options o) {
        this.tun = tun;
        this.schedule = new DelaySchedule(o.delayMs(), o.variation());
        this.statsFile = o.statsFile();
    }

    /** See the class comment for the arguments. Exit status 2 on a bad command line. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("delay line: " + e.getMessage());
            System.exit(2);
            return;
        }
        TunDevice tun = TunDevice.open(o.tun());
        DelayLine line = new DelayLine(tun, o);
        Runtime.getRuntime().addShutdownHook(new Thread(line::stopped, "delay-stats-final"));
        Thread.ofPlatform().name("delay-read").start(line::readLoop);
        Thread.ofPlatform().name("delay-stats").daemon().start(line::statsLoop);
        System.out.println("delay line " + o.tun() + " ready, " + o.delayMs() + " ms, " + o.variation().describe());
        System.out.flush();
        line.writeLoop();
    }

    private DelayLineStats stats() {
        return new DelayLineStats(passed.get(), reordered.get(), dropped.get());
    }

    private void stopped() {
        writeStats();
        System.out.println("delay line " + tun.name() + " stops: " + stats().line());
        System.out.flush();
    }

    private void statsLoop() {
        while (true) {
            writeStats();
            try {
                Thread.sleep(STATS_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Replaces the stats file in one step, so a reader never sees half a line. */
    private synchronized void writeStats() {
        if (statsFile == null) {
            return;
        }
        try {
            Path tmp = statsFile.resolveSibling(statsFile.getFileName() + ".tmp");
            Files.writeString(tmp, stats().line() + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, statsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("delay line " + tun.name() + ": cannot write " + statsFile + ": " + e.getMessage());
        }
    }

    private void readLoop() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(MAX_PACKET_BYTES);
            MemorySegment state = TunDevice.newCallState(arena);
            for (long seq = 0; ; seq++) {
                int n = tun.read(buf, state);
                byte[] packet = buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
                if (queued.incrementAndGet() > QUEUE_PACKETS) {
                    queued.decrementAndGet();
                    dropped.incrementAndGet();
                } else {
                    queue.put(new Held(packet, schedule.dueNs(System.nanoTime()), seq));
                }
            }
        } catch (IOException e) {
            System.err.println("delay line " + tun.name() + " stops: " + e.getMessage());
            System.exit(1);
        }
    }

    private void writeLoop() throws InterruptedException, IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(MAX_PACKET_BYTES);
            MemorySegment state = TunDevice.newCallState(arena);
            long highestSeqWritten = -1;
            while (true) {
                Held h = queue.take();
                queued.decrementAndGet();
                // Out of order: a packet read later has already left (RFC 4737 3.3's reordered packet).
                if (h.seq() < highestSeqWritten) {
                    reordered.incrementAndGet();
                } else {
                    highestSeqWritten = h.seq();
                }
                compensateHop(h.packet());
                MemorySegment.copy(MemorySegment.ofArray(h.packet()), 0, buf, 0, h.packet().length);
                tun.write(buf, h.packet().length, state);
                passed.incrementAndGet();
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
