package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import org.junit.jupiter.api.Test;

class BbrTest {
    private static final long MS = 1_000_000L;

    private static FlowReport run(net.overlay.core.spi.cc.CongestionControlFactory f, DeliverySchedule s) {
        var link = new LinkModel(20 * MS, s, 300 * LinkModel.PACKET_BYTES, 0, 1);
        var flow = link.addFlow(f, 0);
        link.run(30_000 * MS);
        return flow.report(5_000 * MS, 30_000 * MS);
    }

    @Test
    void reachesNinetyPercentOfTheBottleneckWithAQueueWellUnderCubics() {
        FlowReport bbr = run(new Bbr.Factory(), DeliverySchedule.constant(12e6));
        FlowReport cubic = run(new Cubic.Factory(), DeliverySchedule.constant(12e6));
        assertThat(bbr.throughputBitsPerSec()).isGreaterThan(0.9 * 12e6);
        assertThat(bbr.delayP95Ms()).isLessThan(cubic.delayP50Ms() / 5);
        assertThat(bbr.lossFraction()).isZero();
    }

    @Test
    void findsTheNewRateAfterTheBottleneckDoubles() {
        var steps = DeliverySchedule.steps(new long[] {0, 10_000 * MS}, new double[] {6e6, 12e6});
        var link = new LinkModel(20 * MS, steps, 300 * LinkModel.PACKET_BYTES, 0, 1);
        var flow = link.addFlow(new Bbr.Factory(), 0);
        link.run(30_000 * MS);
        assertThat(flow.report(2_000 * MS, 10_000 * MS).throughputBitsPerSec()).isGreaterThan(0.9 * 6e6);
        assertThat(flow.report(15_000 * MS, 30_000 * MS).throughputBitsPerSec()).isGreaterThan(0.9 * 12e6);
    }

    @Test
    void probesTheMinimumRttEveryTenSeconds() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6));
        var flow = link.addFlow(new Bbr.Factory(), 0);
        var bbr = (Bbr) flow.cc;
        boolean sawProbeRtt = false;
        for (long t = 0; t < 25_000 * MS; t += 10 * MS) {
            link.run(t);
            sawProbeRtt |= bbr.mode().equals("PROBE_RTT");
        }
        assertThat(sawProbeRtt).isTrue();
        assertThat(bbr.mode()).isIn("PROBE_BW", "PROBE_RTT");
    }
}
