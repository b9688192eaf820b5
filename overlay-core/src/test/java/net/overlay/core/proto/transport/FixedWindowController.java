package net.overlay.core.proto.transport;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.PathChange;
import net.overlay.core.spi.cc.RttView;

/** A test-only controller with a window and pacing rate the test sets. */
final class FixedWindowController implements CongestionControl {
    long windowBytes;
    long pacingRateBytesPerSec;

    FixedWindowController(long windowBytes, long pacingRateBytesPerSec) {
        this.windowBytes = windowBytes;
        this.pacingRateBytesPerSec = pacingRateBytesPerSec;
    }

    @Override
    public void onPacketSent(long nowNs, long packetNumber, int sizeBytes, long bytesInFlight) {
    }

    @Override
    public void onAck(AckSample ack, RttView rtt) {
    }

    @Override
    public void onCongestionEvent(LossSample loss, RttView rtt) {
    }

    @Override
    public void onPathChange(long nowNs, PathChange change) {
    }

    @Override
    public long congestionWindowBytes() {
        return windowBytes;
    }

    @Override
    public long pacingRateBytesPerSec() {
        return pacingRateBytesPerSec;
    }

    @Override
    public String name() {
        return "test-fixed";
    }
}
