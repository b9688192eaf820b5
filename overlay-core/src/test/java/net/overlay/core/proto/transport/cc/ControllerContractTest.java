package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.CongestionControls;
import net.overlay.core.spi.cc.Feedback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every shipped controller must do, whatever its algorithm. */
class ControllerContractTest {
    private static final long MS = 1_000_000L;

    static Stream<CongestionControlFactory> shipped() {
        return CongestionControls.available(ControllerContractTest.class.getClassLoader()).stream();
    }

    private static FlowReport lossyRun(CongestionControlFactory f, long seed) {
        var link = new LinkModel(30 * MS, DeliverySchedule.constant(8e6), 200 * LinkModel.PACKET_BYTES, 0.01, seed);
        var flow = link.addFlow(f, 0);
        link.run(10_000 * MS);
        assertThat(flow.cc.congestionWindowBytes()).isGreaterThanOrEqualTo(2L * LinkModel.PACKET_BYTES);
        return flow.report(2_000 * MS, 10_000 * MS);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void keepsDeliveringThroughOnePercentRandomLoss(CongestionControlFactory f) {
        assertThat(lossyRun(f, 3).throughputBitsPerSec()).isGreaterThan(0.05 * 8e6);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void theSameSeedGivesTheSameRun(CongestionControlFactory f) {
        assertThat(lossyRun(f, 5)).isEqualTo(lossyRun(f, 5));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void survivesALongOutage(CongestionControlFactory f) {
        var steps = DeliverySchedule.steps(new long[] {0, 3_000 * MS, 6_000 * MS}, new double[] {8e6, 0, 8e6});
        var link = new LinkModel(20 * MS, steps);
        var flow = link.addFlow(f, 0);
        link.run(15_000 * MS);
        assertThat(flow.report(10_000 * MS, 15_000 * MS).throughputBitsPerSec()).isGreaterThan(0.5 * 8e6);
    }

    @Property(tries = 300)
    void aSproutSenderIgnoresAnyMalformedFeedback(@ForAll @IntRange(min = 0, max = 3) int kind,
            @ForAll @Size(max = 80) byte[] body) {
        var sprout = new Sprout.Factory().create(CongestionConfig.defaults(1200, 1));
        long before = sprout.congestionWindowBytes();
        sprout.onFeedback(1, new Feedback(kind, ByteBuffer.wrap(body)));
        long[] out = new long[SproutFeedback.MAX_TICKS];
        boolean wellFormed = SproutFeedback.decode(new Feedback(kind, ByteBuffer.wrap(body)), out, new long[2]) > 0;
        assertThat(wellFormed || sprout.congestionWindowBytes() == before).isTrue();
    }

    @Property(tries = 200)
    void sproutFeedbackRoundTrips(@ForAll @IntRange(min = 1, max = 1000) int tickMs,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int received,
            @ForAll @Size(min = 1, max = 40) int[] steps) {
        long[] cumulative = new long[steps.length];
        long total = 0;
        for (int i = 0; i < steps.length; i++) {
            total = Math.min(total + Math.abs((long) steps[i]) % 100_000, 0xFFFF_FFFFL);
            cumulative[i] = total;
        }
        var fb = SproutFeedback.encode(tickMs, received, cumulative);
        long[] out = new long[SproutFeedback.MAX_TICKS];
        long[] header = new long[2];
        assertThat(SproutFeedback.decode(fb, out, header)).isEqualTo(steps.length);
        assertThat(header).containsExactly(received, tickMs);
        assertThat(java.util.Arrays.copyOf(out, steps.length)).containsExactly(cumulative);
    }
}
