package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.Impairment.MS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.transport.cc.NewReno;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.spi.cc.CongestionConfig;
import org.junit.jupiter.api.Test;

/**
 * Spurious-loss detection on the loss detector with the shipped NewReno: a packet declared lost
 * and acknowledged later is counted, widens both loss thresholds and gives the window back; a loss
 * that never comes back keeps the reduction; the tracker's bounds and decay (RFC 8985 6.2).
 */
class SpuriousLossTest {
    private static final int SIZE = 1200;

    private final SentPacketLog log = new SentPacketLog();
    private final RttEstimator rtt = new RttEstimator(25 * MS);
    private final NewReno cc = new NewReno(CongestionConfig.defaults(SIZE, 7));
    private final List<Long> lost = new ArrayList<>();
    private final LossDetector detector = new LossDetector(log, rtt, cc, new LossDetector.Listener() {
        @Override
        public void onPacketAcked(SentPacketLog sent, long pn) {
        }

        @Override
        public void onPacketLost(SentPacketLog sent, long pn) {
            lost.add(pn);
        }
    });

    private void send(long nowNs, int count) {
        for (int i = 0; i < count; i++) {
            detector.onPacketSent(nowNs, SIZE, true, true);
        }
    }

    private void ack(long nowNs, long smallest, long largest) throws TransportException {
        detector.onAck(nowNs, new Frame.Ack(largest, 0, largest - smallest, List.of()));
    }

    /** 0..4 sent at 0, 4 acknowledged at 10 ms: 0 and 1 are lost by the packet threshold of 3. */
    private long declareTwoLost() throws TransportException {
        send(0, 5);
        long before = cc.congestionWindowBytes();
        ack(10 * MS, 4, 4);
        assertThat(lost).containsExactly(0L, 1L);
        assertThat(cc.congestionWindowBytes()).as("NewReno halved").isEqualTo(before / 2);
        return before;
    }

    @Test
    void aLostPacketAcknowledgedLaterIsSpuriousRaisesTheThresholdsAndRestoresTheWindow() throws TransportException {
        long before = declareTwoLost();
        ReorderingTracker reordering = detector.reordering();
        assertThat(reordering.spuriousLosses()).isZero();

        // 0..1 and 4 in one ACK: 0 and 1 were late, not lost.
        detector.onAck(12 * MS, new Frame.Ack(4, 0, 0, List.of(new Frame.Ack.Range(1, 1))));

        assertThat(reordering.spuriousLosses()).isEqualTo(2);
        assertThat(reordering.spuriousEpisodes()).isEqualTo(1);
        assertThat(reordering.packetThreshold()).as("distance from 0 to the largest acknowledged, 4, plus one")
                .isEqualTo(5);
        assertThat(reordering.reorderingWindowNs(rtt.minRttNs(), rtt.smoothedRttNs()))
                .as("one step of min RTT / 4").isEqualTo(10 * MS / 4);
        assertThat(cc.congestionWindowBytes()).as("window restored").isEqualTo(before);
        assertThat(detector.bytesInFlight()).isEqualTo(2L * SIZE);
    }

    @Test
    void afterSpuriousLossesTheTimeThresholdWaitsTheReorderingWindowLonger() throws TransportException {
        declareTwoLost();
        detector.onAck(12 * MS, new Frame.Ack(4, 0, 0, List.of(new Frame.Ack.Range(1, 1))));
        send(20 * MS, 2);
        ack(30 * MS, 6, 6);
        assertThat(lost).as("5 is within the raised packet threshold").doesNotContain(5L);
        // RFC 9002: 9/8 x 10 ms after its send; plus the reordering window, 2.5 ms.
        assertThat(detector.timerNs()).isEqualTo(20 * MS + 11_250_000L + 2_500_000L);
    }

    @Test
    void aLossThatNeverComesBackKeepsTheReduction() throws TransportException {
        long before = declareTwoLost();
        // One probe timeout (10 + 4 x 5 + 25 ms) after the declaration nothing came back for 0, 1.
        send(100 * MS, 1);
        ack(110 * MS, 5, 5);
        ack(120 * MS, 0, 1);
        assertThat(detector.reordering().spuriousLosses()).as("too late to count").isZero();
        assertThat(cc.congestionWindowBytes()).isLessThan(before);
        assertThat(detector.reordering().packetThreshold()).isEqualTo(TransportConstants.PACKET_THRESHOLD);
    }

    @Test
    void anEpisodeWithOneRealLossIsNotUndone() throws TransportException {
        long before = declareTwoLost();
        // 0 comes back (spurious), 1 never does.
        detector.onAck(12 * MS, new Frame.Ack(4, 0, 0, List.of(new Frame.Ack.Range(2, 0))));
        send(100 * MS, 1);
        ack(110 * MS, 5, 5);
        assertThat(detector.reordering().spuriousLosses()).isEqualTo(1);
        assertThat(detector.reordering().spuriousEpisodes()).isZero();
        assertThat(cc.congestionWindowBytes()).isLessThan(before);
    }

    @Test
    void disabledAdaptationKeepsRfc9002sThresholdsAndTheReduction() throws TransportException {
        detector.reordering().setEnabled(false);
        long before = declareTwoLost();
        detector.onAck(12 * MS, new Frame.Ack(4, 0, 0, List.of(new Frame.Ack.Range(1, 1))));
        assertThat(detector.reordering().spuriousLosses()).as("still counted").isEqualTo(2);
        assertThat(detector.reordering().packetThreshold()).isEqualTo(TransportConstants.PACKET_THRESHOLD);
        assertThat(cc.congestionWindowBytes()).isEqualTo(before / 2);
    }

    @Test
    void thePacketThresholdIsBounded() {
        ReorderingTracker t = new ReorderingTracker();
        t.onLost(0, 0);
        t.beginAck();
        assertThat(t.onAckedRange(0, 0, 1_000_000, MS, 10 * MS)).isEqualTo(ReorderingTracker.Outcome.SPURIOUS);
        assertThat(t.packetThreshold()).isEqualTo(ReorderingTracker.MAX_PACKET_THRESHOLD);
    }

    @Test
    void theWindowGrowsAtMostOncePerRoundTripAndIsCappedAtTheSmoothedRtt() {
        ReorderingTracker t = new ReorderingTracker();
        long srttNs = 40 * MS;
        long minRttNs = 8 * MS;
        for (int i = 0; i < 3; i++) {
            t.onLost(i, i * MS);
            t.beginAck();
            t.onAckedRange(i, i, i + 5, i * MS + MS, srttNs);
        }
        assertThat(t.reorderingWindowNs(minRttNs, srttNs)).as("three in one round: one step").isEqualTo(2 * MS);
        for (int i = 3; i < 20; i++) {
            t.onLost(i, i * srttNs);
            t.beginAck();
            t.onAckedRange(i, i, i + 5, i * srttNs + MS, srttNs);
        }
        assertThat(t.reorderingWindowNs(minRttNs, srttNs)).isEqualTo(srttNs);
    }

    @Test
    void theThresholdsComeBackAfterSixteenEpisodesWithoutReordering() {
        ReorderingTracker t = new ReorderingTracker();
        t.onLost(0, 0);
        t.beginAck();
        t.onAckedRange(0, 0, 10, MS, 10 * MS);
        assertThat(t.packetThreshold()).isEqualTo(11);
        for (int i = 1; i <= ReorderingTracker.CLEAN_EPISODES_BEFORE_DECAY; i++) {
            assertThat(t.packetThreshold()).as("after %d clean episodes", i - 1).isEqualTo(11);
            t.onLost(i, i * 100 * MS);
            assertThat(t.expire(i * 100 * MS + 60 * MS, 55 * MS)).isEqualTo(ReorderingTracker.Outcome.REAL);
        }
        assertThat(t.packetThreshold()).isEqualTo(TransportConstants.PACKET_THRESHOLD);
        assertThat(t.reorderingWindowNs(10 * MS, 10 * MS)).isZero();
    }

    @Test
    void moreLossesThanTheRingHoldsSettleTheOldestAsReal() {
        ReorderingTracker t = new ReorderingTracker();
        for (int i = 0; i < 1000; i++) {
            t.onLost(i, 0);
        }
        t.beginAck();
        t.onAckedRange(0, 999, 1000, MS, 10 * MS);
        assertThat(t.spuriousLosses()).as("only the newest 256 were still tracked").isEqualTo(256);
        assertThat(t.spuriousEpisodes()).isZero();
    }
}
