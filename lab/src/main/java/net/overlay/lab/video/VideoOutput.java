package net.overlay.lab.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Writes a {@code video-qos} run's data (per frame, per 100 ms interval, per control command, per
 * (trace, arm)), three charts per trace and the report section. Called by {@link VideoQosScenario}.
 */
final class VideoOutput {
    static final List<String> FRAME_HEADER = List.of("trace", "arm", "frame", "capture_ms", "keyframe", "size_bytes",
            "bitrate_kbps", "status", "delay_ms");
    static final List<String> INTERVAL_HEADER = List.of("trace", "arm", "end_ms", "capacity_kbps", "encoder_kbps",
            "sent_kbps", "bottleneck_kbps", "send_buffer_bytes", "oldest_queued_ms", "network_queue_bytes");
    static final List<String> CONTROL_HEADER = List.of("trace", "arm", "command", "sent_ms", "rtt_ms");
    /** Points of a CDF line: quantiles every 2%, enough for the eye and a small SVG. */
    private static final int CDF_POINTS = 51;

    private VideoOutput() {}

    static void write(VideoSettings s, List<VideoRun.Cell> cells, Outputs out) throws IOException {
        List<VideoSummary> summaries = cells.stream().map(c -> VideoSummary.of(c, s.durationS(), s.onTimeMs()))
                .toList();
        out.csv("video-frames.csv", FRAME_HEADER, frameRows(cells));
        out.csv("video-intervals.csv", INTERVAL_HEADER, intervalRows(cells));
        out.csv("video-control.csv", CONTROL_HEADER, controlRows(cells));
        List<List<Object>> table = summaries.stream().map(VideoSummary::row).toList();
        out.csv("video-summary.csv", VideoSummary.HEADER, table);
        out.json("video-summary.json", json(s, table));
        Report report = out.report();
        report.section("Video and control over cellular traces");
        report.note(VideoReading.note(s));
        for (String trace : s.traces().stream().map(net.overlay.lab.cellular.CellularSettings::label).toList()) {
            List<VideoRun.Cell> mine = cells.stream().filter(c -> c.trace().equals(trace)).toList();
            String base = trace.replace('.', '-');
            report.chart(out.chart("video-delay-" + base, delayChart(trace, mine, s.durationS()), 1000, 520),
                    "Frame delay (capture to complete) over time on " + trace + ": the worst delivered frame "
                    + "captured in each 500 ms; a window with no delivered frame leaves a gap.");
            report.chart(out.chart("video-bitrate-" + base, bitrateChart(trace, mine), 1000, 520),
                    "Encoder bitrate over time against the link's capacity on " + trace + " (capacity averaged over "
                    + "500 ms, in wire bits: about 7% of it goes to headers).");
            report.chart(out.chart("video-cdf-" + base, cdfChart(trace, mine), 900, 520),
                    "Distribution of frame delay on " + trace + " (delivered frames only).");
            report.paragraph(VideoReading.perTrace(trace, summaries.stream().filter(v -> v.trace().equals(trace))
                    .toList()));
        }
        report.paragraph(VideoReading.overall(summaries, s.onTimeMs()));
        report.table("video-summary", VideoSummary.HEADER, table);
    }

    private static List<List<Object>> frameRows(List<VideoRun.Cell> cells) {
        List<List<Object>> rows = new ArrayList<>();
        for (VideoRun.Cell c : cells) {
            FrameLog f = c.frames();
            for (int i = 0; i < f.count(); i++) {
                boolean ok = f.status(i) == FrameLog.DELIVERED;
                rows.add(List.of(c.trace(), c.arm(), i, f.captureNs(i) / 1_000_000, f.keyframe(i) ? 1 : 0,
                        f.sizeBytes(i), f.bitrateBps(i) / 1000, FrameLog.statusName(f.status(i)),
                        ok ? f.delayNs(i) / 1e6 : Double.NaN));
            }
        }
        return rows;
    }

    private static List<List<Object>> intervalRows(List<VideoRun.Cell> cells) {
        List<List<Object>> rows = new ArrayList<>();
        for (VideoRun.Cell c : cells) {
            for (int i = 0; i < c.intervals().size(); i++) {
                VideoCamera.Interval v = c.intervals().get(i);
                double capacity = i < c.capacityKbps().length ? c.capacityKbps()[i] : Double.NaN;
                rows.add(List.of(c.trace(), c.arm(), v.endNs() / 1_000_000, capacity, v.encoderBps() / 1000,
                        v.drainedBytes() * 8 / 100.0, v.bottleneckBytes() * 8 / 100.0, v.sendBufferBytes(),
                        v.oldestQueuedNs() / 1e6, v.networkQueueBytes()));
            }
        }
        return rows;
    }

    private static List<List<Object>> controlRows(List<VideoRun.Cell> cells) {
        List<List<Object>> rows = new ArrayList<>();
        for (VideoRun.Cell c : cells) {
            for (VideoViewer.Command k : c.commands()) {
                rows.add(List.of(c.trace(), c.arm(), k.seq(), k.sentNs() / 1_000_000,
                        k.rttNs() < 0 ? Double.NaN : k.rttNs() / 1e6));
            }
        }
        return rows;
    }

    private static Map<String, Object> json(VideoSettings s, List<List<Object>> table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("durationS", s.durationS());
        json.put("controller", s.controller());
        json.put("arms", s.arms());
        json.put("onTimeMs", s.onTimeMs());
        json.put("cells", table.stream().map(row -> {
            Map<String, Object> e = new LinkedHashMap<>();
            for (int i = 0; i < VideoSummary.HEADER.size(); i++) {
                Object v = row.get(i);
                e.put(VideoSummary.HEADER.get(i), v instanceof Double d
                        ? (d.isNaN() ? null : Math.round(d * 1000) / 1000.0) : v);
            }
            return e;
        }).toList());
        return json;
    }

    /** Time-series charts draw one point per window: SVGs of every frame would weigh megabytes. */
    private static final int WINDOW_INTERVALS = 5;

    private static JFreeChart delayChart(String trace, List<VideoRun.Cell> cells, int durationS) {
        List<Charts.Series> series = new ArrayList<>();
        double max = 100;
        int windows = durationS * 10 / WINDOW_INTERVALS;
        for (VideoRun.Cell c : cells) {
            // The worst delivered frame captured in each window: spikes stay visible.
            double[] worst = new double[windows];
            Arrays.fill(worst, Double.NaN);
            FrameLog f = c.frames();
            for (int i = 0; i < f.count(); i++) {
                int w = (int) (f.captureNs(i) / (WINDOW_INTERVALS * VideoCamera.INTERVAL_NS));
                if (f.status(i) == FrameLog.DELIVERED && w < windows) {
                    double ms = f.delayNs(i) / 1e6;
                    worst[w] = Double.isNaN(worst[w]) ? ms : Math.max(worst[w], ms);
                    max = Math.max(max, ms);
                }
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                // NaN: JFreeChart draws no segment to or from it, so the gap shows.
                x.add((w + 0.5) * WINDOW_INTERVALS / 10.0);
                y.add(worst[w]);
            }
            series.add(new Charts.Series(c.arm(), x, y));
        }
        return tidy(Charts.lines("Frame delay on " + trace + " (worst frame per 500 ms)", "capture time (s)",
                "frame delay (ms)", series, false, 0, Math.ceil(max * 1.05 / 100) * 100));
    }

    private static JFreeChart bitrateChart(String trace, List<VideoRun.Cell> cells) {
        List<Charts.Series> series = new ArrayList<>();
        double max = 500;
        if (!cells.isEmpty()) {
            Charts.Series capacity = windowed("link capacity", cells.getFirst().capacityKbps());
            max = Math.max(max, capacity.y().stream().mapToDouble(Double::doubleValue).max().orElse(0));
            series.add(capacity);
        }
        for (VideoRun.Cell c : cells) {
            double[] encoder = c.intervals().stream().mapToDouble(v -> v.encoderBps() / 1000.0).toArray();
            Charts.Series e = windowed(c.arm() + " encoder", encoder);
            max = Math.max(max, e.y().stream().mapToDouble(Double::doubleValue).max().orElse(0));
            series.add(e);
        }
        return tidy(Charts.lines("Bitrate and capacity on " + trace + " (means over 500 ms)", "time (s)", "kbit/s",
                series, false, 0, Math.ceil(max * 1.05 / 500) * 500));
    }

    /** Means of {@code perInterval} (100 ms values) over windows of {@link #WINDOW_INTERVALS}. */
    private static Charts.Series windowed(String name, double[] perInterval) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i + WINDOW_INTERVALS <= perInterval.length; i += WINDOW_INTERVALS) {
            x.add((i + WINDOW_INTERVALS / 2.0) / 10);
            y.add(Arrays.stream(perInterval, i, i + WINDOW_INTERVALS).average().orElse(0));
        }
        return new Charts.Series(name, x, y);
    }

    private static JFreeChart cdfChart(String trace, List<VideoRun.Cell> cells) {
        SequencedMap<String, double[]> samples = new LinkedHashMap<>();
        for (VideoRun.Cell c : cells) {
            FrameLog f = c.frames();
            double[] d = new double[f.count()];
            int n = 0;
            for (int i = 0; i < f.count(); i++) {
                if (f.status(i) == FrameLog.DELIVERED) {
                    d[n++] = f.delayNs(i) / 1e6;
                }
            }
            samples.put(String.format(Locale.ROOT, "%s (%d of %d frames)", c.arm(), n, f.count()),
                    quantiles(Arrays.copyOf(d, n)));
        }
        return Charts.cdf("Frame delay on " + trace, "frame delay (ms, log scale)", samples, true);
    }

    /** {@link #CDF_POINTS} evenly spaced quantiles of {@code v} (all of it when shorter). */
    static double[] quantiles(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        if (sorted.length <= CDF_POINTS) {
            return sorted;
        }
        double[] out = new double[CDF_POINTS];
        for (int i = 0; i < CDF_POINTS; i++) {
            out[i] = sorted[(int) Math.round((double) i / (CDF_POINTS - 1) * (sorted.length - 1))];
        }
        return out;
    }

    /** Plain lines without markers, and tick labels chosen for the range (the helper's fit percentages). */
    private static JFreeChart tidy(JFreeChart chart) {
        if (chart.getPlot() instanceof XYPlot plot && plot.getRenderer() instanceof XYLineAndShapeRenderer r) {
            r.setDefaultShapesVisible(false);
            for (int i = 0; i < plot.getSeriesCount(); i++) {
                r.setSeriesShapesVisible(i, false);
                r.setSeriesStroke(i, new java.awt.BasicStroke(1.6f));
            }
            if (plot.getRangeAxis() instanceof NumberAxis y) {
                y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
                y.setAutoTickUnitSelection(true);
            }
        }
        return chart;
    }
}
