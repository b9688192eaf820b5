package net.overlay.lab.video;

import java.util.ArrayList;
import java.util.List;
import net.overlay.lab.cellular.CellularSettings;
import net.overlay.lab.scenario.Params;

/**
 * The validated inputs of a {@code video-qos} run.
 *
 * @param traces the links from the camera: Mahimahi files, or {@code synthetic}
 * @param fixedKbps the fixed bitrates compared (one arm each)
 * @param adaptive whether the adaptive arm runs
 * @param controller the transport's congestion controller (short name; {@code --cc} replaces it)
 * @param durationS virtual seconds of video per (trace, arm)
 * @param oneWayDelayMs propagation delay each way
 * @param fps frames per second
 * @param keyframeIntervalS seconds between keyframes (I-frames)
 * @param keyframeRatio an I-frame's size over a P-frame's
 * @param commandIntervalMs the viewer's control command period
 * @param staleFrameMs the sender drops a frame not yet started when it is this old
 * @param targetQueueDelayMs the adaptive controller's target age of the oldest queued frame
 * @param startKbps the adaptive arm's first bitrate
 * @param minKbps the adaptive arm's floor
 * @param maxKbps the adaptive arm's ceiling
 * @param onTimeMs a delivered frame counts as on time when its delay is at most this (a live view's
 *     playout deadline; 400 ms is ITU-T G.114's upper bound for interactive one-way delay)
 */
public record VideoSettings(List<String> traces, List<Integer> fixedKbps, boolean adaptive, String controller,
        int durationS, int oneWayDelayMs, int fps, int keyframeIntervalS, double keyframeRatio, int commandIntervalMs,
        int staleFrameMs, int targetQueueDelayMs, int startKbps, int minKbps, int maxKbps, int onTimeMs) {

    public VideoSettings {
        traces = List.copyOf(traces);
        fixedKbps = List.copyOf(fixedKbps);
    }

    /**
     * Reads the settings. The traces default to the uplink recordings among {@code cc-cellular}'s
     * defaults (a camera on a cellular network uploads its video), or to the synthetic trace when
     * the shared folder is missing.
     */
    public static VideoSettings read(Params p, List<String> controllers) {
        List<String> traces = CellularSettings.readTraces(p, defaultTraces());
        List<Integer> fixed = p.intList("fixedKbps", List.of(2000, 500), 50, 100_000, 8);
        if (fixed.stream().distinct().count() != fixed.size()) {
            throw p.invalid("fixedKbps", "must not repeat a bitrate, got " + fixed);
        }
        boolean adaptive = p.choice("adaptive", "on", List.of("on", "off")).equals("on");
        String controller = p.choice("controller", controllers.contains("bbr") ? "bbr" : controllers.getFirst(),
                controllers);
        int duration = p.intValue("durationS", 60, 2, 3600);
        int delay = p.intValue("oneWayDelayMs", 20, 0, 1000);
        int fps = p.intValue("fps", 25, 1, 120);
        int gop = p.intValue("keyframeIntervalS", 2, 1, 60);
        double ratio = p.doubleValue("keyframeRatio", 5, 1, 50);
        int command = p.intValue("commandIntervalMs", 500, 10, 60_000);
        int stale = p.intValue("staleFrameMs", 1000, 10, 60_000);
        int target = p.intValue("targetQueueDelayMs", 120, 1, 10_000);
        int min = p.intValue("minKbps", 100, 10, 100_000);
        int max = p.intValue("maxKbps", 6000, 10, 100_000);
        if (max < min) {
            throw p.invalid("maxKbps", "must be at least minKbps (" + min + "), got " + max);
        }
        int start = p.intValue("startKbps", 500, 10, 100_000);
        if (start < min || start > max) {
            throw p.invalid("startKbps", "must be between minKbps and maxKbps (" + min + ".." + max + "), got "
                    + start);
        }
        int onTime = p.intValue("onTimeMs", 400, 1, 60_000);
        return new VideoSettings(traces, fixed, adaptive, controller, duration, delay, fps, gop, ratio, command,
                stale, target, start, min, max, onTime);
    }

    static List<String> defaultTraces() {
        List<String> all = CellularSettings.defaultTraces();
        List<String> up = all.stream().filter(t -> t.endsWith(".up")).toList();
        return up.isEmpty() ? all : up;
    }

    /** The arms' names in run order: the fixed bitrates, then {@code adaptive}. */
    List<String> arms() {
        List<String> out = new ArrayList<>();
        for (int k : fixedKbps) {
            out.add("fixed-" + k + "k");
        }
        if (adaptive) {
            out.add("adaptive");
        }
        return out;
    }

    /** Units of work: virtual seconds over every (trace, arm). */
    long workUnits() {
        return (long) traces.size() * arms().size() * durationS;
    }
}
