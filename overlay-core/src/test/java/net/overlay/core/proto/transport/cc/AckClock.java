package net.overlay.core.proto.transport.cc;

import net.overlay.core.spi.cc.AckSample;
import net.overlay.core.spi.cc.CongestionControl;
import net.overlay.core.spi.cc.LossSample;
import net.overlay.core.spi.cc.RttView;

/**
 * A fluid ack clock for unit tests of window arithmetic: a path with a fixed RTT and no
 * bottleneck, on which one datagram's acknowledgement arrives every {@code RTT x size / cwnd},
 * each for a packet sent one RTT earlier. Losses are injected by the test.
 */
final class AckClock implements RttView {
    final CongestionControl cc;
    private final long rttNs;
    private final int datagramBytes;
    private long nowNs;
    private long packetNumber;

    AckClock(CongestionControl cc, long rttNs, int datagramBytes) {
        this.cc = cc;
        this.rttNs = rttNs;
        this.datagramBytes = datagramBytes;
    }

    long nowNs() {
        return nowNs;
    }

    /** Acknowledgements for {@code durationNs}, calling {@code each} after every one. */
    void run(long durationNs, Runnable each) {
        long endNs = nowNs + durationNs;
        while (nowNs < endNs) {
            long cwnd = Math.max(cc.congestionWindowBytes(), datagramBytes);
            nowNs += Math.max(1, rttNs * datagramBytes / cwnd);
            cc.onPacketSent(nowNs, packetNumber + cwnd / datagramBytes, datagramBytes, cwnd);
            cc.onAck(new AckSample(nowNs, datagramBytes, 1, packetNumber++, nowNs - rttNs,
                    cwnd - datagramBytes, 0, 0, false), this);
            each.run();
        }
    }

    void run(long durationNs) {
        run(durationNs, () -> {});
    }

    /** A packet sent one RTT ago is declared lost now. */
    void loss(boolean persistent) {
        cc.onCongestionEvent(new LossSample(nowNs, datagramBytes, 1, packetNumber, nowNs - rttNs, persistent,
                cc.congestionWindowBytes()), this);
    }

    @Override
    public long latestRttNs() {
        return rttNs;
    }

    @Override
    public long smoothedRttNs() {
        return rttNs;
    }

    @Override
    public long rttVarianceNs() {
        return 0;
    }

    @Override
    public long minRttNs() {
        return rttNs;
    }
}
