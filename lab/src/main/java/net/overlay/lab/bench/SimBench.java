package net.overlay.lab.bench;

import static net.overlay.lab.bench.JvmMeters.liveHeapBytes;
import static net.overlay.lab.bench.JvmMeters.peakHeapBytes;
import static net.overlay.lab.bench.JvmMeters.resetPeaks;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import net.overlay.sim.PingWorkload;
import net.overlay.sim.SimConfig;
import net.overlay.sim.SimResult;
import net.overlay.sim.SimRunner;
import net.overlay.sim.Simulation;

/**
 * {@code ./overlay sim bench --workload ping}: issue #5's engine benchmark. Builds the simulation,
 * weighs its live heap after a full GC (minus the heap before it was built), runs it, and prints
 * wall time, events, events per second, peak heap, heap bytes per node and the trace digest.
 *
 * <p>The reference is PeerSim's single-threaded engine on the same workload: about 1.45 M events/s
 * at 1M nodes (4.0 M at 100k) and about 130 B of live heap per node. Runs on the caller's thread.
 */
public final class SimBench {
    /** The lookahead: the ping workload's smallest link delay, 10 ms. */
    static final long WINDOW_NS = 10_000_000L;

    private SimBench() {}

    /**
     * Runs the ping benchmark and prints its report.
     *
     * @param warmupPeriods if positive, a run of that many periods on the same nodes first, untimed,
     *     so the timed run is not measuring the JIT compiler's warm-up
     */
    /** Issue #5: PeerSim's event-driven engine on this workload on this machine (1M nodes, ParallelGC). */
    static final double PEERSIM_EVENTS_PER_S_1M = 1_450_000;
    static final double PEERSIM_BYTES_PER_NODE = 130;

    public static int runPing(int devices, int periods, int warmupPeriods, int regions, int threads, long seed,
            PrintStream out) {
        return runPing(devices, periods, warmupPeriods, regions, threads, seed, out, Headlines.NONE);
    }

    /** As above; adds events/s (against PeerSim's on this machine) and heap per node to {@code headlines}. */
    public static int runPing(int devices, int periods, int warmupPeriods, int regions, int threads, long seed,
            PrintStream out, Headlines headlines) {
        SimConfig config = new SimConfig(devices, seed, WINDOW_NS, regions, threads);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long startupStartNs = System.nanoTime();
        try (SimRunner runner = SimRunner.start(threads)) {
            long startupNs = System.nanoTime() - startupStartNs;
            if (warmupPeriods > 0) {
                runner.run(Simulation.prepare(config, PingWorkload.standard(devices, warmupPeriods)));
            }
            // Weighed with the actor system already up, so the difference is the simulation's alone.
            long heapBeforeBytes = liveHeapBytes(memory);
            long buildStartNs = System.nanoTime();
            Simulation simulation = Simulation.prepare(config, PingWorkload.standard(devices, periods));
            long buildNs = System.nanoTime() - buildStartNs;
            long heapBuiltBytes = liveHeapBytes(memory);
            resetPeaks();
            long runStartNs = System.nanoTime();
            SimResult result = runner.run(simulation);
            long runNs = System.nanoTime() - runStartNs;
            long peakHeapBytes = peakHeapBytes();
            // After the run the buckets keep the capacity they grew to: the steady-state footprint.
            long heapAfterBytes = liveHeapBytes(memory);
            report(out, new Measured(config, periods, warmupPeriods, startupNs, buildNs, runNs, peakHeapBytes,
                    heapBuiltBytes - heapBeforeBytes, heapAfterBytes - heapBeforeBytes, result));
            String at = String.format(Locale.ROOT, ", %,d nodes", devices);
            headlines.add("sim", "ping events/s" + at, result.events() / (runNs / 1e9), "/s",
                    "PeerSim on this machine (1M nodes)", PEERSIM_EVENTS_PER_S_1M, true);
            headlines.add("sim", "live heap per node after the run" + at,
                    (double) (heapAfterBytes - heapBeforeBytes) / devices, "B", "PeerSim", PEERSIM_BYTES_PER_NODE, false);
            // The simulation must stay reachable until it has been weighed after the run.
            Reference.reachabilityFence(simulation);
            return 0;
        }
    }

    private record Measured(SimConfig config, int periods, int warmupPeriods, long startupNs, long buildNs, long runNs,
            long peakHeapBytes, long builtHeapBytes, long afterRunHeapBytes, SimResult result) {}

    private static void report(PrintStream out, Measured m) {
        SimConfig config = m.config();
        SimResult result = m.result();
        int devices = config.nodes();
        double perNodeBytes = (double) m.builtHeapBytes() / devices;
        double perNodeAfterBytes = (double) m.afterRunHeapBytes() / devices;
        long runNs = m.runNs();
        double eventsPerSec = result.events() / (runNs / 1e9);
        out.println(String.format(Locale.ROOT,
                """
                workload        ping (%d devices, %d periods of 1 s, delay 10-100 ms, seed %d)
                warm-up         %s
                regions         %d
                threads         %d (of %d processors)
                build time      %.2f s
                actors startup  %.2f s (not in wall time)
                wall time       %.2f s (run only)
                windows         %d (virtual end %.2f s)
                events          %d
                events/s        %.2f M
                peak heap       %.1f MB (during run)
                heap per node   %.1f B (live after GC, once built); %.1f B after the run
                digest          %s""",
                devices, m.periods(), config.seed(),
                m.warmupPeriods() > 0 ? m.warmupPeriods() + " periods, untimed" : "none (JIT warm-up is in the wall time)",
                config.regions(), config.threads(),
                Runtime.getRuntime().availableProcessors(), m.buildNs() / 1e9, m.startupNs() / 1e9, runNs / 1e9,
                result.windows(), result.lastWindowEndNs() / 1e9, result.events(), eventsPerSec / 1e6,
                m.peakHeapBytes() / 1e6, perNodeBytes, perNodeAfterBytes, result.digestHex()));
        out.flush();
    }
}
