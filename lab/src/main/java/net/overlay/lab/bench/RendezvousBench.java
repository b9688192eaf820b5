package net.overlay.lab.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.wire.Bytes;

/**
 * {@code ./overlay bench rendezvous [--quick] [--devices N]} (issue #6): how many device keepalives
 * one {@link RendezvousMachine} answers per second on one thread with N devices registered, and
 * how many heap bytes the node holds per registered device. No sockets. Each device does the Noise
 * IK handshake, Hello and Register with the node through a client {@link SessionEndpoint} (one per
 * batch of devices), then pre-seals its keepalive datagrams (increasing packet numbers) and its
 * session is dropped, so the bench side keeps only bytes. The devices' half of the handshakes runs
 * on worker threads, pipelined with the node, which does all of its own work on the bench thread.
 * Bytes allocated per keepalive (this thread's counter) hint at where the time goes. The node's
 * heap is live heap after a GC with the node, minus the same with the node dropped (the directory
 * and the pre-sealed datagrams stay in both).
 *
 * <p>Every device shares one identity (the directory maps each device name to it): the node still
 * verifies every Hello and runs every handshake, but the bench skips a million key generations.
 * After every keepalive the bench asks the node for its next deadline, as {@code MachineDriver}
 * does, so the node's timer bookkeeping is part of the figure; virtual time barely moves, so no
 * session ages or times out. Not a test.
 */
public final class RendezvousBench {
    /** Issue #6's targets: 2.5M devices at a 25 s interval on one node, under 1 KB each. */
    static final double TARGET_KEEPALIVES_PER_S = 100_000;
    static final double TARGET_BYTES_PER_DEVICE = 1024;
    static final int DEFAULT_DEVICES = 1_000_000;
    static final int QUICK_DEVICES = 20_000;

    private RendezvousBench() {}

    /** One run's figures. */
    record Figures(int devices, double setupSeconds, long keepalives, double keepalivesPerSecond,
            double nodeBytesPerDevice, double allocBytesPerKeepalive) {}

    public static int run(boolean quick, int devices, PrintStream out) {
        return run(quick, devices, out, Headlines.NONE);
    }

    public static int run(boolean quick, int devices, PrintStream out, Headlines headlines) {
        int n = devices > 0 ? devices : quick ? QUICK_DEVICES : DEFAULT_DEVICES;
        long measured = Math.max(n, quick ? 200_000L : 2_000_000L);
        out.printf(Locale.ROOT, "rendezvous: %,d devices registered with one node (IK handshake, Hello, Register "
                + "each), then %,d keepalives round-robin on one thread after a warm-up round%s.%n", n, measured,
                quick ? " (--quick: a smoke run, not a measurement)" : "");
        Figures f = measure(n, measured, out);
        report(f, out);
        String at = String.format(Locale.ROOT, " at %,d devices", f.devices());
        headlines.add("rendezvous", "keepalives/s, one node" + at, f.keepalivesPerSecond(), "/s", "target",
                TARGET_KEEPALIVES_PER_S, true);
        headlines.add("rendezvous", "node heap per device" + at, f.nodeBytesPerDevice(), "B", "target",
                TARGET_BYTES_PER_DEVICE, false);
        return 0;
    }

    /** The table and the verdict on both targets. */
    static void report(Figures f, PrintStream out) {
        out.printf(Locale.ROOT, "%10s %10s %14s %16s %16s%n", "devices", "setup s", "keepalives/s", "node B/device",
                "alloc B/keepalive");
        out.printf(Locale.ROOT, "%,10d %10.1f %,14.0f %,16.0f %,16.0f%n", f.devices(), f.setupSeconds(),
                f.keepalivesPerSecond(), f.nodeBytesPerDevice(), f.allocBytesPerKeepalive());
        out.printf(Locale.ROOT, "target >= %,.0f keepalives/s: %s%n", TARGET_KEEPALIVES_PER_S,
                verdict(f.keepalivesPerSecond() >= TARGET_KEEPALIVES_PER_S));
        out.printf(Locale.ROOT, "target < %,.0f heap bytes per device: %s%n", TARGET_BYTES_PER_DEVICE,
                verdict(f.nodeBytesPerDevice() < TARGET_BYTES_PER_DEVICE));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    /** Registers {@code devices}, measures {@code measuredKeepalives} keepalives and the node's heap. */
    static Figures measure(int devices, long measuredKeepalives, PrintStream progress) {
        int rounds = 1 + (int) ((measuredKeepalives + devices - 1) / devices);
        RendezvousFleet fleet = new RendezvousFleet(devices, rounds);
        long setupStartNs = System.nanoTime();
        RendezvousMachine node = fleet.register(progress);
        double setupSeconds = (System.nanoTime() - setupStartNs) / 1e9;
        if (node.broker().registeredDevices() != devices) {
            throw new IllegalStateException("only " + node.broker().registeredDevices() + " of " + devices
                    + " devices registered");
        }
        fleet.feedRound(node, 0);
        long acks0 = node.broker().stats().keepalives();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long startNs = System.nanoTime();
        for (int r = 1; r < rounds; r++) {
            fleet.feedRound(node, r);
        }
        long elapsedNs = System.nanoTime() - startNs;
        long allocBytes = threads.getCurrentThreadAllocatedBytes() - alloc0;
        long acks = node.broker().stats().keepalives() - acks0;
        if (acks != (long) devices * (rounds - 1)) {
            throw new IllegalStateException("node acknowledged " + acks + " of " + (long) devices * (rounds - 1)
                    + " keepalives");
        }
        long withNode = liveHeapBytes();
        java.lang.ref.Reference.reachabilityFence(node);
        node = null;
        long withoutNode = liveHeapBytes();
        return new Figures(devices, setupSeconds, acks, acks * 1e9 / elapsedNs,
                (double) (withNode - withoutNode) / devices, (double) allocBytes / acks);
    }

    private static long liveHeapBytes() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several collections: the smallest reading is the live set (a collection can leave floating garbage).
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, mx.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

}
