package net.overlay.lab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The JVM readings the simulator benchmarks and the {@code scale} scenario share: the process's CPU
 * time, the live heap after full collections, and the heap's peak since a reset. Static; call from
 * the thread that runs the measurement.
 */
public final class JvmMeters {
    private JvmMeters() {}

    /** CPU time of this process so far, or 0 where the JVM does not say: other processes share the cores. */
    public static long processCpuNs() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Heap in use after two full collections (the first may leave objects with finalisers or soft references). */
    public static long liveHeapBytes(MemoryMXBean memory) {
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Starts a new peak reading on every heap pool. */
    public static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The heap pools' peaks since {@link #resetPeaks()}, summed. */
    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
