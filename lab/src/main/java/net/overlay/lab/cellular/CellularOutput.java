package net.overlay.lab.cellular;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;

/**
 * Writes a {@code cc-cellular} run's data ({@code cc-cellular.csv}, {@code cc-cellular-summary.json}),
 * one chart per trace ({@code cc-<trace>}: throughput against self-inflicted delay, with the
 * paper's points where a trace corresponds) and the report section. Called by {@link CcCellularScenario}.
 */
final class CellularOutput {
    static final List<String> HEADER = List.of("trace", "controller", "throughput_kbps", "delay_p95_ms",
            "omniscient_p95_ms", "self_inflicted_ms", "queue_p95_ms", "packets_sent");
    /** Log axes need positive values: a self-inflicted delay below this is drawn at it. */
    private static final double FLOOR_MS = 1;

    private CellularOutput() {}

    static void write(CellularSettings s, List<CellularRun.Cell> cells, Outputs out) throws IOException {
        List<List<Object>> rows = cells.stream().map(c -> List.<Object>of(c.trace(), c.controller(),
                c.throughputKbps(), c.delayP95Ms(), c.omniscientP95Ms(), c.selfInflictedMs(), c.queueP95Ms(),
                c.packetsSent())).toList();
        out.csv("cc-cellular.csv", HEADER, rows);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("durationS", s.durationS());
        json.put("skipS", s.skipS());
        json.put("oneWayDelayMs", s.oneWayDelayMs());
        json.put("cells", rows.stream().map(row -> {
            Map<String, Object> e = new LinkedHashMap<>();
            for (int i = 0; i < HEADER.size(); i++) {
                Object v = row.get(i);
                e.put(HEADER.get(i), v instanceof Double d ? (d.isNaN() ? null : Math.round(d * 1000) / 1000.0) : v);
            }
            return e;
        }).toList());
        out.json("cc-cellular-summary.json", json);
        Report report = out.report();
        report.section("Congestion control over cellular traces");
        report.note("What this measures: one always-backlogged flow per controller on the discrete-event link model "
                + "(overlay-core net.overlay.core.netsim), " + s.oneWayDelayMs() + " ms one way each direction, an "
                + "unbounded FIFO and one 1500-byte delivery opportunity per trace line, as the Sprout paper's "
                + "emulation; the first " + s.skipS() + " s of each " + s.durationS() + " s run are left out (the paper "
                + "skipped the first minute). Not the full transport with its streams, nor real radio behaviour; the "
                + "paper's points come from its own runs (their own Cubic, Vegas, LEDBAT) and are for orientation.");
        for (String trace : s.traces()) {
            String label = CellularSettings.label(trace);
            List<CellularRun.Cell> mine = cells.stream().filter(c -> c.trace().equals(label)).toList();
            String svg = out.chart("cc-" + label.replace('.', '-'), chart(label, mine), 1000, 620);
            String link = PaperPoints.paperLink(label);
            report.chart(svg, "Throughput against 95th percentile self-inflicted delay on " + label + (link == null
                    ? " (the paper has no matching link)." : "; hollow: the paper's results on " + link
                    + " (our assumed correspondence)."));
            report.paragraph(reading(label, mine));
        }
        report.table("cc-cellular", HEADER, rows);
    }

    private static org.jfree.chart.JFreeChart chart(String label, List<CellularRun.Cell> cells) {
        java.util.SequencedMap<String, List<Charts.Point>> series = new LinkedHashMap<>();
        series.put("this run (link model)", merged(cells.stream().map(c -> new Charts.Point(c.controller(),
                Math.max(FLOOR_MS, nanToFloor(c.selfInflictedMs())), c.throughputKbps())).toList()));
        List<PaperPoints.Point> paper = PaperPoints.of(label);
        if (!paper.isEmpty()) {
            series.put("Sprout paper, " + PaperPoints.paperLink(label), paper.stream().map(p -> new Charts.Point(
                    p.scheme() + " (paper)", p.selfInflictedMs(), p.throughputKbps())).toList());
        }
        return Charts.points("Throughput and delay on " + label, "95th percentile self-inflicted delay (ms, log scale)",
                "throughput (kbit/s)", series, true);
    }

    /** Points at the same place (newreno and cubic never lose a packet here, so they coincide) share one label. */
    private static List<Charts.Point> merged(List<Charts.Point> points) {
        Map<List<Double>, String> labels = new LinkedHashMap<>();
        for (Charts.Point p : points) {
            labels.merge(List.of(p.x(), p.y()), p.label(), (a, b) -> a + ", " + b);
        }
        return labels.entrySet().stream().map(e -> new Charts.Point(e.getValue(), e.getKey().get(0),
                e.getKey().get(1))).toList();
    }

    private static double nanToFloor(double v) {
        return Double.isNaN(v) ? FLOOR_MS : v;
    }

    /** One paragraph per trace from the data: the fastest controller and the one with the least delay. */
    static String reading(String label, List<CellularRun.Cell> cells) {
        if (cells.isEmpty()) {
            return label + ": no controller ran.";
        }
        CellularRun.Cell fastest = cells.getFirst();
        CellularRun.Cell calmest = cells.getFirst();
        for (CellularRun.Cell c : cells) {
            fastest = c.throughputKbps() > fastest.throughputKbps() ? c : fastest;
            calmest = c.selfInflictedMs() < calmest.selfInflictedMs() ? c : calmest;
        }
        List<String> parts = new ArrayList<>();
        for (CellularRun.Cell c : cells) {
            parts.add(String.format(Locale.ROOT, "%s %.0f kbit/s at %.0f ms", c.controller(), c.throughputKbps(),
                    c.selfInflictedMs()));
        }
        return String.format(Locale.ROOT, "%s: most throughput %s (%.0f kbit/s), least self-inflicted delay %s "
                + "(%.0f ms). All: %s.", label, fastest.controller(), fastest.throughputKbps(), calmest.controller(),
                calmest.selfInflictedMs(), String.join("; ", parts));
    }
}
