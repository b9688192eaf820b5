package net.overlay.lab.bench;

import static net.overlay.lab.bench.JvmMeters.liveHeapBytes;
import static net.overlay.lab.bench.JvmMeters.peakHeapBytes;
import static net.overlay.lab.bench.JvmMeters.processCpuNs;
import static net.overlay.lab.bench.JvmMeters.resetPeaks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import net.overlay.sim.SimRunner;
import net.overlay.sim.device.ConnectRecord;
import net.overlay.sim.device.DeviceSimResult;
import net.overlay.sim.device.DeviceSimSpec;
import net.overlay.sim.device.DeviceSimulation;
import net.overlay.sim.device.EntityCounters;
import net.overlay.sim.device.NetworkCounters;
import net.overlay.sim.device.RttSummary;

/**
 * {@code ./overlay sim bench --devices N [--minutes M] [--connects K]}: issue #5's device benchmark.
 * N devices behind a mix of NATs register with the rendezvous nodes and keep alive for M simulated
 * minutes while K clients connect to random devices; prints wall time, events, events/s, peak heap,
 * live heap per device (and how it splits between rendezvous, NATs, devices and clients, by
 * letting each part go after the run and weighing again), connect outcomes and percentiles.
 *
 * <p>Runs on the caller's thread; the simulation runs on the runner's actor threads.
 */
public final class DeviceSimBench {
    private DeviceSimBench() {}

    /**
     * Runs {@code spec} and prints the report; writes one CSV line per connection to {@code recordsCsv}
     * and one per entity to {@code entitiesCsv}, each if given.
     */
    public static int run(DeviceSimSpec spec, int regions, int threads, Path recordsCsv, Path entitiesCsv, PrintStream out) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long startupStartNs = System.nanoTime();
        try (SimRunner runner = SimRunner.start(threads)) {
            long startupNs = System.nanoTime() - startupStartNs;
            long heapBeforeBytes = liveHeapBytes(memory);
            long buildStartNs = System.nanoTime();
            DeviceSimulation sim = DeviceSimulation.prepare(spec, regions, threads);
            long buildNs = System.nanoTime() - buildStartNs;
            resetPeaks();
            long cpuStartNs = processCpuNs();
            long runStartNs = System.nanoTime();
            Thread progress = progressReporter(sim, runStartNs, cpuStartNs);
            DeviceSimResult result;
            try {
                result = sim.run(runner);
            } finally {
                progress.interrupt();
            }
            long runNs = System.nanoTime() - runStartNs;
            long cpuNs = processCpuNs() - cpuStartNs;
            long peakHeapBytes = peakHeapBytes();
            long[] partsBytes = weighParts(sim, memory, heapBeforeBytes);
            Reference.reachabilityFence(sim);
            report(out, spec, regions, threads, startupNs, buildNs, new long[] {runNs, cpuNs}, peakHeapBytes, partsBytes, result);
            if (recordsCsv != null) {
                writeCsv(recordsCsv, ConnectRecord.CSV_HEADER, result.connects().size(), i -> result.connects().get(i).csv());
            }
            if (entitiesCsv != null) {
                EntityCounters e = result.entities();
                writeCsv(entitiesCsv, EntityCounters.Entity.CSV_HEADER, e.size(), i -> e.entity(i).csv());
            }
            return 0;
        }
    }

    /**
     * A daemon thread printing, every 30 s of wall time, the virtual time reached, CPU time and heap
     * in use to stderr, so that a long run shows how far it got; interrupted when the run ends.
     */
    private static Thread progressReporter(DeviceSimulation sim, long runStartNs, long cpuStartNs) {
        Thread t = Thread.ofPlatform().daemon().name("sim-progress").unstarted(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    System.err.printf(Locale.ROOT, "progress: virtual %.1f s, wall %.0f s, cpu %.0f s, heap used %.0f MB%n",
                            sim.progressNs() / 1e9, (System.nanoTime() - runStartNs) / 1e9,
                            (processCpuNs() - cpuStartNs) / 1e9,
                            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6);
                }
            } catch (InterruptedException e) {
                // the run ended
            }
        });
        t.start();
        return t;
    }

    /** Live heap after the run, then after letting go of each part in turn: [all, rendezvous, clients, nats, devices]. */
    private static long[] weighParts(DeviceSimulation sim, MemoryMXBean memory, long baseBytes) {
        long all = liveHeapBytes(memory) - baseBytes;
        sim.dropForWeighing(DeviceSimulation.Part.RENDEZVOUS);
        long noRendezvous = liveHeapBytes(memory) - baseBytes;
        sim.dropForWeighing(DeviceSimulation.Part.CLIENTS);
        long noClients = liveHeapBytes(memory) - baseBytes;
        sim.dropForWeighing(DeviceSimulation.Part.NATS);
        long noNats = liveHeapBytes(memory) - baseBytes;
        sim.dropForWeighing(DeviceSimulation.Part.DEVICES);
        long rest = liveHeapBytes(memory) - baseBytes;
        return new long[] {all, all - noRendezvous, noRendezvous - noClients, noClients - noNats, noNats - rest, rest};
    }

    private static void report(PrintStream out, DeviceSimSpec spec, int regions, int threads, long startupNs, long buildNs,
            long[] runAndCpuNs, long peakHeapBytes, long[] parts, DeviceSimResult r) {
        int n = spec.devices();
        long runNs = runAndCpuNs[0];
        long cpuNs = runAndCpuNs[1];
        NetworkCounters net = r.network();
        long events = r.engine().events();
        out.println(String.format(Locale.ROOT, """
                workload        devices: %d devices, %d connects, %.1f simulated minutes, %d rendezvous nodes, seed %d, crypto %s
                regions         %d
                threads         %d (of %d processors)
                actors startup  %.2f s (not in wall time)
                build time      %.2f s
                wall time       %.2f s (run only)
                cpu time        %.2f s (this process, during the run: all threads, GC included)
                events          %d (windows %d)
                events/s        %.3f M
                peak heap       %.1f MB (during run)
                heap per device %.0f B live after the run: rendezvous %.0f, devices %.0f, their NATs %.0f, clients %.0f, engine %.0f
                registered      %d of %d started; registration p50 %s, p99 %s (from device start)
                datagrams       sent %d, delivered %d, NAT-dropped %d, TTL-expired %d, no route %d, to ended hosts %d, lost %d""",
                n, spec.connects(), spec.durationNs() / 60e9, spec.rendezvous().size(), spec.seed(),
                spec.crypto().name().toLowerCase(Locale.ROOT), regions, threads,
                Runtime.getRuntime().availableProcessors(), startupNs / 1e9, buildNs / 1e9, runNs / 1e9, cpuNs / 1e9, events,
                r.engine().windows(), events / (runNs / 1e9) / 1e6, peakHeapBytes / 1e6, (double) parts[0] / n,
                (double) parts[1] / n, (double) parts[4] / n, (double) parts[3] / n, (double) parts[2] / n,
                (double) parts[5] / n, r.devicesRegistered(), r.devicesStarted(), ms(r.registerP50Ns()),
                ms(r.registerP99Ns()), net.sent(), net.delivered(), net.droppedByNat(), net.droppedTtl(),
                net.droppedNoRoute(), net.droppedHostGone(), net.lost()));
        if (spec.cgnat() != null || !spec.links().bottleneck().isNone()) {
            out.println(String.format(Locale.ROOT, "carrier         %d CGNAT boxes; datagrams not hairpinned %d, dropped by full downlink queues %d",
                    new net.overlay.sim.device.Topology(spec).boxes(), net.droppedNoHairpin(), net.droppedQueue()));
        }
        long k = r.connects().size();
        out.println(String.format(Locale.ROOT, "connects        %d: direct %d (%.1f %%), relayed %d, failed %d", k,
                r.count(ConnectRecord.Outcome.DIRECT), k == 0 ? 0 : 100.0 * r.count(ConnectRecord.Outcome.DIRECT) / k,
                r.count(ConnectRecord.Outcome.RELAYED), r.count(ConnectRecord.Outcome.FAILED)));
        out.println("first byte      " + percentiles(r, ConnectRecord::firstByteNs) + " (from client start, via relay)");
        out.println("direct          " + percentiles(r, ConnectRecord::directNs) + " (from client start)");
        out.println("rtt relayed     " + rtt(r.rttRelayed()) + " (pings inside the sessions, every "
                + ms(spec.pingIntervalNs()) + ")");
        out.println("rtt direct      " + rtt(r.rttDirect()));
        Map<String, Long> strategies = new TreeMap<>();
        for (ConnectRecord c : r.connects()) strategies.merge(c.strategy() + "->" + c.outcome().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        out.println("strategies      " + strategies);
        Map<String, Long> failures = new TreeMap<>();
        for (ConnectRecord c : r.connects()) if (!c.failure().isEmpty()) failures.merge(c.failure(), 1L, Long::sum);
        if (!failures.isEmpty()) out.println("failures        " + failures);
        out.println("digest          " + r.engine().digestHex());
        out.flush();
    }

    private static String percentiles(DeviceSimResult r, ToLongFunction<ConnectRecord> field) {
        List<String> parts = new ArrayList<>();
        for (double q : new double[] {0.5, 0.9, 0.99, 1.0}) {
            parts.add((q == 1.0 ? "max" : "p" + Math.round(q * 100)) + " " + ms(r.quantileNs(c -> true, field, q)));
        }
        return String.join(", ", parts);
    }

    private static String rtt(RttSummary s) {
        return String.format(Locale.ROOT, "%d samples: p50 %s, p90 %s, p99 %s, max %s", s.samples(), ms(s.p50Ns()),
                ms(s.p90Ns()), ms(s.p99Ns()), ms(s.maxNs()));
    }

    private static String ms(long ns) {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", ns / 1e6);
    }

    /** Writes a header and {@code rows} lines, streaming (a million entities make no list). */
    private static void writeCsv(Path file, String header, int rows, java.util.function.IntFunction<String> line) {
        try (java.io.BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(header);
            w.newLine();
            for (int i = 0; i < rows; i++) {
                w.write(line.apply(i));
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
