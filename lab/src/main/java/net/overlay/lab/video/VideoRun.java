package net.overlay.lab.video;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.LinkModel;
import net.overlay.core.netsim.ModelPath;
import net.overlay.core.netsim.TransportTracePair;
import net.overlay.core.proto.media.BitrateController;
import net.overlay.core.proto.media.MediaConfig;
import net.overlay.core.proto.media.QueueDelayBitrate;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportConfig;
import net.overlay.core.spi.cc.CongestionConfig;
import net.overlay.core.spi.cc.CongestionControlFactory;
import net.overlay.lab.cellular.CellularRun;
import net.overlay.lab.cellular.CellularSettings;
import net.overlay.lab.scenario.RunContext;

/**
 * Runs every (trace, arm) of a {@code video-qos} run: the camera's transport and the viewer's,
 * joined by a trace-driven bottleneck from the camera (20 ms after it by default) and a fixed delay
 * back ({@link TransportTracePair}), the real transport with the chosen congestion controller on
 * both ends, no encryption. Cells run in parallel, each on its own objects; results come back in
 * (trace, arm) order. Stateless.
 */
final class VideoRun {
    private static final long MS = 1_000_000L;
    /** A packet's bytes on the wire beyond the transport payload: its header and tag (30), UDP and IPv4 (28). */
    static final int WIRE_OVERHEAD_BYTES = 58;

    private VideoRun() {}

    /** One (trace, arm): what happened to every frame and command, and the 100 ms samples. */
    record Cell(String trace, String arm, FrameLog frames, List<VideoCamera.Interval> intervals,
            List<VideoViewer.Command> commands, double[] capacityKbps, long malformedFragments) {}

    static List<Cell> run(VideoSettings s, CongestionControlFactory cc, long seed, RunContext.Progress progress)
            throws IOException {
        int[][] traces = new int[s.traces().size()][];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = CellularRun.loadTrace(s.traces().get(i), s.durationS() + 10, seed);
        }
        List<String> arms = s.arms();
        int na = arms.size();
        return IntStream.range(0, traces.length * na).parallel().mapToObj(k -> {
            int ti = k / na;
            Cell c = runOne(CellularSettings.label(s.traces().get(ti)), traces[ti], arms.get(k % na), s, cc,
                    seed * 1_000_003L + ti);
            progress.advance(s.durationS());
            return c;
        }).toList();
    }

    static BitrateController controller(String arm, VideoSettings s) {
        if (arm.equals("adaptive")) {
            return new QueueDelayBitrate(new QueueDelayBitrate.Config(s.startKbps() * 1000L, s.minKbps() * 1000L,
                    s.maxKbps() * 1000L, s.targetQueueDelayMs() * MS, QueueDelayBitrate.Config.DEFAULTS
                    .increaseBitsPerSecPerSec(), QueueDelayBitrate.Config.DEFAULTS.decreaseFactor(),
                    QueueDelayBitrate.Config.DEFAULTS.holdNs(), QueueDelayBitrate.Config.DEFAULTS.drainWindowNs()));
        }
        return BitrateController.fixed(Long.parseLong(arm.substring("fixed-".length(), arm.length() - 1)) * 1000);
    }

    static Cell runOne(String label, int[] trace, String arm, VideoSettings s, CongestionControlFactory cc, long seed) {
        MediaConfig media = MediaConfig.DEFAULTS.withStaleFrameNs(s.staleFrameMs() * MS);
        FrameLog frames = new FrameLog();
        long delayNs = s.oneWayDelayMs() * MS;
        ModelPath down = ModelPath.bottleneck(DeliverySchedule.trace(trace), delayNs, LinkModel.UNBOUNDED,
                WIRE_OVERHEAD_BYTES);
        var camera = new VideoCamera(s, controller(arm, s), media, frames, down, seed);
        var viewer = new VideoViewer(s, media, frames);
        var pair = new TransportTracePair(transport(cc, false, seed), camera, down, transport(cc, true, seed + 1),
                viewer, ModelPath.fixedDelay(delayNs));
        // After the last frame: time for the sender to send or drop what it holds, and for the
        // receiver's deadlines.
        pair.run(s.durationS() * 1000L * MS + s.staleFrameMs() * MS + 2000 * MS);
        frames.finish();
        return new Cell(label, arm, frames, camera.intervals(), viewer.commands(),
                capacityKbps(trace, s.durationS()), viewer.receiver().fragmentsMalformed());
    }

    private static Transport transport(CongestionControlFactory factory, boolean client, long seed) {
        var config = CongestionConfig.defaults(TransportConfig.DEFAULTS.maxDatagramBytes(), seed);
        return new Transport(TransportConfig.DEFAULTS, factory.create(config), factory.createReceiverHook(config),
                client);
    }

    /** The link's capacity per 100 ms interval: 1500 bytes per opportunity, the trace repeating. */
    static double[] capacityKbps(int[] trace, int durationS) {
        int intervals = durationS * 10;
        long[] bytes = new long[intervals];
        long periodMs = trace[trace.length - 1];
        for (long rep = 0; rep * periodMs < durationS * 1000L; rep++) {
            for (int ms : trace) {
                long t = rep * periodMs + ms;
                if (t < durationS * 1000L) {
                    bytes[(int) (t / 100)] += LinkModel.PACKET_BYTES;
                }
            }
        }
        return Arrays.stream(bytes).mapToDouble(b -> b * 8 / 100.0).toArray();
    }
}
