package net.overlay.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.sim.device.Hosts.Datagram;
import org.junit.jupiter.api.Test;

class DownlinkTest {
    private static Datagram datagram(int payloadBytes) {
        return new Datagram(1, 2, new byte[payloadBytes], 64);
    }

    @Test
    void aRateAndADropTailQueueDelayAndDropExactlyAsTheyImply() {
        // 1,200 kbit/s: one 1,500-byte opportunity every 10 ms. Each datagram is 972 + 28 = 1,000 wire bytes.
        Downlink link = Downlink.ofRate(1200, 2500);
        assertThat(link.offer(0, datagram(972))).isTrue();
        assertThat(link.offer(0, datagram(972))).isTrue();
        assertThat(link.offer(0, datagram(972))).as("2,000 queued + 1,000 > 2,500: drop-tail").isFalse();
        // Opportunity at 0 ms: 1,500 bytes carry the first datagram and half of the second.
        assertThat(link.nextNs()).isZero();
        assertThat(link.poll(0)).isNotNull();
        assertThat(link.poll(0)).isNull();
        assertThat(link.queuedBytes()).isEqualTo(500);
        // The rest of the second leaves at the next opportunity, 10 ms later.
        assertThat(link.nextNs()).isEqualTo(10_000_000L);
        assertThat(link.poll(9_999_999L)).isNull();
        assertThat(link.poll(10_000_000L)).isNotNull();
        assertThat(link.nextNs()).isEqualTo(Long.MAX_VALUE);
        // Room again: a later datagram is taken, served at once (the link idled past its next slot).
        assertThat(link.offer(50_000_000L, datagram(100))).isTrue();
        assertThat(link.nextNs()).isEqualTo(50_000_000L);
    }

    @Test
    void aTraceServesAtItsOpportunitiesFromTheHostsPhase() {
        // Opportunities at 5, 10 and 20 ms, repeating every 20 ms; this host reads it from 5 ms in.
        Downlink link = Downlink.ofTrace(new int[] {5, 10, 20}, 5_000_000L, 100_000);
        assertThat(link.offer(0, datagram(1472))).isTrue(); // one whole opportunity
        assertThat(link.offer(0, datagram(1472))).isTrue();
        assertThat(link.nextNs()).isZero(); // trace time 5 ms
        assertThat(link.poll(0)).isNotNull();
        assertThat(link.nextNs()).isEqualTo(5_000_000L); // trace time 10 ms
        assertThat(link.poll(4_999_999L)).isNull();
        assertThat(link.poll(5_000_000L)).isNotNull();
        assertThat(link.nextNs()).isEqualTo(Long.MAX_VALUE);
    }
}
