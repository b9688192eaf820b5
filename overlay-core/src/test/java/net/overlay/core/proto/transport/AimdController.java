package net.overlay.core.proto.transport;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/**
 * A minimal test-only controller (slow start, then additive increase, halving once per loss
 * event, minimum window on persistent congestion), so that the transport's tests do not depend on
 * the shipped controllers. It also counts the calls it gets.
 */
final class AimdController implements CongestionControl {
    private final CongestionConfig config;
    private long windowBytes;
    private long ssthreshBytes = Long.MAX_VALUE;
    private long recoveryStartNs = Long.MIN_VALUE;
    int acks;
    int congestionEvents;
    int persistentCongestionEvents;
    int ptos;
    int pathChanges;
    int feedbacks;

    AimdController(CongestionConfig config) {
        this.config = config;
        this.windowBytes = config.initialWindowBytes();
    }

    static AimdController withDefaults() {
        return new AimdController(CongestionConfig.defaults(1200, 1));
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        acks++;
        if (ack.largestAckedSentTimeNs() <= recoveryStartNs) {
            return;
        }
        if (windowBytes < ssthreshBytes) {
            windowBytes += ack.ackedBytes();
        } else {
            windowBytes += Math.max(1, config.maxDatagramBytes() * ack.ackedBytes() / windowBytes);
        }
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        congestionEvents++;
        if (loss.persistentCongestion()) {
            persistentCongestionEvents++;
            windowBytes = config.minimumWindowBytes();
            recoveryStartNs = loss.nowNs();
            return;
        }
        if (loss.largestLostSentTimeNs() > recoveryStartNs) {
            recoveryStartNs = loss.nowNs();
            ssthreshBytes = Math.max(windowBytes / 2, config.minimumWindowBytes());
            windowBytes = ssthreshBytes;
        }
    }

    @Override
    public void onPto(long nowNs, int consecutivePtoCount) {
        ptos++;
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        pathChanges++;
        windowBytes = config.initialWindowBytes();
        ssthreshBytes = Long.MAX_VALUE;
        recoveryStartNs = nowNs;
    }

    @Override
    public void onFeedback(long nowNs, net.overlay.core.spi.cc.Feedback feedback) {
        feedbacks++;
    }

    @Override
    public long congestionWindowBytes() {
        return windowBytes;
    }

    @Override
    public String name() {
        return "test-aimd";
    }
}
