package net.overlay.lab.scale;

import static net.overlay.lab.bench.JvmMeters.liveHeapBytes;
import static net.overlay.lab.bench.JvmMeters.peakHeapBytes;
import static net.overlay.lab.bench.JvmMeters.processCpuNs;
import static net.overlay.lab.bench.JvmMeters.resetPeaks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import net.overlay.sim.SimRunner;
import net.overlay.sim.device.DeviceSimResult;
import net.overlay.sim.device.DeviceSimSpec;
import net.overlay.sim.device.DeviceSimulation;

/**
 * Runs the device workload at one size and measures it, as {@code sim bench --devices N} does: the
 * wall and CPU time of the run alone (the actor system is started before the clock), the peak heap
 * during the run, and the live heap after it, weighed again after letting go of the rendezvous
 * machines, the clients, the NATs and the device machines in turn. Called by {@link ScaleScenario}
 * on the lab's thread; the simulation runs on the runner's threads.
 */
final class SizeRun {
    private SizeRun() {}

    /**
     * What one size measured. The result is deterministic; every other field is a measurement.
     *
     * @param result the simulation's result (events, outcomes, digest)
     * @param wallNs wall time of the run
     * @param cpuNs CPU time of the whole process during the run (all threads, GC included), 0 if unknown
     * @param peakHeapBytes peak heap in use during the run (sum over the heap pools)
     * @param liveBytes live heap after the run, above what was live before it was built
     * @param splitBytes of which: rendezvous, clients, NATs, devices, the rest (engine, topology)
     */
    record Measured(DeviceSimResult result, long wallNs, long cpuNs, long peakHeapBytes, long liveBytes,
            long[] splitBytes) {}

    static Measured run(DeviceSimSpec spec, int threads, int regions) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (SimRunner runner = SimRunner.start(threads)) {
            long baseBytes = liveHeapBytes(memory);
            DeviceSimulation sim = DeviceSimulation.prepare(spec, regions, threads);
            resetPeaks();
            long cpuStartNs = processCpuNs();
            long startNs = System.nanoTime();
            DeviceSimResult result = sim.run(runner);
            long wallNs = System.nanoTime() - startNs;
            long cpuNs = processCpuNs() - cpuStartNs;
            long peakBytes = peakHeapBytes();
            long all = liveHeapBytes(memory) - baseBytes;
            long[] split = new long[5];
            long before = all;
            DeviceSimulation.Part[] order = {DeviceSimulation.Part.RENDEZVOUS, DeviceSimulation.Part.CLIENTS,
                DeviceSimulation.Part.NATS, DeviceSimulation.Part.DEVICES};
            for (int i = 0; i < order.length; i++) {
                sim.dropForWeighing(order[i]);
                long after = liveHeapBytes(memory) - baseBytes;
                split[i] = before - after;
                before = after;
            }
            split[4] = before;
            Reference.reachabilityFence(sim);
            return new Measured(result, wallNs, cpuNs, peakBytes, all, split);
        }
    }
}
