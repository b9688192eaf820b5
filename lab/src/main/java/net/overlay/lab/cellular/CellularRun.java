package net.overlay.lab.cellular;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.netsim.ModelFlow;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.lab.scenario.RunContext;

/**
 * Runs one always-backlogged flow per (trace, controller) on the link model, in the Sprout paper's
 * emulation: a fixed one-way delay each way, an unbounded FIFO, one 1500-byte delivery opportunity
 * per trace line (REFERENCE.md). Cells run in parallel, each on its own model; results come back in
 * (trace, controller) order. Stateless.
 */
public final class CellularRun {
    private static final long MS = 1_000_000L;
    /** The generated trace's parameters: those of the Sprout test bench (docs/congestion-control.md). */
    private static final double SYNTHETIC_MEAN_PPS = 500;
    private static final double SYNTHETIC_MAX_PPS = 1000;
    private static final double SYNTHETIC_SIGMA_PPS = 200;
    /** The Sprout paper samples its delay metric over time; we sample it every millisecond. */
    private static final long SAMPLE_NS = MS;

    private CellularRun() {}

    /**
     * One flow's results over the measured window.
     *
     * @param throughputKbps bits that reached the receiver in the window, per second, / 1000
     * @param delayP95Ms 95th percentile over time of "time since the most recently sent packet that has arrived"
     * @param omniscientP95Ms the same for an omniscient sender that fills every opportunity without queueing
     * @param selfInflictedMs {@code delayP95Ms - omniscientP95Ms}: the Sprout paper's self-inflicted delay
     * @param queueP95Ms 95th percentile of the time packets spent in the bottleneck queue
     */
    public record Cell(String trace, String controller, double throughputKbps, double delayP95Ms,
            double omniscientP95Ms, double selfInflictedMs, double queueP95Ms, long packetsSent) {}

    /** Reads every trace (files) or generates it (synthetic, from {@code seed}). */
    static List<int[]> load(CellularSettings s, long seed) throws IOException {
        List<int[]> out = new ArrayList<>();
        for (String t : s.traces()) {
            out.add(loadTrace(t, s.durationS(), seed));
        }
        return out;
    }

    /**
     * One trace's opportunities (ms): the Mahimahi file, or for {@link CellularSettings#SYNTHETIC}
     * the generated trace of {@code durationS} from {@code seed}. Shared with {@code video-qos}.
     */
    public static int[] loadTrace(String trace, int durationS, long seed) throws IOException {
        return trace.equals(CellularSettings.SYNTHETIC)
                ? DeliverySchedule.synthetic(seed, durationS * 1000, SYNTHETIC_MEAN_PPS, SYNTHETIC_MAX_PPS,
                        SYNTHETIC_SIGMA_PPS)
                : DeliverySchedule.readMahimahi(Path.of(trace));
    }

    public static List<Cell> run(CellularSettings s, List<CongestionControlFactory> controllers, long seed,
            RunContext.Progress progress) throws IOException {
        List<int[]> traces = load(s, seed);
        int nc = controllers.size();
        return IntStream.range(0, traces.size() * nc).parallel().mapToObj(k -> {
            Cell c = runOne(CellularSettings.label(s.traces().get(k / nc)), traces.get(k / nc), controllers.get(k % nc),
                    s);
            progress.advance(s.durationS());
            return c;
        }).toList();
    }

    static Cell runOne(String label, int[] trace, CongestionControlFactory factory, CellularSettings s) {
        long delayNs = s.oneWayDelayMs() * MS;
        LinkModel link = new LinkModel(delayNs, DeliverySchedule.trace(trace));
        ModelFlow flow = link.addFlow(factory, 0);
        long endNs = s.durationS() * 1000 * MS;
        long fromNs = s.skipS() * 1000 * MS;
        link.run(endNs);
        FlowReport r = flow.report(fromNs, endNs);
        double ours = p95Ms(flowDelays(flow, fromNs, endNs));
        double omniscient = p95Ms(omniscientDelays(trace, delayNs, fromNs, endNs));
        return new Cell(label, factory.name(), r.throughputBitsPerSec() / 1000, ours, omniscient, ours - omniscient,
                r.delayP95Ms(), flow.packetsSent());
    }

    /**
     * Every millisecond of the window: the time since the most recently sent packet that has arrived
     * (the FIFO delivers in sending order, so that is the latest arrival). Instants before the first
     * arrival have no sample.
     */
    static long[] flowDelays(ModelFlow flow, long fromNs, long toNs) {
        long[] out = new long[(int) ((toNs - fromNs) / SAMPLE_NS)];
        int n = 0;
        int next = 0;
        long lastSentNs = -1;
        for (long t = fromNs; t < toNs; t += SAMPLE_NS) {
            while (next < flow.arrivals() && flow.arrivalNs(next) <= t) {
                lastSentNs = flow.arrivalSentNs(next++);
            }
            if (lastSentNs >= 0) {
                out[n++] = t - lastSentNs;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The same for an omniscient sender: it sends one packet at each delivery opportunity, which
     * leaves at once and arrives one delay later, so at {@code t} the latest arrival was sent at the
     * last opportunity {@code o} with {@code o + delay <= t}.
     */
    static long[] omniscientDelays(int[] trace, long delayNs, long fromNs, long toNs) {
        DeliverySchedule schedule = DeliverySchedule.trace(trace);
        long[] out = new long[(int) ((toNs - fromNs) / SAMPLE_NS)];
        int n = 0;
        long last = -1;
        long next = schedule.next(0);
        for (long t = fromNs; t < toNs; t += SAMPLE_NS) {
            while (next + delayNs <= t) {
                last = next;
                next = schedule.next(next);
            }
            if (last >= 0) {
                out[n++] = t - last;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double p95Ms(long[] samples) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] / 1e6;
    }
}
