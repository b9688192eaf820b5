package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import org.junit.jupiter.api.Test;

class NewRenoTest {
    private static final int MSS = 1200;
    private static final long MS = 1_000_000L;
    private final CongestionConfig config = CongestionConfig.defaults(MSS, 1);
    private final NewReno reno = new NewReno(config);
    private final AckClock path = new AckClock(reno, 100 * MS, MSS);

    private void ack(long nowNs, long sentNs, long bytes, boolean appLimited) {
        reno.onAck(new AckSample(nowNs, bytes, 1, 0, sentNs, 0, 0, 0, appLimited), path);
    }

    private void lose(long nowNs, long sentNs, boolean persistent) {
        reno.onCongestionEvent(new LossSample(nowNs, MSS, 1, 0, sentNs, persistent, 0), path);
    }

    @Test
    void startsAtTheInitialWindowOfRfc9002() {
        assertThat(reno.congestionWindowBytes()).isEqualTo(12_000);
        assertThat(reno.name()).isEqualTo("newreno");
    }

    @Test
    void slowStartGrowsByEveryAcknowledgedByte() {
        ack(10 * MS, 0, 3000, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(15_000);
    }

    @Test
    void acknowledgingAWholeWindowInSlowStartDoublesIt() {
        for (int i = 0; i < 10; i++) {
            ack(100 * MS + i, i, MSS, false);
        }
        assertThat(reno.congestionWindowBytes()).isEqualTo(24_000);
    }

    @Test
    void congestionAvoidanceAddsOneDatagramPerWindowAcknowledged() {
        lose(0, 0, false); // ssthresh = cwnd = 6000
        long before = reno.congestionWindowBytes();
        ack(1 * MS, 2 * MS, before - 1, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(before);
        ack(1 * MS, 2 * MS, 1, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(before + MSS);
    }

    @Test
    void aLossHalvesTheWindowOncePerRecoveryPeriod() {
        lose(50 * MS, 40 * MS, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(6000);
        // A packet sent before the recovery period began: same congestion event.
        lose(60 * MS, 45 * MS, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(6000);
        // A packet sent after it began: a new event.
        lose(200 * MS, 100 * MS, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(3000);
    }

    @Test
    void acknowledgementsOfPacketsSentBeforeRecoveryDoNotGrowTheWindow() {
        lose(50 * MS, 40 * MS, false);
        ack(60 * MS, 49 * MS, 10 * MSS, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(6000);
        ack(160 * MS, 51 * MS, 5 * MSS, false);
        assertThat(reno.congestionWindowBytes()).isEqualTo(6000 + MSS);
    }

    @Test
    void theWindowNeverFallsBelowTheMinimum() {
        for (int i = 1; i <= 10; i++) {
            lose(i * 1000 * MS, i * 1000 * MS - 1, false);
        }
        assertThat(reno.congestionWindowBytes()).isEqualTo(config.minimumWindowBytes());
    }

    @Test
    void persistentCongestionCollapsesToTheMinimumWindow() {
        path.run(500 * MS);
        lose(path.nowNs(), path.nowNs() - 1, true);
        assertThat(reno.congestionWindowBytes()).isEqualTo(2 * MSS);
    }

    @Test
    void anApplicationLimitedSenderDoesNotGrowItsWindow() {
        ack(10 * MS, 0, 6000, true);
        assertThat(reno.congestionWindowBytes()).isEqualTo(12_000);
    }

    @Test
    void aNewPathStartsAfreshButARebindingKeepsTheWindow() {
        path.run(300 * MS);
        long grown = reno.congestionWindowBytes();
        reno.onPathChange(path.nowNs(), PathChange.SAME_PATH_NEW_ADDRESS);
        assertThat(reno.congestionWindowBytes()).isEqualTo(grown);
        reno.onPathChange(path.nowNs(), PathChange.NEW_PATH);
        assertThat(reno.congestionWindowBytes()).isEqualTo(12_000);
        assertThat(reno.ssthreshBytes()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onTheModelLinkItFillsTheBottleneckAndSawsAtTheBuffer() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6), 100 * LinkModel.PACKET_BYTES, 0, 1);
        var flow = link.addFlow(new NewReno.Factory(), 0);
        link.run(20_000 * MS);
        FlowReport r = flow.report(5_000 * MS, 20_000 * MS);
        // A 100-packet buffer is 2.5 BDP at 40 ms: halving never empties the pipe.
        assertThat(r.throughputBitsPerSec()).isGreaterThan(0.97 * 12e6);
        assertThat(flow.congestionEvents()).isGreaterThan(3);
        assertThat(r.delayP95Ms()).isBetween(50.0, 101.0);
    }
}
