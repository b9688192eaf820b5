package net.overlay.lab.keepalive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import net.overlay.lab.scenario.RunContext;

/**
 * Runs a keepalive sweep (every mapping timeout against every interval, cells in parallel, each
 * with a seed of its own) and writes its data ({@code keepalive-survival.csv},
 * {@code keepalive-summary.json}), its charts ({@code keepalive-survival}, {@code keepalive-churn})
 * and its report section. Called by the keepalive and quickstart scenarios.
 */
public final class KeepaliveOutput {
    static final List<String> HEADER = List.of("nat", "mapping_timeout_s", "interval_s", "keepalives", "probes_sent",
            "probes_delivered", "reachable_pct", "address_changes", "changes_per_hour");

    private KeepaliveOutput() {}

    /** The sweep's results, timeouts outer and intervals inner, in the settings' order. */
    public static List<KeepaliveTrial.Result> sweep(KeepaliveSettings s, long seed, RunContext.Progress progress) {
        int ni = s.intervalsS().size();
        return IntStream.range(0, s.cellCount()).parallel().mapToObj(k -> {
            int timeout = s.mappingTimeoutsS().get(k / ni);
            int interval = s.intervalsS().get(k % ni);
            KeepaliveTrial.Result r = KeepaliveTrial.run(s, timeout, interval, cellSeed(seed, timeout, interval));
            progress.advance(1);
            return r;
        }).toList();
    }

    static long cellSeed(long seed, int timeoutS, int intervalS) {
        long z = seed ^ (((long) timeoutS << 32) | intervalS) * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static void write(KeepaliveSettings s, List<KeepaliveTrial.Result> results, Outputs out) throws IOException {
        List<List<Object>> rows = results.stream().map(r -> List.<Object>of(s.nat().id(), r.mappingTimeoutS(),
                r.intervalS(), r.keepalives(), r.probesSent(), r.probesDelivered(), r.reachablePct(), r.addressChanges(),
                r.changesPerHour(s.durationS()))).toList();
        out.csv("keepalive-survival.csv", HEADER, rows);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nat", s.nat().id());
        json.put("durationS", s.durationS());
        json.put("cells", rows.stream().map(row -> {
            Map<String, Object> e = new LinkedHashMap<>();
            for (int i = 1; i < HEADER.size(); i++) {
                Object v = row.get(i);
                e.put(HEADER.get(i), v instanceof Double d ? Math.round(d * 1000) / 1000.0 : v);
            }
            return e;
        }).toList());
        out.json("keepalive-summary.json", json);
        String survival = out.chart("keepalive-survival", chart(s, results, false), 1000, 620);
        String churn = out.chart("keepalive-churn", chart(s, results, true), 1000, 620);
        section(s, results, out.report(), survival, churn, rows);
    }

    private static org.jfree.chart.JFreeChart chart(KeepaliveSettings s, List<KeepaliveTrial.Result> rs, boolean churn) {
        List<Charts.Series> series = new ArrayList<>();
        double maxY = 0;
        for (int t : s.mappingTimeoutsS()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (KeepaliveTrial.Result r : rs) {
                if (r.mappingTimeoutS() == t) {
                    x.add((double) r.intervalS());
                    double v = churn ? r.changesPerHour(s.durationS()) : r.reachablePct();
                    y.add(v);
                    maxY = Math.max(maxY, v);
                }
            }
            series.add(new Charts.Series("mapping timeout " + t + " s", x, y));
        }
        String nat = s.nat().id() + " NAT model, " + s.durationS() / 60 + " min per point";
        return churn
                ? Charts.lines("Device address changes against keepalive interval (" + nat + ")",
                        "keepalive interval (s, log scale)", "address changes per hour", series, true, 0,
                        Math.max(10, Math.ceil(maxY * 1.1)))
                : Charts.lines("NAT mapping survival against keepalive interval (" + nat + ")",
                        "keepalive interval (s, log scale)", "rendezvous probes reaching the device (%)", series, true, 0,
                        105);
    }

    private static void section(KeepaliveSettings s, List<KeepaliveTrial.Result> rs, Report report, String survival,
            String churn, List<List<Object>> rows) {
        report.section("NAT mapping survival against keepalive interval");
        report.note("What this measures: the NAT model's idle timeout against a bare keepalive sender and a rendezvous "
                + "that probes the address it last saw, on the in-memory network. Not yet the device agent's real "
                + "keepalive with its adaptive interval (that arrives with the agent).");
        report.chart(survival, "Share of the rendezvous's probes (one every " + s.probeIntervalMs() + " ms) that reached "
                + "the device at the address of its latest keepalive, per mapping timeout; keepalive jitter +/- "
                + s.jitterPct() + "%.");
        report.chart(churn, "How often the device's public address changed (its mapping expired and the next "
                + "keepalive made a new one): each change would break a direct session's path.");
        for (int t : s.mappingTimeoutsS()) {
            report.paragraph(readingFor(s, rs, t));
        }
        report.paragraph("Practice keeps keepalives at most 25 s apart (WireGuard's persistent keepalive, Firezone; "
                + "REFERENCE.md), and home gateways have been measured with mapping timeouts as short as 30 s. Real "
                + "carrier NATs can also drop mappings for reasons other than idleness (T-Mobile US dropped the direct "
                + "path every 50-75 s despite 5 s heartbeats, iroh issue 4424); this model only expires idle mappings.");
        report.table("keepalive-survival", HEADER, rows);
    }

    /** One sentence per timeout, from the data: the longest interval that kept the device reachable. */
    static String readingFor(KeepaliveSettings s, List<KeepaliveTrial.Result> rs, int timeoutS) {
        int longestFull = -1;
        StringBuilder beyond = new StringBuilder();
        for (KeepaliveTrial.Result r : rs) {
            if (r.mappingTimeoutS() != timeoutS) {
                continue;
            }
            if (r.probesDelivered() == r.probesSent() && r.addressChanges() == 0) {
                longestFull = Math.max(longestFull, r.intervalS());
            } else if (r.intervalS() > timeoutS && beyond.length() < 200) {
                beyond.append(beyond.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f%% at %d s",
                        r.reachablePct(), r.intervalS()));
            }
        }
        String kept = longestFull < 0 ? "no interval tried kept every probe arriving"
                : "keepalives up to " + longestFull + " s apart kept every probe arriving and the address unchanged";
        return String.format(Locale.ROOT, "Mapping timeout %d s: %s%s.", timeoutS, kept,
                beyond.isEmpty() ? "" : "; beyond the timeout reachability fell to " + beyond
                        + " (idle-expiry theory: about timeout / interval)");
    }
}
