package net.overlay.lab.scale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import net.overlay.sim.device.ConnectRecord;
import net.overlay.sim.device.DeviceSimResult;
import net.overlay.sim.device.EntityCounters;
import net.overlay.sim.device.RttSummary;

/**
 * Writes a scale run: {@code scale-sizes.csv} and {@code scale-summary.json} hold what the seed
 * decides (events, outcomes, digest) and repeat byte for byte; {@code scale-timings.csv} holds the
 * measurements (times, heap), which do not; {@code scale-entities.csv} the largest run's per-entity
 * counters by role and NAT preset (and each rendezvous node's own). Charts {@code scale-time},
 * {@code scale-heap} (log axes), {@code scale-events} and {@code scale-rtt} (the largest run's RTT
 * samples, relayed and direct); the report's tables and reading. Called by {@link ScaleScenario}.
 */
final class ScaleOutput {
    static final List<String> SIZE_HEADER = List.of("devices", "connects", "minutes", "events", "windows",
            "registered", "direct", "relayed", "failed", "direct_pct", "first_byte_p50_ms", "direct_p50_ms",
            "direct_p99_ms", "rtt_relayed_samples", "rtt_relayed_p50_ms", "rtt_relayed_p99_ms", "rtt_direct_samples",
            "rtt_direct_p50_ms", "rtt_direct_p99_ms", "digest");
    static final List<String> ENTITY_HEADER = List.of("devices", "role", "group", "entities", "sent_mean",
            "received_mean", "bytes_sent_mean", "bytes_received_mean", "nat_dropped_mean", "detail");
    static final List<String> TIMING_HEADER = List.of("devices", "wall_s", "cpu_s", "events_per_s",
            "events_per_cpu_s", "cpu_ms_per_device", "peak_heap_mb", "heap_per_device_b", "rendezvous_b",
            "clients_b", "nats_b", "devices_b", "rest_b");

    private ScaleOutput() {}

    static void write(ScaleSettings s, long seed, List<SizeRun.Measured> runs, Outputs out) throws IOException {
        List<List<Object>> sizeRows = runs.stream().map(m -> sizeRow(s, m.result())).toList();
        List<List<Object>> timingRows = runs.stream().map(ScaleOutput::timingRow).toList();
        out.csv("scale-sizes.csv", SIZE_HEADER, sizeRows);
        out.csv("scale-timings.csv", TIMING_HEADER, timingRows);
        SizeRun.Measured largest = runs.getLast();
        List<List<Object>> entityRows = entityRows(largest.result());
        out.csv("scale-entities.csv", ENTITY_HEADER, entityRows);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seed", seed);
        json.put("minutes", s.minutes());
        json.put("connectsPerDevice", s.connectsPerDevice());
        List<Map<String, Object>> sizes = new ArrayList<>();
        for (List<Object> row : sizeRows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < SIZE_HEADER.size(); i++) m.put(SIZE_HEADER.get(i), row.get(i));
            sizes.add(m);
        }
        json.put("sizes", sizes);
        out.json("scale-summary.json", json);

        Report report = out.report();
        report.note("Times and heap sizes are measurements on the machine that ran this (see scale-timings.csv); "
                + "they change from run to run and with the machine's load. Events, outcomes and the trace digest "
                + "(scale-sizes.csv, scale-summary.json) depend only on the seed and repeat exactly. CPU time is "
                + "the whole process's during the run (all threads, GC included): on a shared machine it is the "
                + "steadier figure. Live heap per device is weighed after the run with two full collections, then "
                + "again after letting go of the rendezvous machines, the clients, the NATs and the device "
                + "machines in turn; 'rest' is the engine and the topology.");
        report.chart(out.chart("scale-time", ScaleCharts.logLog("Time of a run", "devices", "seconds",
                timeSeries(runs), xs(runs)), 900, 520), "Wall and CPU time of each size's run against the number of devices (log axes).");
        report.chart(out.chart("scale-heap", ScaleCharts.logLog("Live heap per device", "devices", "bytes per device",
                heapSeries(runs), xs(runs)), 900, 520), "Live heap per device after the run, and its main parts, "
                + "against the number of devices (log axes).");
        List<Double> rates = column(runs, m -> m.result().engine().events() / (m.wallNs() / 1e9));
        List<Double> cpuRates = column(runs, m -> m.cpuNs() == 0 ? 0 : m.result().engine().events() / (m.cpuNs() / 1e9));
        double top = Math.max(rates.stream().mapToDouble(Double::doubleValue).max().orElse(1),
                cpuRates.stream().mapToDouble(Double::doubleValue).max().orElse(1)) / 1000 * 1.15;
        report.chart(out.chart("scale-events", Charts.lines("Events per second", "devices", "thousand events/s",
                List.of(new Charts.Series("per wall second", xs(runs), scale(rates, 1e-3)),
                        new Charts.Series("per CPU second", xs(runs), scale(cpuRates, 1e-3))), true, 0, top), 900, 520),
                "Simulated events per second of wall time and per second of CPU time, against the number of devices.");
        report.chart(out.chart("scale-rtt", Charts.lines("Round trips inside the sessions, "
                + fmt("%,d", largest.result().devicesStarted()) + " devices", "round trip (ms)", "share at or below (%)",
                List.of(rttCdf("relayed", largest.result().rttRelayed()), rttCdf("direct", largest.result().rttDirect())),
                false, 0, 100), 900, 520), "The distribution of the round trips clients measured inside their "
                + "sessions (a ping a second, echoed by the device) at the largest size, over the relay and over the "
                + "direct path, from the run's HdrHistograms (scale-sizes.csv has their medians and 99th percentiles).");
        report.section("Reading");
        for (String p : ScaleReading.paragraphs(s, runs, Runtime.getRuntime().maxMemory())) report.paragraph(p);
        report.table("scale-sizes", SIZE_HEADER, sizeRows);
        report.table("scale-timings", TIMING_HEADER, timingRows);
        report.table("scale-entities", ENTITY_HEADER, entityRows);
    }

    /** A CDF line from a histogram: the value at each half percent. */
    private static Charts.Series rttCdf(String name, RttSummary rtt) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        if (rtt.samples() > 0) {
            org.HdrHistogram.Histogram h = rtt.decode();
            for (int i = 0; i <= 200; i++) {
                double pct = i / 2.0;
                xs.add(h.getValueAtPercentile(pct) / 1e6);
                ys.add(pct);
            }
        }
        return new Charts.Series(fmt("%s (%,d samples)", name, rtt.samples()), xs, ys);
    }

    /**
     * The per-entity counters of one run, as means per role and NAT preset (the group), and one row
     * per rendezvous node (the group is its name) with its own counters: a table, not a million lines.
     */
    static List<List<Object>> entityRows(DeviceSimResult r) {
        EntityCounters e = r.entities();
        Map<String, double[]> groups = new java.util.TreeMap<>();
        List<List<Object>> rendezvous = new ArrayList<>();
        for (int n = 0; n < e.size(); n++) {
            EntityCounters.Entity x = e.entity(n);
            if (x.role().equals("idle")) continue;
            if (x.role().equals("rendezvous")) {
                rendezvous.add(List.of(r.devicesStarted(), x.role(), x.name(), 1, (double) x.sent(), (double) x.received(),
                        (double) x.bytesSent(), (double) x.bytesReceived(), (double) x.natDropped(), x.detailText()));
                continue;
            }
            double[] g = groups.computeIfAbsent(x.role() + "," + x.nat(), k -> new double[6]);
            g[0]++;
            g[1] += x.sent();
            g[2] += x.received();
            g[3] += x.bytesSent();
            g[4] += x.bytesReceived();
            g[5] += x.natDropped();
        }
        List<List<Object>> rows = new ArrayList<>();
        groups.forEach((k, g) -> {
            String[] roleNat = k.split(",", 2);
            rows.add(List.of(r.devicesStarted(), roleNat[0], roleNat[1], (long) g[0], g[1] / g[0], g[2] / g[0],
                    g[3] / g[0], g[4] / g[0], g[5] / g[0], ""));
        });
        rows.addAll(rendezvous);
        return rows;
    }

    private static List<Object> sizeRow(ScaleSettings s, DeviceSimResult r) {
        long k = r.connects().size();
        long direct = r.count(ConnectRecord.Outcome.DIRECT);
        return List.of(r.devicesStarted(), k, s.minutes(), r.engine().events(), r.engine().windows(),
                r.devicesRegistered(), direct, r.count(ConnectRecord.Outcome.RELAYED),
                r.count(ConnectRecord.Outcome.FAILED), k == 0 ? Double.NaN : 100.0 * direct / k,
                ms(r.quantileNs(c -> true, ConnectRecord::firstByteNs, 0.5)),
                ms(r.quantileNs(c -> true, ConnectRecord::directNs, 0.5)),
                ms(r.quantileNs(c -> true, ConnectRecord::directNs, 0.99)), r.rttRelayed().samples(),
                ms(r.rttRelayed().p50Ns()), ms(r.rttRelayed().p99Ns()), r.rttDirect().samples(), ms(r.rttDirect().p50Ns()),
                ms(r.rttDirect().p99Ns()), r.engine().digestHex());
    }

    private static List<Object> timingRow(SizeRun.Measured m) {
        double n = m.result().devicesStarted();
        long events = m.result().engine().events();
        long[] split = m.splitBytes();
        return List.of(m.result().devicesStarted(), m.wallNs() / 1e9, m.cpuNs() / 1e9, events / (m.wallNs() / 1e9),
                m.cpuNs() == 0 ? Double.NaN : events / (m.cpuNs() / 1e9), m.cpuNs() / 1e6 / n,
                m.peakHeapBytes() / 1e6, Math.round(m.liveBytes() / n), Math.round(split[0] / n),
                Math.round(split[1] / n), Math.round(split[2] / n), Math.round(split[3] / n), Math.round(split[4] / n));
    }

    private static SequencedMap<String, List<Double>> timeSeries(List<SizeRun.Measured> runs) {
        SequencedMap<String, List<Double>> m = new LinkedHashMap<>();
        m.put("wall time", column(runs, r -> r.wallNs() / 1e9));
        m.put("CPU time", column(runs, r -> r.cpuNs() / 1e9));
        return m;
    }

    private static SequencedMap<String, List<Double>> heapSeries(List<SizeRun.Measured> runs) {
        SequencedMap<String, List<Double>> m = new LinkedHashMap<>();
        m.put("all", column(runs, r -> perDevice(r, r.liveBytes())));
        m.put("device machines", column(runs, r -> perDevice(r, r.splitBytes()[3])));
        m.put("rendezvous", column(runs, r -> perDevice(r, r.splitBytes()[0])));
        m.put("NATs", column(runs, r -> perDevice(r, r.splitBytes()[2])));
        return m;
    }

    private static double perDevice(SizeRun.Measured m, long bytes) {
        return (double) bytes / m.result().devicesStarted();
    }

    private static List<Double> xs(List<SizeRun.Measured> runs) {
        return column(runs, m -> (double) m.result().devicesStarted());
    }

    private static List<Double> column(List<SizeRun.Measured> runs, java.util.function.ToDoubleFunction<SizeRun.Measured> f) {
        return runs.stream().map(f::applyAsDouble).toList();
    }

    private static List<Double> scale(List<Double> v, double factor) {
        return v.stream().map(x -> x * factor).toList();
    }

    private static double ms(long ns) {
        return ns < 0 ? Double.NaN : ns / 1e6;
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
