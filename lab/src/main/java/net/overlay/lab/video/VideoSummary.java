package net.overlay.lab.video;

import java.util.Arrays;
import java.util.List;

/**
 * One (trace, arm)'s figures for the table and the JSON summary.
 *
 * @param delayP50Ms median capture-to-complete delay of the delivered frames
 * @param delayP95Ms 95th percentile of the same
 * @param onTime delivered frames whose delay was at most {@link VideoSettings#onTimeMs()}
 * @param decodable frames on time whose references also arrived in time: every frame back to the
 *     last keyframe delivered, the last of them within the deadline of this one (a lost or dropped
 *     frame spoils the P-frames after it until the next keyframe)
 * @param lost frames that never arrived whole (network loss, or still missing at their deadline)
 * @param dropped frames the sender dropped as stale before sending any of them
 * @param meanBitrateKbps the encoder's bitrate averaged over the frames
 * @param goodputKbps frame bytes delivered whole per second of video
 * @param capacityKbps the trace's mean capacity over the run (wire bits, 1500 bytes an opportunity)
 * @param controlRttP95Ms 95th percentile round trip of the answered control commands
 * @param unanswered commands whose answer never came
 */
record VideoSummary(String trace, String arm, int frames, int delivered, int onTime, int decodable, int lost,
        int dropped, double delayP50Ms, double delayP95Ms, double meanBitrateKbps, double goodputKbps, double capacityKbps,
        double controlRttP50Ms, double controlRttP95Ms, int commands, int unanswered) {

    static final List<String> HEADER = List.of("trace", "arm", "frames", "delivered", "on_time", "decodable", "lost",
            "dropped_at_sender", "delay_p50_ms", "delay_p95_ms", "mean_bitrate_kbps", "goodput_kbps", "capacity_kbps",
            "control_rtt_p50_ms", "control_rtt_p95_ms", "commands", "unanswered");

    static VideoSummary of(VideoRun.Cell c, int durationS, int onTimeMs) {
        FrameLog f = c.frames();
        int delivered = 0;
        int onTime = 0;
        int lost = 0;
        int dropped = 0;
        long deliveredBytes = 0;
        double bitrateSum = 0;
        long[] delays = new long[f.count()];
        for (int i = 0; i < f.count(); i++) {
            bitrateSum += f.bitrateBps(i);
            switch (f.status(i)) {
                case FrameLog.DELIVERED -> {
                    delays[delivered++] = f.delayNs(i);
                    onTime += f.delayNs(i) <= onTimeMs * 1_000_000L ? 1 : 0;
                    deliveredBytes += f.sizeBytes(i);
                }
                case FrameLog.DROPPED -> dropped++;
                default -> lost++;
            }
        }
        long[] rtts = c.commands().stream().filter(k -> k.rttNs() >= 0).mapToLong(VideoViewer.Command::rttNs)
                .toArray();
        long[] shown = Arrays.copyOf(delays, delivered);
        return new VideoSummary(c.trace(), c.arm(), f.count(), delivered, onTime, decodable(f, onTimeMs), lost,
                dropped, percentileMs(shown, 0.5), percentileMs(shown, 0.95),
                f.count() == 0 ? Double.NaN : bitrateSum / f.count() / 1000, deliveredBytes * 8.0 / durationS / 1000,
                Arrays.stream(c.capacityKbps()).average().orElse(Double.NaN), percentileMs(rtts, 0.5),
                percentileMs(rtts, 0.95), c.commands().size(), c.commands().size() - rtts.length);
    }

    /** Frames whose whole chain back to the last keyframe was complete within this frame's deadline. */
    static int decodable(FrameLog f, int onTimeMs) {
        int n = 0;
        boolean chainOk = false;
        long chainDoneNs = 0;
        for (int i = 0; i < f.count(); i++) {
            boolean ok = f.status(i) == FrameLog.DELIVERED;
            long doneNs = f.captureNs(i) + f.delayNs(i);
            if (f.keyframe(i)) {
                chainOk = ok;
                chainDoneNs = doneNs;
            } else {
                chainOk &= ok;
                chainDoneNs = Math.max(chainDoneNs, doneNs);
            }
            if (chainOk && chainDoneNs - f.captureNs(i) <= onTimeMs * 1_000_000L) {
                n++;
            }
        }
        return n;
    }

    /** The nearest-rank percentile in ms; NaN for no samples. */
    static double percentileMs(long[] samplesNs, double q) {
        if (samplesNs.length == 0) {
            return Double.NaN;
        }
        long[] sorted = samplesNs.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    List<Object> row() {
        return List.of(trace, arm, frames, delivered, onTime, decodable, lost, dropped, delayP50Ms, delayP95Ms,
                meanBitrateKbps, goodputKbps, capacityKbps, controlRttP50Ms, controlRttP95Ms, commands, unanswered);
    }
}
