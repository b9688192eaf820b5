package net.overlay.core.proto.transport.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.FlowReport;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.ReceiverHook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SproutTest {
    private static final long MS = 1_000_000L;
    private static final long TICK_NS = 20 * MS;
    private final long[] forecast = new long[SproutFeedback.MAX_TICKS];
    private final long[] header = new long[2];
    private final ReceiverHook hook = new Sprout.Factory().createReceiverHook(CongestionConfig.defaults(1500, 1));
    private long nowNs;
    private long packetNumber;

    /** Feeds one tick of evenly spaced arrivals and returns the forecast's first-tick rate in packets/s. */
    private double tick(int packets) {
        for (int i = 0; i < packets; i++) {
            hook.onPacketReceived(nowNs + i * TICK_NS / Math.max(packets, 1), packetNumber++, 1500);
        }
        nowNs += TICK_NS;
        var feedback = hook.pollFeedback(nowNs);
        assertThat(feedback).isNotNull();
        int n = SproutFeedback.decode(feedback, forecast, header);
        assertThat(n).isEqualTo(8);
        return forecast[0] / 1500.0 / 0.020;
    }

    private int ticksUntil(int packetsPerTick, java.util.function.DoublePredicate reached) {
        for (int t = 1; t <= 100; t++) {
            if (reached.test(tick(packetsPerTick))) {
                return t;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void theForecastTracksAStepChangeOfTheLinkRateWithinAFewTicks() {
        hook.onPacketReceived(0, packetNumber++, 1500);
        for (int t = 0; t < 100; t++) {
            tick(10); // 500 packets/s
        }
        double steady = tick(10);
        // The 5th percentile sits somewhat below the rate.
        assertThat(steady).isBetween(300.0, 500.0);
        assertThat(ticksUntil(20, r -> r >= 0.7 * 1000)).as("ticks to follow 500 -> 1000 pps").isLessThanOrEqualTo(8);
        for (int t = 0; t < 50; t++) {
            tick(20);
        }
        // Down is slower: the Brownian prior lets belief move about 100 packets/s per tick.
        int halfway = ticksUntil(5, r -> r <= 625);
        int all = halfway + ticksUntil(5, r -> r <= 250);
        assertThat(halfway).as("ticks halfway 1000 -> 250 pps").isLessThanOrEqualTo(4);
        assertThat(all).as("ticks to follow 1000 -> 250 pps").isLessThanOrEqualTo(12);
        assertThat(ticksUntil(0, r -> r == 0)).as("ticks to see an outage").isLessThanOrEqualTo(5);
    }

    @Test
    void forecastsAreCumulativeAndReportWhatWasReceived() {
        hook.onPacketReceived(0, packetNumber++, 1500);
        for (int t = 0; t < 20; t++) {
            tick(10);
        }
        assertThat(header[0]).isEqualTo(201 * 1500L);
        assertThat(header[1]).isEqualTo(20);
        for (int i = 1; i < 8; i++) {
            assertThat(forecast[i]).isGreaterThanOrEqualTo(forecast[i - 1]);
        }
        assertThat(hook.pollTimeoutNs()).isEqualTo(nowNs + TICK_NS);
    }

    @Test
    void theReceiverStopsTickingAfterASecondOfSilence() {
        hook.onPacketReceived(0, 0, 1500);
        for (int t = 0; t < 60; t++) {
            nowNs += TICK_NS;
            hook.pollFeedback(nowNs);
        }
        assertThat(hook.pollTimeoutNs()).isEqualTo(Long.MAX_VALUE);
    }

    private static FlowReport runOn(CongestionControlFactory f, DeliverySchedule schedule, long runNs) {
        var link = new LinkModel(20 * MS, schedule);
        var flow = link.addFlow(f, 0);
        link.run(runNs);
        return flow.report(10_000 * MS, runNs);
    }

    @Test
    void onAVariableLinkItsDelayStaysFarBelowCubicsAtMostOfItsThroughput() {
        int[] trace = DeliverySchedule.synthetic(7, 60_000, 500, 1000, 200);
        FlowReport sprout = runOn(new Sprout.Factory(), DeliverySchedule.trace(trace), 60_000 * MS);
        FlowReport cubic = runOn(new Cubic.Factory(), DeliverySchedule.trace(trace), 60_000 * MS);
        assertThat(cubic.delayP95Ms()).isGreaterThan(20 * sprout.delayP95Ms());
        assertThat(sprout.throughputBitsPerSec()).isGreaterThan(0.7 * cubic.throughputBitsPerSec());
    }

    @Test
    void sproutEwmaTradesMoreDelayForMoreThroughput() {
        int[] trace = DeliverySchedule.synthetic(11, 40_000, 500, 1000, 200);
        FlowReport sprout = runOn(new Sprout.Factory(), DeliverySchedule.trace(trace), 40_000 * MS);
        FlowReport ewma = runOn(new Sprout.EwmaFactory(), DeliverySchedule.trace(trace), 40_000 * MS);
        assertThat(ewma.throughputBitsPerSec()).isGreaterThan(sprout.throughputBitsPerSec());
        assertThat(ewma.delayP95Ms()).isGreaterThan(sprout.delayP95Ms());
    }

    @Test
    void onARecordedLteTraceItsDelayStaysFarBelowCubics() throws IOException {
        Path file = Path.of(System.getProperty("overlay.shared.dir", "../shared"), "traces", "TMobile-LTE-short.down");
        Assumptions.assumeTrue(Files.isReadable(file), "skipped: no Mahimahi trace at " + file.toAbsolutePath());
        int[] trace = DeliverySchedule.readMahimahi(file);
        FlowReport sprout = runOn(new Sprout.Factory(), DeliverySchedule.trace(trace), 40_000 * MS);
        FlowReport cubic = runOn(new Cubic.Factory(), DeliverySchedule.trace(trace), 40_000 * MS);
        assertThat(cubic.delayP95Ms()).isGreaterThan(10 * sprout.delayP95Ms());
        assertThat(sprout.throughputBitsPerSec()).isGreaterThan(0.6 * cubic.throughputBitsPerSec());
    }
}
