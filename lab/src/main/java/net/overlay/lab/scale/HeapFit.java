package net.overlay.lab.scale;

import java.util.List;
import java.util.Locale;

/**
 * Whether a size of the device workload fits in this JVM's heap, judged before it is built, so that
 * a size too large for the heap is skipped with a reason instead of ending the whole run in an
 * out-of-memory error. The estimate is the live heap per device of the largest size measured so far
 * in this run (or {@link #FIRST_GUESS_BYTES} before any), times the devices, times
 * {@link #HEADROOM} for the garbage a running simulation carries besides its live state. Called by
 * {@link ScaleScenario} on the lab's thread.
 */
final class HeapFit {
    /** Live heap per device assumed before any size was measured: above the 7.0-7.3 KB measured at 10k-100k. */
    static final long FIRST_GUESS_BYTES = 9_000;
    /**
     * Heap over live state that G1 needs to keep collecting without thrashing: the 1M-device run of
     * docs/simulator.md (6.9 KB live per device) had 8-9 GB in use of a 10 GB heap and spent a long
     * time in GC, so this asks for a little more than that run had.
     */
    static final double HEADROOM = 1.45;

    private HeapFit() {}

    static long neededBytes(int devices, List<SizeRun.Measured> measured) {
        double perDevice = measured.stream()
                .max((a, b) -> Long.compare(a.result().devicesStarted(), b.result().devicesStarted()))
                .map(m -> (double) m.liveBytes() / Math.max(1L, m.result().devicesStarted()))
                .orElse((double) FIRST_GUESS_BYTES);
        return (long) (devices * perDevice * HEADROOM);
    }

    static String skipReason(int devices, long neededBytes, long maxHeapBytes) {
        long suggestGb = (long) Math.ceil(neededBytes / 1e9 * 1.1);
        return String.format(Locale.ROOT, "%,d devices skipped: they need about %.1f GB of heap and this JVM may use "
                + "%.1f GB; run with OVERLAY_JAVA_OPTS=-Xmx%dg (the machine needs that much free memory)",
                devices, neededBytes / 1e9, maxHeapBytes / 1e9, suggestGb);
    }
}
