package net.overlay.core.netsim;

import java.util.Arrays;

/**
 * A flow's results over a window of a {@link LinkModel} run.
 *
 * @param throughputBitsPerSec bits delivered to the receiver per second of the window
 * @param delayP50Ms median time packets spent in the bottleneck queue, of those leaving in the window
 * @param delayP95Ms its 95th percentile
 * @param queueP50Packets median bottleneck queue length (packets, all flows) met by this flow's packets
 * @param lossFraction packets dropped by the link (queue overflow or random loss) / packets sent, whole run
 */
public record FlowReport(double throughputBitsPerSec, double delayP50Ms, double delayP95Ms, double queueP50Packets,
        double lossFraction) {

    public static FlowReport of(ModelFlow f, long fromNs, long toNs) {
        long arrived = 0;
        for (int i = 0; i < f.arrivalsNs.size(); i++) {
            long t = f.arrivalsNs.get(i);
            arrived += t >= fromNs && t < toNs ? 1 : 0;
        }
        double throughput = arrived * LinkModel.PACKET_BYTES * 8 * 1e9 / (toNs - fromNs);
        long[] delays = new long[f.departuresNs.size()];
        int n = 0;
        for (int i = 0; i < f.departuresNs.size(); i++) {
            long t = f.departuresNs.get(i);
            if (t >= fromNs && t < toNs) {
                delays[n++] = f.sojournsNs.get(i);
            }
        }
        delays = Arrays.copyOf(delays, n);
        Arrays.sort(delays);
        long[] queue = new long[f.queueSamples.size()];
        int m = 0;
        for (int i = 0; i < queue.length; i++) {
            long t = f.queueSampleTimesNs.get(i);
            if (t >= fromNs && t < toNs) {
                queue[m++] = f.queueSamples.get(i);
            }
        }
        queue = Arrays.copyOf(queue, m);
        Arrays.sort(queue);
        double loss = f.packetsSent() == 0 ? 0 : (double) (f.queueDrops + f.randomDrops) / f.packetsSent();
        return new FlowReport(throughput, percentile(delays, 0.5) / 1e6, percentile(delays, 0.95) / 1e6,
                percentile(queue, 0.5), loss);
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    @Override
    public String toString() {
        return String.format("%.2f Mbit/s, queue delay p50 %.1f ms p95 %.1f ms, queue p50 %.1f pkts, loss %.3f%%",
                throughputBitsPerSec / 1e6, delayP50Ms, delayP95Ms, queueP50Packets, lossFraction * 100);
    }
}
