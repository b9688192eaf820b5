package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import org.junit.jupiter.api.Test;

class LedbatTest {
    private static final long MS = 1_000_000L;

    @Test
    void queueingDelaySettlesNearTheTarget() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6));
        var flow = link.addFlow(new Ledbat.Factory(), 0);
        link.run(30_000 * MS);
        FlowReport r = flow.report(10_000 * MS, 30_000 * MS);
        assertThat(r.delayP50Ms()).isBetween(75.0, 110.0);
        assertThat(r.delayP95Ms()).isLessThan(125.0);
        assertThat(r.throughputBitsPerSec()).isGreaterThan(0.97 * 12e6);
    }

    @Test
    void theTargetIsConfigurable() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6));
        var flow = link.addFlow(new Ledbat.Factory(), Map.of("target_ms", "25"), 0);
        link.run(20_000 * MS);
        assertThat(flow.report(10_000 * MS, 20_000 * MS).delayP50Ms()).isBetween(15.0, 30.0);
    }

    @Test
    void yieldsToALossBasedFlow() {
        // A 300-packet buffer lets Reno push the queueing delay to 300 ms, far past LEDBAT's target.
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6), 300 * LinkModel.PACKET_BYTES, 0, 1);
        var ledbat = link.addFlow(new Ledbat.Factory(), 0);
        var reno = link.addFlow(new NewReno.Factory(), 5_000 * MS);
        link.run(40_000 * MS);
        double before = ledbat.report(2_000 * MS, 5_000 * MS).throughputBitsPerSec();
        double ledbatAfter = ledbat.report(20_000 * MS, 40_000 * MS).throughputBitsPerSec();
        double renoAfter = reno.report(20_000 * MS, 40_000 * MS).throughputBitsPerSec();
        assertThat(before).isGreaterThan(0.9 * 12e6);
        assertThat(ledbatAfter).isLessThan(0.1 * (ledbatAfter + renoAfter));
        assertThat(renoAfter).isGreaterThan(0.85 * 12e6);
    }
}
