package net.overlay.core.proto.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControls;
import org.junit.jupiter.api.Test;

class MediaSenderTest {
    private static final long MS = 1_000_000L;
    private final MediaConfig config = MediaConfig.DEFAULTS;
    private final Transport transport = newTransport();
    private final MediaSender sender = new MediaSender(transport, config);
    private final byte[] out = new byte[2048];

    static Transport newTransport() {
        var factory = CongestionControls.find("newreno", MediaSenderTest.class.getClassLoader());
        var cc = CongestionConfig.defaults(TransportConfig.DEFAULTS.maxDatagramBytes(), 1);
        return new Transport(TransportConfig.DEFAULTS, factory.create(cc), null, false);
    }

    /** Drains packets as the transport allows (no peer: the initial window fills and nothing is acknowledged). */
    private int drain(long nowNs) {
        int packets = 0;
        while (transport.pollPacket(nowNs, transport.nextPacketNumber(), out, 0, out.length) > 0) {
            packets++;
            sender.pump(nowNs);
        }
        return packets;
    }

    @Test
    void splitsAFrameIntoFragmentsAndKeepsOnlyAFewInTheTransport() {
        int per = config.payloadBytesPerFragment();
        byte[] frame = new byte[per * 40 + 1];
        long id = sender.submitFrame(0, 0, true, frame, 0, frame.length);
        assertThat(id).isZero();
        assertThat(transport.queuedDatagrams()).isEqualTo(config.transportQueueDatagrams());
        SendBufferFill fill = sender.fill(30 * MS);
        assertThat(fill.queuedBytes()).isEqualTo(frame.length + 41L * MediaFragment.HEADER_BYTES);
        assertThat(fill.queuedFrames()).isEqualTo(1);
        assertThat(fill.oldestQueuedAgeNs()).isEqualTo(30 * MS);
        assertThat(fill.drainedBytes()).isZero();
        assertThat(sender.submitFrame(0, 0, false, new byte[10], 0, 10)).isEqualTo(1);
        assertThat(sender.fill(0).queuedFrames()).isEqualTo(2);
    }

    @Test
    void whatLeavesInPacketsCountsAsDrainedAndTheFillFalls() {
        byte[] frame = new byte[5000];
        sender.submitFrame(0, 0, false, frame, 0, frame.length);
        long before = sender.fill(0).queuedBytes();
        int packets = drain(0);
        assertThat(packets).isEqualTo(5); // 5 fragments, one per packet
        SendBufferFill after = sender.fill(MS);
        assertThat(after.queuedBytes()).isZero();
        assertThat(after.drainedBytes()).isEqualTo(before);
        assertThat(after.oldestQueuedAgeNs()).isZero();
        assertThat(after.queuedFrames()).isZero();
    }

    @Test
    void dropsWholeStaleFramesButFinishesOneThatStartedLeaving() {
        int per = config.payloadBytesPerFragment();
        // 30 fragments each: the first frame starts leaving, the window (10 packets) stops it.
        for (int i = 0; i < 4; i++) {
            sender.submitFrame(i * 40 * MS, i * 40 * MS, i == 0, new byte[per * 30], 0, per * 30);
        }
        drain(200 * MS);
        assertThat(sender.pollDropped()).isNull();
        sender.pump(2000 * MS);
        List<MediaSender.DroppedFrame> dropped = new ArrayList<>();
        for (MediaSender.DroppedFrame d; (d = sender.pollDropped()) != null; ) {
            dropped.add(d);
        }
        assertThat(dropped).extracting(MediaSender.DroppedFrame::frameId).containsExactly(1L, 2L, 3L);
        assertThat(sender.framesDropped()).isEqualTo(3);
        SendBufferFill fill = sender.fill(2000 * MS);
        assertThat(fill.queuedFrames()).isEqualTo(1);
        assertThat(fill.queuedBytes()).isEqualTo(per * 20L + 20L * MediaFragment.HEADER_BYTES);
    }

    @Test
    void refusesEmptyAndOversizedFrames() {
        assertThatThrownBy(() -> sender.submitFrame(0, 0, false, new byte[0], 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        int tooBig = (int) config.maxFrameBytes() + 1;
        assertThatThrownBy(() -> sender.submitFrame(0, 0, false, new byte[tooBig], 0, tooBig))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed");
    }

    @Test
    void fragmentsTooLargeForTheTransportAreRefusedAndTheFrameCountedAsDropped() {
        var big = new MediaSender(newTransport(), new MediaConfig(1300, 16, MS, MS, 16, 64, 1 << 20));
        big.submitFrame(0, 0, false, new byte[3000], 0, 3000);
        assertThat(big.fragmentsRefused()).isEqualTo(1);
        assertThat(big.framesDropped()).isEqualTo(1);
        assertThat(big.fill(0).queuedBytes()).isZero();
    }
}
