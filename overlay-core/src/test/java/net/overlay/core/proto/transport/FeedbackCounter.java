package net.overlay.core.proto.transport;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.Feedback;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/** A controller that passes everything to another and counts the CcFeedback it is given. */
final class FeedbackCounter implements CongestionControl {
    private final CongestionControl inner;
    int feedbacks;

    FeedbackCounter(CongestionControl inner) {
        this.inner = inner;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
        inner.onPacketSent(nowNs, packetNumber, sizeBytes, bytesInFlight);
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
        inner.onAck(ack, rtt);
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
        inner.onCongestionEvent(loss, rtt);
    }

    @Override
    public void onPto(long nowNs, int consecutivePtoCount) {
        inner.onPto(nowNs, consecutivePtoCount);
    }

    @Override
    public void onAppLimited(long nowNs, long bytesInFlight) {
        inner.onAppLimited(nowNs, bytesInFlight);
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
        inner.onPathChange(nowNs, change);
    }

    @Override
    public void onFeedback(long nowNs, Feedback feedback) {
        feedbacks++;
        inner.onFeedback(nowNs, feedback);
    }

    @Override
    public long congestionWindowBytes() {
        return inner.congestionWindowBytes();
    }

    @Override
    public long pacingRateBytesPerSec() {
        return inner.pacingRateBytesPerSec();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
