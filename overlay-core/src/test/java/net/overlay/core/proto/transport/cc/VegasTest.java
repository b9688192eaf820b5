package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import org.junit.jupiter.api.Test;

class VegasTest {
    private static final long MS = 1_000_000L;

    @Test
    void keepsAStandingQueueBetweenAlphaAndBetaPackets() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6));
        var flow = link.addFlow(new Vegas.Factory(), 0);
        link.run(20_000 * MS);
        FlowReport r = flow.report(5_000 * MS, 20_000 * MS);
        assertThat(r.queueP50Packets()).isBetween(2.0, 4.0);
        assertThat(r.throughputBitsPerSec()).isGreaterThan(0.97 * 12e6);
    }

    @Test
    void widerThresholdsKeepALargerQueue() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6));
        var flow = link.addFlow(new Vegas.Factory(), Map.of("alpha", "10", "beta", "14"), 0);
        link.run(20_000 * MS);
        assertThat(flow.report(5_000 * MS, 20_000 * MS).queueP50Packets()).isBetween(10.0, 14.0);
    }

    @Test
    void followsARateStepDownWithoutBuildingAQueue() {
        var link = new LinkModel(20 * MS, DeliverySchedule.steps(new long[] {0, 10_000 * MS}, new double[] {12e6, 6e6}));
        var flow = link.addFlow(new Vegas.Factory(), 0);
        link.run(25_000 * MS);
        FlowReport r = flow.report(15_000 * MS, 25_000 * MS);
        assertThat(r.queueP50Packets()).isBetween(2.0, 4.0);
        assertThat(r.throughputBitsPerSec()).isGreaterThan(0.95 * 6e6);
    }
}
