package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.Impairment.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.wire.Frame;
import org.junit.jupiter.api.Test;

/** RFC 9002 section 6 (and 7.6) on the sent-packet log, without any frames. */
class LossDetectorTest {
    private final SentPacketLog log = new SentPacketLog();
    private final RttEstimator rtt = new RttEstimator(25 * MS);
    private final AimdController cc = AimdController.withDefaults();
    private final List<Long> acked = new ArrayList<>();
    private final List<Long> lost = new ArrayList<>();
    private final LossDetector detector = new LossDetector(log, rtt, cc, new LossDetector.Listener() {
        @Override
        public void onPacketAcked(SentPacketLog sent, long pn) {
            acked.add(pn);
        }

        @Override
        public void onPacketLost(SentPacketLog sent, long pn) {
            lost.add(pn);
        }
    });

    private void send(long nowNs) {
        detector.onPacketSent(nowNs, 1200, true, true);
    }

    private void ack(long nowNs, long smallest, long largest) throws TransportException {
        detector.onAck(nowNs, new Frame.Ack(largest, 0, largest - smallest, List.of()));
    }

    @Test
    void aPacketIsLostOnceThreeLaterPacketsWereAcknowledged() throws TransportException {
        for (int i = 0; i < 5; i++) {
            send(i);
        }
        ack(10 * MS, 4, 4);
        assertThat(lost).containsExactly(0L, 1L);
        assertThat(acked).containsExactly(4L);
        assertThat(detector.bytesInFlight()).isEqualTo(2 * 1200);
        assertThat(cc.congestionEvents).isEqualTo(1);
    }

    @Test
    void aPacketIsLostWhenNineEighthsOfTheRttPassedSinceALaterOneWasAcknowledged() throws TransportException {
        send(0);
        send(0);
        ack(100 * MS, 1, 1);
        assertThat(lost).isEmpty();
        // Loss delay: 9/8 x max(latest 100 ms, smoothed 100 ms) after the send.
        assertThat(detector.timerNs()).isEqualTo(112_500_000L);
        assertThat(detector.onTimeout(112_499_999L)).isEqualTo(LossDetector.TimeoutAction.NONE);
        assertThat(detector.onTimeout(112_500_000L)).isEqualTo(LossDetector.TimeoutAction.LOSS_DETECTED);
        assertThat(lost).containsExactly(0L);
        assertThat(detector.bytesInFlight()).isZero();
    }

    @Test
    void theProbeTimeoutDoublesEachTimeItFiresWithoutAnAck() {
        send(0);
        long pto = 333 * MS + 4 * (333 * MS / 2) + 25 * MS;
        assertThat(detector.timerNs()).isEqualTo(pto);
        assertThat(detector.onTimeout(pto - 1)).isEqualTo(LossDetector.TimeoutAction.NONE);
        assertThat(detector.onTimeout(pto)).isEqualTo(LossDetector.TimeoutAction.PROBE);
        assertThat(detector.ptoCount()).isEqualTo(1);
        assertThat(detector.timerNs()).isEqualTo(2 * pto);
        assertThat(detector.onTimeout(2 * pto)).isEqualTo(LossDetector.TimeoutAction.PROBE);
        assertThat(detector.timerNs()).isEqualTo(4 * pto);
        assertThat(cc.ptos).isEqualTo(2);
        assertThat(lost).as("a probe timeout declares nothing lost").isEmpty();
    }

    @Test
    void anAcknowledgementResetsTheProbeBackoff() throws TransportException {
        send(0);
        send(0);
        long pto = detector.timerNs();
        detector.onTimeout(pto);
        assertThat(detector.ptoCount()).isEqualTo(1);
        ack(pto + 10 * MS, 0, 1);
        assertThat(detector.ptoCount()).isZero();
        assertThat(detector.timerNs()).as("nothing left in flight").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theProbeTimeoutUsesTheMeasuredRtt() throws TransportException {
        send(0);
        ack(10 * MS, 0, 0);
        send(20 * MS);
        assertThat(detector.timerNs()).isEqualTo(20 * MS + 10 * MS + 4 * 5 * MS + 25 * MS);
    }

    @Test
    void lossesSpanningThreeProbeTimeoutsAreDeclaredPersistentCongestion() throws TransportException {
        send(0);
        ack(10 * MS, 0, 0);
        // PTO is now 10 + 4 x 5 + 25 = 55 ms: three of them are 165 ms; these span 210 ms.
        for (long t : new long[] {20, 60, 100, 140, 180, 230, 240}) {
            send(t * MS);
        }
        ack(250 * MS, 7, 7);
        assertThat(lost).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(cc.persistentCongestionEvents).isEqualTo(1);
    }

    @Test
    void anAcknowledgedPacketInsideTheSpanRulesOutPersistentCongestion() throws TransportException {
        send(0);
        ack(10 * MS, 0, 0);
        for (long t : new long[] {20, 60, 100, 140, 180, 230, 240}) {
            send(t * MS);
        }
        // One ACK for 7 and 3 (gap field 2: 6, 5, 4 missing): the same span is lost around 3.
        detector.onAck(250 * MS, new Frame.Ack(7, 0, 0, List.of(new Frame.Ack.Range(2, 0))));
        assertThat(lost).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(cc.persistentCongestionEvents).isZero();
    }

    @Test
    void lossesWithinThreeProbeTimeoutsAreAnOrdinaryCongestionEvent() throws TransportException {
        send(0);
        ack(10 * MS, 0, 0);
        for (long t : new long[] {20, 30, 40, 50, 60}) {
            send(t * MS);
        }
        ack(70 * MS, 5, 5);
        // 1 and 2 by the packet threshold, 3 and 4 by time (sent over 11.25 ms before).
        assertThat(lost).containsExactly(1L, 2L, 3L, 4L);
        assertThat(cc.congestionEvents).isEqualTo(1);
        assertThat(cc.persistentCongestionEvents).isZero();
    }

    @Test
    void acknowledgingAPacketNeverSentIsAProtocolViolation() {
        send(0);
        assertThatThrownBy(() -> ack(1, 0, 1))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportException.Code.PROTOCOL_VIOLATION));
    }

    @Test
    void aRepeatedAckChangesNothing() throws TransportException {
        send(0);
        send(0);
        ack(10 * MS, 0, 1);
        ack(20 * MS, 0, 1);
        assertThat(acked).containsExactly(0L, 1L);
        assertThat(cc.acks).isEqualTo(1);
        assertThat(rtt.latestRttNs()).isEqualTo(10 * MS);
    }

    @Test
    void ackRangesWithGapsAcknowledgeExactlyTheirPackets() throws TransportException {
        for (int i = 0; i < 10; i++) {
            send(i);
        }
        // 9..8 acknowledged, gap 1 (7, 6 missing: gap field = 1), then 5..3 (length 2).
        detector.onAck(MS, new Frame.Ack(9, 0, 1, List.of(new Frame.Ack.Range(1, 2))));
        assertThat(acked).containsExactlyInAnyOrder(9L, 8L, 5L, 4L, 3L);
        assertThat(lost).containsExactly(0L, 1L, 2L, 6L);
    }
}
