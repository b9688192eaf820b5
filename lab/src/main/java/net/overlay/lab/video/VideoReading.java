package net.overlay.lab.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's words for a {@code video-qos} run, written from the data. Stateless. */
final class VideoReading {
    private VideoReading() {}

    static String note(VideoSettings s) {
        return String.format(Locale.ROOT, "What this measures: a camera sends %d frames/s (an I-frame every %d s, "
                + "%.0f times a P-frame) as unreliable datagrams (the media channel: fragments of at most 1100 bytes, "
                + "frames dropped whole at the sender once %d ms old) and answers a %d-byte command the viewer sends "
                + "every %d ms on a reliable stream of the same transport. The real transport runs on both ends with "
                + "the %s congestion controller, without encryption, in virtual time; from the camera a cellular "
                + "trace's delivery opportunities (1500 bytes each, accounted per byte, unbounded FIFO) then %d ms, "
                + "back a fixed %d ms. Frame delay is capture to last fragment, for frames that arrived whole; lost "
                + "frames never arrived whole, dropped frames were too old to send. The adaptive bitrate cuts when the "
                + "oldest queued frame is older than %d ms and rises while the send buffer is empty (%d-%d kbit/s, "
                + "from %d). A frame is on time when it arrives whole within %d ms of capture, decodable in time "
                + "when every frame back to the last keyframe had also arrived by then (a lost or dropped frame spoils "
                + "the P-frames after it; no decoder runs). Not measured: real radio behaviour, competing traffic.", s.fps(), s.keyframeIntervalS(), s.keyframeRatio(),
                s.staleFrameMs(), VideoCamera.COMMAND_BYTES, s.commandIntervalMs(), s.controller(), s.oneWayDelayMs(),
                s.oneWayDelayMs(), s.targetQueueDelayMs(), s.minKbps(), s.maxKbps(), s.startKbps(), s.onTimeMs());
    }

    private static String describe(VideoSummary v) {
        return String.format(Locale.ROOT, "%s: %.0f%% of frames on time (%.0f%% decodable in time), delay p50 %.0f ms "
                + "and p95 %.0f ms, %d lost and %d dropped of %d, mean bitrate %.0f kbit/s, control round trip p95 "
                + "%.0f ms", v.arm(), 100.0 * v.onTime() / Math.max(1, v.frames()),
                100.0 * v.decodable() / Math.max(1, v.frames()), v.delayP50Ms(), v.delayP95Ms(), v.lost(), v.dropped(),
                v.frames(), v.meanBitrateKbps(), v.controlRttP95Ms());
    }

    static String perTrace(String trace, List<VideoSummary> rows) {
        if (rows.isEmpty()) {
            return trace + ": nothing ran.";
        }
        List<String> parts = new ArrayList<>();
        for (VideoSummary v : rows) {
            parts.add(describe(v));
        }
        return String.format(Locale.ROOT, "%s (mean capacity %.0f kbit/s): %s.", trace, rows.getFirst().capacityKbps(),
                String.join("; ", parts));
    }

    /**
     * Across traces: on how many the adaptive arm showed the most frames on time, and its bitrate
     * and on-time share against each fixed arm.
     */
    static String overall(List<VideoSummary> all, int onTimeMs) {
        List<VideoSummary> adaptive = all.stream().filter(v -> v.arm().equals("adaptive")).toList();
        if (adaptive.isEmpty()) {
            return "No adaptive arm ran.";
        }
        int best = 0;
        List<String> against = new ArrayList<>();
        List<String> arms = all.stream().map(VideoSummary::arm).distinct().filter(a -> !a.equals("adaptive")).toList();
        for (VideoSummary a : adaptive) {
            if (all.stream().filter(v -> v.trace().equals(a.trace())).allMatch(v -> v.onTime() <= a.onTime())) {
                best++;
            }
        }
        for (String arm : arms) {
            int more = 0;
            int n = 0;
            double ratio = 0;
            for (VideoSummary a : adaptive) {
                for (VideoSummary f : all) {
                    if (f.arm().equals(arm) && f.trace().equals(a.trace())) {
                        n++;
                        more += a.onTime() > f.onTime() ? 1 : 0;
                        ratio += a.meanBitrateKbps() / f.meanBitrateKbps();
                    }
                }
            }
            against.add(String.format(Locale.ROOT, "more frames on time than %s on %d of %d traces, at %.2f times "
                    + "its mean bitrate on average", arm, more, n, ratio / Math.max(1, n)));
        }
        return String.format(Locale.ROOT, "Across the %d traces (a frame is on time when it arrives whole within %d ms "
                + "of capture) the adaptive bitrate showed the most frames on time on %d; %s.", adaptive.size(),
                onTimeMs, best, String.join("; ", against));
    }
}
