package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.spi.cc.CongestionConfig;
import org.junit.jupiter.api.Test;

class CubicTest {
    private static final int MSS = 1200;
    private static final long MS = 1_000_000L;

    /** Grows in slow start to about {@code segments}, then loses once. */
    private static AckClock cubicAfterLossAt(int segments, long rttNs, Map<String, String> params) {
        var d = CongestionConfig.defaults(MSS, 1);
        var cubic = new Cubic(new CongestionConfig(MSS, d.initialWindowBytes(), d.minimumWindowBytes(), 1, params));
        var clock = new AckClock(cubic, rttNs, MSS);
        while (cubic.congestionWindowBytes() < (long) segments * MSS) {
            clock.run(1);
        }
        clock.loss(false);
        return clock;
    }

    @Test
    void aLossCutsTheWindowToBetaTimesItsSize() {
        AckClock clock = cubicAfterLossAt(100, 200 * MS, Map.of());
        var cubic = (Cubic) clock.cc;
        assertThat(cubic.wMaxSegments()).isCloseTo(100, within(1.0));
        assertThat(cubic.congestionWindowBytes() / (double) MSS).isCloseTo(0.7 * cubic.wMaxSegments(), within(0.01));
    }

    @Test
    void afterALossTheWindowFollowsTheCubicCurveReachingWmaxAtK() {
        AckClock clock = cubicAfterLossAt(200, 250 * MS, Map.of());
        var cubic = (Cubic) clock.cc;
        double wMax = cubic.wMaxSegments();
        // One RTT of acks for packets sent before the loss: recovery, no growth.
        clock.run(250 * MS);
        double kSeconds = Math.cbrt(wMax * (1 - 0.7) / 0.4);
        long epochNs = clock.nowNs();
        List<double[]> samples = new ArrayList<>(); // (t, W in segments)
        clock.run((long) (2 * kSeconds * 1e9), () -> samples.add(new double[] {
                (clock.nowNs() - epochNs) / 1e9, clock.cc.congestionWindowBytes() / (double) MSS}));
        assertThat(cubic.kSeconds()).isCloseTo(kSeconds, within(0.05));
        // RFC 9438: at t = K the window is back at W_max (within a segment).
        assertThat(windowAt(samples, kSeconds)).isCloseTo(wMax, within(1.0));
        // Concave before K (growth slows), convex after (growth speeds up).
        double k = kSeconds;
        double early = windowAt(samples, 0.3 * k) - windowAt(samples, 0.1 * k);
        double late = windowAt(samples, 0.9 * k) - windowAt(samples, 0.7 * k);
        double after1 = windowAt(samples, 1.3 * k) - windowAt(samples, 1.1 * k);
        double after2 = windowAt(samples, 1.9 * k) - windowAt(samples, 1.7 * k);
        assertThat(early).isGreaterThan(2 * late);
        assertThat(after2).isGreaterThan(2 * after1);
        // And the curve is the formula's: the window chases W_cubic(t + RTT) and so lies between
        // W_cubic(t) and W_cubic(t + RTT), give or take a segment.
        for (double f : new double[] {0.25, 0.5, 0.75, 1.25, 1.5}) {
            double t = f * k;
            double now = 0.4 * Math.pow(t - k, 3) + wMax;
            double ahead = 0.4 * Math.pow(t + 0.25 - k, 3) + wMax;
            assertThat(windowAt(samples, t)).as("W at %.2f K", f).isBetween(now - 1, ahead + 1);
        }
    }

    private static double windowAt(List<double[]> samples, double tSeconds) {
        for (double[] s : samples) {
            if (s[0] >= tSeconds) {
                return s[1];
            }
        }
        throw new AssertionError("no sample at " + tSeconds);
    }

    @Test
    void onShortRoundTripsTheRenoFriendlyEstimateTakesOver() {
        // 5 ms RTT, W_max 100: K = 4.2 s, but W_est gains ~0.53 segment every 5 ms.
        AckClock clock = cubicAfterLossAt(100, 5 * MS, Map.of());
        clock.run(5 * MS);
        clock.run(1000 * MS);
        double w = clock.cc.congestionWindowBytes() / (double) MSS;
        double cubicAlone = 0.4 * Math.pow(1.0 + 0.005 - Math.cbrt(100 * 0.3 / 0.4), 3) + 100;
        assertThat(cubicAlone).isLessThan(90);
        // 200 RTTs of Reno-friendly growth from 70: past W_max with alpha = 0.53, then alpha = 1.
        assertThat(w).isGreaterThan(150);
    }

    @Test
    void onLongRoundTripsCubicGrowsFasterThanReno() {
        AckClock clock = cubicAfterLossAt(100, 300 * MS, Map.of());
        clock.run(300 * MS);
        clock.run(6_000 * MS);
        double w = clock.cc.congestionWindowBytes() / (double) MSS;
        // Reno-friendly alone would give 70 + 0.53 x 20 = 80.6 segments; cubic is past W_max.
        assertThat(w).isGreaterThan(100);
    }

    @Test
    void fastConvergenceLowersWmaxWhenTheWindowKeepsShrinking() {
        AckClock clock = cubicAfterLossAt(100, 100 * MS, Map.of());
        var cubic = (Cubic) clock.cc;
        clock.run(100 * MS);
        clock.run(200 * MS);
        double cwnd = cubic.congestionWindowBytes() / (double) MSS;
        clock.loss(false);
        assertThat(cwnd).isLessThan(100);
        assertThat(cubic.wMaxSegments()).isCloseTo(cwnd * 1.7 / 2, within(0.01));

        AckClock slow = cubicAfterLossAt(100, 100 * MS, Map.of("fast_convergence", "0"));
        slow.run(300 * MS);
        double cwnd2 = slow.cc.congestionWindowBytes() / (double) MSS;
        slow.loss(false);
        assertThat(((Cubic) slow.cc).wMaxSegments()).isCloseTo(cwnd2, within(0.01));
    }

    @Test
    void onTheModelLinkItFillsTheBottleneck() {
        var link = new LinkModel(20 * MS, DeliverySchedule.constant(12e6), 100 * LinkModel.PACKET_BYTES, 0, 1);
        var flow = link.addFlow(new Cubic.Factory(), 0);
        link.run(20_000 * MS);
        assertThat(flow.report(5_000 * MS, 20_000 * MS).throughputBitsPerSec()).isGreaterThan(0.97 * 12e6);
    }
}
