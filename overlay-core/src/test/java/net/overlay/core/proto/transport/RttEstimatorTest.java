package net.overlay.core.proto.transport;

import static net.overlay.core.proto.transport.Impairment.MS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 9002 section 5 and 6.2.1, rule by rule. */
class RttEstimatorTest {
    private final RttEstimator rtt = new RttEstimator(25 * MS);

    @Test
    void beforeAnySampleSmoothedRttIsTheInitial333MsAndVarianceHalfOfIt() {
        assertThat(rtt.smoothedRttNs()).isEqualTo(333 * MS);
        assertThat(rtt.rttVarianceNs()).isEqualTo(333 * MS / 2);
        assertThat(rtt.minRttNs()).isZero();
        assertThat(rtt.latestRttNs()).isZero();
        assertThat(rtt.hasSample()).isFalse();
    }

    @Test
    void theFirstSampleSetsSmoothedToItAndVarianceToHalfIgnoringAckDelay() {
        rtt.onSample(0, 100 * MS, 20 * MS);
        assertThat(rtt.smoothedRttNs()).isEqualTo(100 * MS);
        assertThat(rtt.rttVarianceNs()).isEqualTo(50 * MS);
        assertThat(rtt.minRttNs()).isEqualTo(100 * MS);
    }

    @Test
    void laterSamplesAreSmoothedWithOneEighthAndOneQuarterAfterTakingOffTheAckDelay() {
        rtt.onSample(0, 100 * MS, 0);
        rtt.onSample(1, 120 * MS, 10 * MS);
        // adjusted = 110 ms; rttvar = 3/4 * 50 + 1/4 * |100 - 110| = 40; srtt = 7/8 * 100 + 1/8 * 110.
        assertThat(rtt.rttVarianceNs()).isEqualTo(40 * MS);
        assertThat(rtt.smoothedRttNs()).isEqualTo(101_250_000L);
        assertThat(rtt.latestRttNs()).isEqualTo(120 * MS);
    }

    @Test
    void ackDelayIsNotSubtractedWhenThatWouldGoBelowTheMinimum() {
        rtt.onSample(0, 100 * MS, 0);
        rtt.onSample(1, 105 * MS, 10 * MS);
        assertThat(rtt.smoothedRttNs()).isEqualTo((7 * 100 * MS + 105 * MS) / 8);
    }

    @Test
    void ackDelayIsCappedAtTheMaximumAckDelay() {
        rtt.onSample(0, 100 * MS, 0);
        rtt.onSample(1, 200 * MS, 100 * MS);
        assertThat(rtt.smoothedRttNs()).isEqualTo((7 * 100 * MS + 175 * MS) / 8);
    }

    @Test
    void minRttTakesRawSamplesWithoutAckDelay() {
        rtt.onSample(0, 100 * MS, 0);
        rtt.onSample(1, 90 * MS, 20 * MS);
        assertThat(rtt.minRttNs()).isEqualTo(90 * MS);
    }

    @Test
    void probeTimeoutIsSmoothedPlusFourVariancesPlusMaxAckDelay() {
        assertThat(rtt.ptoDurationNs()).isEqualTo(333 * MS + 4 * (333 * MS / 2) + 25 * MS);
        rtt.onSample(0, 100 * MS, 0);
        assertThat(rtt.ptoDurationNs()).isEqualTo(100 * MS + 200 * MS + 25 * MS);
    }

    @Test
    void probeTimeoutUsesTheOneMillisecondGranularityWhenVarianceIsTiny() {
        rtt.onSample(0, 100_000, 0);
        for (int i = 0; i < 50; i++) {
            rtt.onSample(i + 1, 100_000, 0);
        }
        assertThat(rtt.ptoDurationNs()).isEqualTo(100_000 + MS + 25 * MS);
    }

    @Test
    void resetForgetsThePathAndStartsFromTheInitialRtt() {
        rtt.onSample(5, 100 * MS, 0);
        rtt.reset();
        assertThat(rtt.smoothedRttNs()).isEqualTo(333 * MS);
        assertThat(rtt.minRttNs()).isZero();
        assertThat(rtt.hasSample()).isFalse();
        assertThat(rtt.firstSampleTimeNs()).isEqualTo(Long.MAX_VALUE);
    }
}
