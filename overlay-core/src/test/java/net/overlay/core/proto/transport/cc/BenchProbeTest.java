package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.CongestionControlFactory;
import org.junit.jupiter.api.Test;

class BenchProbeTest {
    static final long S = 1_000_000_000L;
    CongestionControlFactory[] all = {new NewReno.Factory(), new Cubic.Factory(), new Vegas.Factory(),
        new Ledbat.Factory(), new Bbr.Factory(), new Sprout.Factory(), new Sprout.EwmaFactory()};

    @Test
    void probe() {
        for (var f : all) {
            long t0 = System.nanoTime();
            var link = new LinkModel(20_000_000L, DeliverySchedule.constant(12e6), 300 * 1500, 0, 1);
            var flow = link.addFlow(f, 0);
            link.run(30 * S);
            System.out.printf("const %-12s %s  (%d ms)%n", f.name(), flow.report(10 * S, 30 * S), (System.nanoTime() - t0) / 1000000);
        }
        int[] trace = DeliverySchedule.synthetic(7, 60_000, 500, 1000, 200);
        for (var f : all) {
            long t0 = System.nanoTime();
            var link = new LinkModel(20_000_000L, DeliverySchedule.trace(trace));
            var flow = link.addFlow(f, 0);
            link.run(60 * S);
            System.out.printf("synth %-12s %s  (%d ms)%n", f.name(), flow.report(10 * S, 60 * S), (System.nanoTime() - t0) / 1000000);
        }
    }
}
