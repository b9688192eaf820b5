package net.overlay.lab.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.session.OpenStatus;
import net.overlay.core.proto.session.PacketOpener;
import net.overlay.core.proto.session.PacketSealer;
import net.overlay.core.proto.session.RekeyRequiredException;
import net.overlay.core.proto.session.SessionConfig;
import net.overlay.core.proto.session.SessionConstants;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.proto.transport.TransportException;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;

/**
 * {@code ./overlay bench transport [--quick]}: CPU-bound goodput of one stream between two
 * in-process transports on one thread, every packet sealed with {@link PacketSealer} and opened
 * with {@link PacketOpener} (AES-GCM) as a session does; no network, no loss, the real clock as
 * {@code nowNs}. Per shipped controller: application MB/s read at the receiver, packets each way,
 * and bytes allocated per data packet (this thread's allocation counter, both ends together).
 *
 * <p>A plain timed loop rather than JMH: one measurement is seconds of a whole two-endpoint
 * exchange, not a small operation; a warm-up phase of the same loop comes first. Not a test.
 */
public final class TransportBench {
    /** The target: 250 MB/s of application bytes on one core. */
    static final double TARGET_MB_PER_S = 250;
    private static final int CHUNK_BYTES = 64 * 1024;

    private TransportBench() {}

    /** One measurement of one controller. */
    record Figures(String controller, double mbPerSecond, long dataPackets, long ackPackets, double bytesPerPacket) {}

    public static int run(boolean quick, PrintStream out) {
        return run(quick, out, Headlines.NONE);
    }

    public static int run(boolean quick, PrintStream out, Headlines headlines) {
        long warmupNs = quick ? 500_000_000L : 3_000_000_000L;
        long measureNs = quick ? 500_000_000L : 5_000_000_000L;
        out.printf(Locale.ROOT, "transport: one stream, client to device, both ends on one thread, AES-GCM sealed "
                + "and opened, no loss;%nwarm-up %.1f s then %.1f s measured per controller%s.%n",
                warmupNs / 1e9, measureNs / 1e9, quick ? " (--quick: a smoke run, not a measurement)" : "");
        out.printf(Locale.ROOT, "%-12s %10s %12s %12s %12s%n", "controller", "MB/s", "data pkts", "ack pkts",
                "alloc B/pkt");
        double best = 0;
        for (CongestionControlFactory f : CongestionControls.available(TransportBench.class.getClassLoader())) {
            Pair pair = new Pair(f);
            pair.runFor(warmupNs);
            Figures r = pair.measure(f.name(), measureNs);
            best = Math.max(best, r.mbPerSecond());
            headlines.add("transport", "one stream, " + r.controller(), r.mbPerSecond(), "MB/s");
            out.printf(Locale.ROOT, "%-12s %10.0f %12d %12d %12.0f%n", r.controller(), r.mbPerSecond(),
                    r.dataPackets(), r.ackPackets(), r.bytesPerPacket());
        }
        if (!quick) {
            out.printf(Locale.ROOT, "target >= %.0f MB/s (best controller): %s%n", TARGET_MB_PER_S,
                    best >= TARGET_MB_PER_S ? "met" : String.format(Locale.ROOT, "MISSED (%.0f MB/s)", best));
        }
        return 0;
    }

    /** The two ends, their sealers and openers, and the application on each. */
    private static final class Pair {
        private final Transport client;
        private final Transport device;
        private final PacketSealer clientSealer;
        private final PacketSealer deviceSealer;
        private final PacketOpener clientOpener;
        private final PacketOpener deviceOpener;
        private final byte[] plain = new byte[2048];
        private final byte[] wire = new byte[2048];
        private final byte[] opened = new byte[2048];
        private final byte[] chunk = new byte[CHUNK_BYTES];
        private final byte[] sink = new byte[CHUNK_BYTES];
        private final long streamId;
        private int chunkPos;
        private long bytesRead;
        private long clientPackets;
        private long devicePackets;

        Pair(CongestionControlFactory f) {
            TransportConfig config = TransportConfig.DEFAULTS;
            CongestionConfig cc = CongestionConfig.defaults(config.maxPayloadBytes() + config.packetOverheadBytes(), 1);
            client = Transport.insideSession(config, f.create(cc), f.createReceiverHook(cc), true);
            device = Transport.insideSession(config, f.create(cc), f.createReceiverHook(cc), false);
            byte[] toDevice = new byte[32];
            byte[] toClient = new byte[32];
            Arrays.fill(toDevice, (byte) 1);
            Arrays.fill(toClient, (byte) 2);
            clientSealer = new PacketSealer(CipherSuite.AES_GCM, toDevice, 11, SessionConfig.DEFAULT);
            deviceOpener = new PacketOpener(CipherSuite.AES_GCM, toDevice, 11, SessionConfig.DEFAULT);
            deviceSealer = new PacketSealer(CipherSuite.AES_GCM, toClient, 22, SessionConfig.DEFAULT);
            clientOpener = new PacketOpener(CipherSuite.AES_GCM, toClient, 22, SessionConfig.DEFAULT);
            Arrays.fill(chunk, (byte) 0x5a);
            streamId = client.openStream();
        }

        Figures measure(String name, long durationNs) {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long read0 = bytesRead;
            long c0 = clientPackets;
            long d0 = devicePackets;
            long alloc0 = mx.getCurrentThreadAllocatedBytes();
            long startNs = System.nanoTime();
            runFor(durationNs);
            long elapsedNs = System.nanoTime() - startNs;
            long alloc = mx.getCurrentThreadAllocatedBytes() - alloc0;
            long data = clientPackets - c0;
            return new Figures(name, (bytesRead - read0) * 1e3 / elapsedNs, data, devicePackets - d0,
                    data == 0 ? 0 : (double) alloc / data);
        }

        void runFor(long durationNs) {
            long endNs = System.nanoTime() + durationNs;
            long nowNs;
            while ((nowNs = System.nanoTime()) < endNs) {
                for (int i = 0; i < 64; i++) {
                    step(nowNs);
                }
            }
        }

        private void step(long nowNs) {
            while (chunkPos < CHUNK_BYTES) {
                int n = client.write(streamId, chunk, chunkPos, CHUNK_BYTES - chunkPos);
                if (n == 0) {
                    break;
                }
                chunkPos += n;
            }
            if (chunkPos == CHUNK_BYTES) {
                chunkPos = 0;
            }
            boolean moved = transfer(nowNs, client, clientSealer, device, deviceOpener);
            int n;
            while ((n = device.read(streamId, sink, 0, sink.length)) > 0) {
                bytesRead += n;
            }
            moved |= transfer(nowNs, device, deviceSealer, client, clientOpener);
            drainEvents();
            if (!moved) {
                if (client.pollTimeoutNs() <= nowNs) {
                    client.handleTimeout(nowNs);
                }
                if (device.pollTimeoutNs() <= nowNs) {
                    device.handleTimeout(nowNs);
                }
            }
        }

        private void drainEvents() {
            while (client.pollEvent() != null) {
                // StreamWritable and the like: the writer above simply tries again every step.
            }
            while (device.pollEvent() != null) {
                // StreamOpened, StreamReadable: the reader above reads stream 0 every step.
            }
        }

        /** Moves every packet {@code from} wants to send now into {@code to}; false when there was none. */
        private boolean transfer(long nowNs, Transport from, PacketSealer sealer, Transport to, PacketOpener opener) {
            boolean any = false;
            int len;
            int header = SessionConstants.HEADER_BYTES;
            while ((len = from.pollPacket(nowNs, sealer.nextPacketNumber(), plain, 0,
                    wire.length - SessionConstants.OVERHEAD_BYTES)) > 0) {
                any = true;
                try {
                    int sealed = sealer.seal(plain, 0, len, wire, 0);
                    if (opener.open(wire, 0, sealed, opened, header) != OpenStatus.ACCEPTED) {
                        throw new IllegalStateException("a sealed packet did not open");
                    }
                    to.handlePacket(nowNs, opener.lastPacketNumber(), opened, header, opener.lastPlaintextBytes());
                } catch (RekeyRequiredException | WireException | TransportException e) {
                    throw new IllegalStateException("benchmark exchange failed: " + e, e);
                }
                if (from == client) {
                    clientPackets++;
                } else {
                    devicePackets++;
                }
            }
            return any;
        }
    }
}
