package net.overlay.lab.video;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.netsim.ModelPath;
import net.overlay.core.netsim.TransportTracePair;
import net.overlay.core.proto.media.BitrateController;
import net.overlay.core.proto.media.MediaConfig;
import net.overlay.core.proto.media.MediaSender;
import net.overlay.core.proto.media.SendBufferFill;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportEvent;

/**
 * The camera end of a {@code video-qos} run: captures a frame every 1/fps seconds, sizes it from
 * the controller's bitrate (an I-frame every keyframe interval, {@code keyframeRatio} times a
 * P-frame, each size varied by a seeded +/- 10% or so, as an encoder's output varies), sends it on
 * the media channel, answers every control command on the control stream, and samples its send
 * buffer and the bottleneck every 100 ms. Runs on the driver's thread.
 */
final class VideoCamera implements TransportTracePair.Endpoint {
    static final int COMMAND_BYTES = 32;
    static final int ANSWER_BYTES = 64;
    static final long INTERVAL_NS = 100_000_000L;

    /** One 100 ms sample. */
    record Interval(long endNs, long encoderBps, long drainedBytes, long bottleneckBytes, long sendBufferBytes,
            long oldestQueuedNs, long networkQueueBytes) {}

    private final VideoSettings s;
    private final BitrateController bitrate;
    private final MediaConfig mediaConfig;
    private final FrameLog frames;
    private final ModelPath downlink;
    private final SplittableRandom sizes;
    private final long frameIntervalNs;
    private final long endNs;
    private final List<Interval> intervals = new ArrayList<>();
    private final MessageReader commands = new MessageReader(COMMAND_BYTES);
    private final byte[] answer = new byte[ANSWER_BYTES];
    private MediaSender sender;
    private long frameIndex;
    private long nextSampleNs = INTERVAL_NS;
    private long lastDrained;
    private long lastBottleneck;

    VideoCamera(VideoSettings s, BitrateController bitrate, MediaConfig mediaConfig, FrameLog frames,
            ModelPath downlink, long seed) {
        this.s = s;
        this.bitrate = bitrate;
        this.mediaConfig = mediaConfig;
        this.frames = frames;
        this.downlink = downlink;
        this.sizes = new SplittableRandom(seed);
        this.frameIntervalNs = 1_000_000_000L / s.fps();
        this.endNs = s.durationS() * 1_000_000_000L;
    }

    private long nextFrameNs() {
        long t = frameIndex * frameIntervalNs;
        return t < endNs ? t : Long.MAX_VALUE;
    }

    @Override
    public void onTick(Transport t, long nowNs) {
        if (sender == null) {
            sender = new MediaSender(t, mediaConfig);
        }
        while (nextFrameNs() <= nowNs) {
            capture(nextFrameNs());
        }
        sender.pump(nowNs);
        for (MediaSender.DroppedFrame d; (d = sender.pollDropped()) != null; ) {
            frames.dropped(d.frameId());
        }
        while (nextSampleNs <= nowNs && nextSampleNs <= endNs) {
            sample(nextSampleNs);
            nextSampleNs += INTERVAL_NS;
        }
    }

    private void capture(long captureNs) {
        bitrate.onFrame(captureNs, sender.fill(captureNs));
        long bps = bitrate.bitrateBitsPerSec();
        int gop = s.fps() * s.keyframeIntervalS();
        boolean key = frameIndex % gop == 0;
        // Bits per keyframe interval = bps x interval = P x (gop - 1 + ratio).
        double pBytes = bps / 8.0 * s.keyframeIntervalS() / (gop - 1 + s.keyframeRatio());
        double noise = Math.clamp(1 + 0.1 * sizes.nextGaussian(), 0.7, 1.3);
        int size = (int) Math.clamp(Math.round((key ? s.keyframeRatio() : 1) * pBytes * noise), 1,
                mediaConfig.maxFrameBytes());
        long id = sender.submitFrame(captureNs, captureNs, key, new byte[size], 0, size);
        frames.captured(id, captureNs, size, bps, key);
        frameIndex++;
    }

    private void sample(long atNs) {
        SendBufferFill fill = sender.fill(atNs);
        intervals.add(new Interval(atNs, bitrate.bitrateBitsPerSec(), fill.drainedBytes() - lastDrained,
                downlink.bytesDelivered() - lastBottleneck, fill.queuedBytes(), fill.oldestQueuedAgeNs(),
                downlink.queuedBytes()));
        lastDrained = fill.drainedBytes();
        lastBottleneck = downlink.bytesDelivered();
    }

    @Override
    public void onEvent(Transport t, TransportEvent e, long nowNs) {
        if (e instanceof TransportEvent.StreamReadable(long id)) {
            // Read until empty (the event comes again only then); commands are fixed-size and may
            // arrive split. The answer echoes the viewer's sequence number and send time.
            commands.readAll(t, id, command -> {
                System.arraycopy(command, 0, answer, 0, 16);
                t.write(id, answer, 0, ANSWER_BYTES);
            });
        }
    }

    @Override
    public long nextWakeNs() {
        long sampleNs = nextSampleNs <= endNs ? nextSampleNs : Long.MAX_VALUE;
        return Math.min(nextFrameNs(), sampleNs);
    }

    List<Interval> intervals() {
        return intervals;
    }

    MediaSender sender() {
        return sender;
    }
}
