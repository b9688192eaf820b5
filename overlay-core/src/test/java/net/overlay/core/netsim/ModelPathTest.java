package net.overlay.core.netsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPathTest {
    private static final long MS = 1_000_000L;

    private static List<ModelPath.Delivery> drain(ModelPath p, long untilNs) {
        List<ModelPath.Delivery> out = new ArrayList<>();
        while (p.nextEventNs() <= untilNs) {
            long t = p.nextEventNs();
            p.advance(t);
            for (ModelPath.Delivery d; (d = p.poll(t)) != null; ) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void smallPacketsShareOneOpportunityByteByByte() {
        // Opportunities at 10, 20, 30 ms; 20 ms propagation; no overhead.
        ModelPath p = ModelPath.bottleneck(DeliverySchedule.trace(new int[] {10, 20, 30}), 20 * MS,
                LinkModel.UNBOUNDED, 0);
        p.send(0, 0, new byte[600]);
        p.send(0, 1, new byte[600]);
        p.send(0, 2, new byte[600]); // 300 bytes left at 10 ms: it finishes at 20 ms
        List<ModelPath.Delivery> got = drain(p, 100 * MS);
        assertThat(got).extracting(ModelPath.Delivery::atNs).containsExactly(30 * MS, 30 * MS, 40 * MS);
        assertThat(got).extracting(ModelPath.Delivery::packetNumber).containsExactly(0L, 1L, 2L);
        assertThat(p.bytesDelivered()).isEqualTo(1800);
    }

    @Test
    void aPacketCountsItsOverheadAndUnusedOpportunitiesAreWasted() {
        ModelPath p = ModelPath.bottleneck(DeliverySchedule.trace(new int[] {10, 20, 30, 40}), 0, LinkModel.UNBOUNDED,
                100);
        p.send(25 * MS, 0, new byte[1450]); // 1550 wire bytes: the opportunities at 30 and 40 ms
        assertThat(drain(p, 100 * MS)).extracting(ModelPath.Delivery::atNs).containsExactly(40 * MS);
        assertThat(p.lastQueueDelayNs()).isEqualTo(15 * MS);
    }

    @Test
    void aFullQueueDropsTheTail() {
        ModelPath p = ModelPath.bottleneck(DeliverySchedule.trace(new int[] {10}), 0, 2000, 0);
        assertThat(p.send(0, 0, new byte[1200])).isTrue();
        assertThat(p.send(0, 1, new byte[1200])).isFalse();
        assertThat(p.packetsDropped()).isEqualTo(1);
        assertThat(p.queuedBytes()).isEqualTo(1200);
    }

    @Test
    void aFixedDelayPathDeliversEverythingAfterTheDelay() {
        ModelPath p = ModelPath.fixedDelay(20 * MS);
        p.send(MS, 0, new byte[50_000]);
        p.send(2 * MS, 1, new byte[10]);
        assertThat(drain(p, 100 * MS)).extracting(ModelPath.Delivery::atNs).containsExactly(21 * MS, 22 * MS);
    }
}
