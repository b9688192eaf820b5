package net.overlay.core.proto.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.netsim.ModelPath;
import net.overlay.core.netsim.TransportTracePair;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.proto.transport.TransportEvent;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControls;
import org.junit.jupiter.api.Test;

/**
 * The media channel and a control stream in one transport, over a rate-limited path with the
 * real transport on both ends ({@link TransportTracePair}).
 */
class MediaOverTraceTest {
    private static final long MS = 1_000_000L;
    private static final long FRAME_NS = 40 * MS;

    private static Transport transport(boolean client) {
        var factory = CongestionControls.find("bbr", MediaOverTraceTest.class.getClassLoader());
        var cc = CongestionConfig.defaults(TransportConfig.DEFAULTS.maxDatagramBytes(), client ? 1 : 2);
        return new Transport(TransportConfig.DEFAULTS, factory.create(cc), factory.createReceiverHook(cc), client);
    }

    /** A camera: a frame every 40 ms at the controller's bitrate; echoes each control command. */
    private static final class Camera implements TransportTracePair.Endpoint {
        final BitrateController bitrate;
        final long untilNs;
        MediaSender sender;
        long nextFrameNs;
        final List<Long> bitrates = new ArrayList<>();
        final byte[] cmd = new byte[16];

        Camera(BitrateController bitrate, long untilNs) {
            this.bitrate = bitrate;
            this.untilNs = untilNs;
        }

        @Override
        public void onTick(Transport t, long nowNs) {
            if (sender == null) {
                sender = new MediaSender(t, MediaConfig.DEFAULTS);
            }
            while (nextFrameNs <= nowNs && nextFrameNs < untilNs) {
                bitrate.onFrame(nowNs, sender.fill(nowNs));
                bitrates.add(bitrate.bitrateBitsPerSec());
                int size = (int) (bitrate.bitrateBitsPerSec() / 8 / 25);
                sender.submitFrame(nowNs, nextFrameNs, false, new byte[size], 0, size);
                nextFrameNs += FRAME_NS;
            }
            sender.pump(nowNs);
        }

        @Override
        public void onEvent(Transport t, TransportEvent e, long nowNs) {
            if (e instanceof TransportEvent.StreamReadable(long id)) {
                while (t.read(id, cmd, 0, cmd.length) == cmd.length) {
                    t.write(id, cmd, 0, cmd.length);
                }
            }
        }

        @Override
        public long nextWakeNs() {
            return nextFrameNs < untilNs ? nextFrameNs : Long.MAX_VALUE;
        }
    }

    /** A viewer: reassembles frames; sends a 16-byte command every 500 ms and times the echo. */
    private static final class Viewer implements TransportTracePair.Endpoint {
        final MediaReceiver receiver = new MediaReceiver(MediaConfig.DEFAULTS);
        final List<Long> frameDelaysNs = new ArrayList<>();
        final List<Long> rttsNs = new ArrayList<>();
        final long untilNs;
        long stream = -1;
        long nextCommandNs;
        final byte[] buf = new byte[16];

        Viewer(long untilNs) {
            this.untilNs = untilNs;
        }

        @Override
        public void onTick(Transport t, long nowNs) {
            if (receiver.pollTimeoutNs() <= nowNs) {
                receiver.handleTimeout(nowNs);
            }
            if (stream < 0) {
                stream = t.openStream();
            }
            if (nextCommandNs <= nowNs && nextCommandNs < untilNs) {
                java.nio.ByteBuffer.wrap(buf).putLong(0, nowNs);
                t.write(stream, buf, 0, buf.length);
                nextCommandNs += 500 * MS;
            }
            drain();
        }

        private void drain() {
            for (MediaEvent e; (e = receiver.pollEvent()) != null; ) {
                if (e instanceof MediaEvent.FrameReceived r) {
                    frameDelaysNs.add(r.delayNs());
                }
            }
        }

        @Override
        public void onEvent(Transport t, TransportEvent e, long nowNs) {
            switch (e) {
                case TransportEvent.DatagramReceived(var data) -> {
                    byte[] d = data.toArray();
                    receiver.handleDatagram(nowNs, d, 0, d.length);
                }
                case TransportEvent.StreamReadable(long id) -> {
                    while (t.read(id, buf, 0, buf.length) == buf.length) {
                        rttsNs.add(nowNs - java.nio.ByteBuffer.wrap(buf).getLong(0));
                    }
                }
                default -> { }
            }
            drain();
        }

        @Override
        public long nextWakeNs() {
            return Math.min(receiver.pollTimeoutNs(), nextCommandNs < untilNs ? nextCommandNs : Long.MAX_VALUE);
        }
    }

    private record Run(Camera camera, Viewer viewer) {}

    private static Run run(double linkBitsPerSec, BitrateController bitrate, long durationNs) {
        var camera = new Camera(bitrate, durationNs);
        var viewer = new Viewer(durationNs);
        ModelPath down = ModelPath.bottleneck(DeliverySchedule.constant(linkBitsPerSec), 20 * MS, LinkModel.UNBOUNDED,
                58);
        var pair = new TransportTracePair(transport(false), camera, down, transport(true), viewer,
                ModelPath.fixedDelay(20 * MS));
        pair.run(durationNs + 2000 * MS);
        return new Run(camera, viewer);
    }

    private static long p95(List<Long> v) {
        long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return a[(int) Math.min(a.length - 1, Math.floor(0.95 * a.length))];
    }

    @Test
    void onAnAmpleLinkEveryFrameArrivesQuicklyBesideTheControlStream() {
        Run r = run(8e6, BitrateController.fixed(2_000_000), 5000 * MS);
        assertThat(r.viewer().frameDelaysNs).hasSize(125);
        assertThat(p95(r.viewer().frameDelaysNs)).isLessThan(100 * MS);
        assertThat(r.viewer().rttsNs).hasSize(10).allSatisfy(rtt -> assertThat(rtt).isBetween(40 * MS, 150 * MS));
        assertThat(r.viewer().receiver.fragmentsMalformed()).isZero();
    }

    @Test
    void overASlowLinkTheAdaptiveBitrateKeepsFrameDelayFarBelowTheFixedOneAndControlIsNeverStuckBehindVideo() {
        long durationNs = 20_000 * MS;
        Run fixed = run(1e6, BitrateController.fixed(2_000_000), durationNs);
        Run adaptive = run(1e6, new QueueDelayBitrate(QueueDelayBitrate.Config.DEFAULTS), durationNs);
        long fixedP95 = p95(fixed.viewer().frameDelaysNs);
        long adaptiveP95 = p95(adaptive.viewer().frameDelaysNs);
        assertThat(fixed.camera().sender.framesDropped()).as("fixed: stale frames dropped").isPositive();
        assertThat(adaptiveP95 * 3).as("adaptive p95 %d ms, fixed %d ms", adaptiveP95 / MS, fixedP95 / MS)
                .isLessThan(fixedP95);
        List<Long> late = adaptive.camera().bitrates.subList(adaptive.camera().bitrates.size() / 2,
                adaptive.camera().bitrates.size());
        double mean = late.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(mean).as("adaptive settles below the 1 Mbit/s link").isBetween(300_000.0, 1_000_000.0);
        // The control stream rides in the room fragments leave in each packet: it does not wait
        // behind the second-deep video backlog of the overloaded fixed bitrate.
        assertThat(fixedP95).isGreaterThan(1000 * MS);
        assertThat(p95(fixed.viewer().rttsNs)).isLessThan(300 * MS);
        assertThat(fixed.viewer().rttsNs).hasSize(40);
    }
}
