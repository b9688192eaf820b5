package org.example.cc;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/**
 * An example controller: AIMD with a twist. It adds one datagram per window acknowledged and
 * multiplies the window by {@code beta} on a loss, once per round trip; the twist: it stops
 * growing while the latest RTT is more than {@code queue_factor} times the minimum, so it does
 * not fill a deep buffer to the brim. Parameters come from a scenario file or {@code --cc-param}.
 */
public final class ExampleAimd implements CongestionControl {
    private final CongestionConfig config;
    private final double beta;
    private final double queueFactor;
    private long cwndBytes;
    private long ackedSinceGrowthBytes;
    /** Losses of packets sent before this time belong to the last reduction. */
    private long reducedAtNs = Long.MIN_VALUE;

    public ExampleAimd(CongestionConfig config) {
        this.config = config;
        this.beta = config.parameter("beta", 0.5);
        this.queueFactor = config.parameter("queue_factor", 2.0);
        this.cwndBytes = config.initialWindowBytes();
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        boolean queueBuilding = rtt.minRttNs() > 0 && rtt.latestRttNs() > queueFactor * rtt.minRttNs();
        if (queueBuilding || ack.largestAckedSentTimeNs() <= reducedAtNs) {
            return;
        }
        ackedSinceGrowthBytes += ack.ackedBytes();
        if (ackedSinceGrowthBytes >= cwndBytes) {
            ackedSinceGrowthBytes -= cwndBytes;
            cwndBytes += config.maxDatagramBytes();
        }
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        if (loss.largestLostSentTimeNs() > reducedAtNs) {
            reducedAtNs = loss.nowNs();
            cwndBytes = Math.max((long) (cwndBytes * beta), config.minimumWindowBytes());
        }
        if (loss.persistentCongestion()) {
            cwndBytes = config.minimumWindowBytes();
        }
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        if (change == PathChange.NEW_PATH) {
            cwndBytes = config.initialWindowBytes();
            reducedAtNs = Long.MIN_VALUE;
        }
    }

    @Override
    public long congestionWindowBytes() {
        return cwndBytes;
    }

    @Override
    public String name() {
        return "example-aimd";
    }

    /** Found by ServiceLoader through META-INF/services/net.overlay.core.spi.cc.CongestionControlFactory. */
    public static final class Factory implements CongestionControlFactory {
        @Override
        public String name() {
            return "example-aimd";
        }

        @Override
        public String description() {
            return "Example plugin: AIMD that stops growing while the RTT is twice its minimum";
        }

        @Override
        public CongestionControl create(CongestionConfig config) {
            return new ExampleAimd(config);
        }
    }
}
