package net.overlay.lab.churn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.ToDoubleFunction;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;

/**
 * Writes a churn run's data ({@code churn-attempts.csv}, {@code churn-pairs.csv},
 * {@code churn-summary.json}), its charts ({@code churn-registered}, {@code churn-recovery}: CDFs per
 * event kind) and its report section with the survival table and a reading. Called by
 * {@link ChurnScenario}.
 */
final class ChurnOutput {
    static final List<String> ATTEMPT_HEADER = List.of("device_nat", "client_nat", "event", "attempt", "seed",
            "device_latency_ms", "client_latency_ms", "outcome", "direct", "registered_ms", "survived", "data_ms",
            "closed_ms", "new_session_ms");
    static final List<String> PAIR_HEADER = List.of("device_nat", "client_nat", "event", "attempts", "measured",
            "direct", "survived", "survival_pct", "registered_median_ms", "registered_p90_ms", "data_median_ms",
            "data_p90_ms", "new_session_median_ms");

    private ChurnOutput() {}

    static void write(ChurnSettings s, List<ChurnAttempt.Result> results, Outputs out) throws IOException {
        out.csv("churn-attempts.csv", ATTEMPT_HEADER, results.stream().map(r -> List.<Object>of(r.pair().device().id(),
                r.pair().client().id(), r.event(), r.attempt(), r.seed(), r.deviceLatencyMs(), r.clientLatencyMs(),
                r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.direct(), r.registeredMs(),
                r.survived(), r.dataMs(), r.closedMs(), r.newSessionMs())).toList());
        List<List<Object>> pairRows = new ArrayList<>();
        for (ChurnSettings.Pair pair : s.pairs()) {
            for (String event : s.events()) {
                List<ChurnAttempt.Result> group = results.stream()
                        .filter(r -> r.pair().equals(pair) && r.event().equals(event)).toList();
                List<Object> row = new ArrayList<>(List.of(pair.device().id(), pair.client().id(), event));
                row.addAll(summary(group).values());
                pairRows.add(row);
            }
        }
        out.csv("churn-pairs.csv", PAIR_HEADER, pairRows);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> perEvent = new LinkedHashMap<>();
        for (String event : s.events()) {
            perEvent.put(event, summary(ofEvent(results, event)));
        }
        json.put("events", perEvent);
        json.put("downS", s.downS());
        json.put("observeS", s.observeS());
        out.json("churn-summary.json", json);
        Report report = out.report();
        report.note("Each event hits one session once, on the in-memory network without loss or jitter; the "
                + "rendezvous and the relay are one node, so a relay death is that node going down while a session "
                + "is relayed. Registration after a roam is the device's AddressChanged event (the rendezvous saw "
                + "the new address and the device re-registered). Data times count from the start of the "
                + "disruption (the node going down, or the roam) to the first echo of a ping sent from then on.");
        report.chart(out.chart("churn-registered", Charts.cdf("Device registered again", "time from the restart "
                + "or roam (ms)", samples(s, results, ChurnAttempt.Result::registeredMs), true), 900, 520),
                "Time from the node's restart (or the roam) until the device is registered again, per event kind.");
        SequencedMap<String, double[]> recovery = samples(s, results, ChurnAttempt.Result::dataMs);
        double[] fresh = clamp(ofEvent(results, ChurnSettings.RELAY_DEATH).stream()
                .mapToDouble(ChurnAttempt.Result::newSessionMs).toArray());
        if (s.events().contains(ChurnSettings.RELAY_DEATH)) {
            recovery.put("relay-death: new session from node back (n=" + countMeasured(fresh) + ")", fresh);
        }
        report.chart(out.chart("churn-recovery", Charts.cdf("Data flowing again", "time (ms)", recovery, true), 900,
                520), "Time from the disruption until pings in the same session came back, per event kind; for "
                + "relay deaths, the time from the node's return until a new session was up.");
        report.section("Reading");
        for (String event : s.events()) {
            report.paragraph(reading(event, ofEvent(results, event)));
        }
        report.table("churn-pairs", PAIR_HEADER, pairRows);
    }

    private static List<ChurnAttempt.Result> ofEvent(List<ChurnAttempt.Result> results, String event) {
        return results.stream().filter(r -> r.event().equals(event)).toList();
    }

    /** Counts, survival and percentiles of a group of attempts, in {@link #PAIR_HEADER}'s order from attempts on. */
    static Map<String, Object> summary(List<ChurnAttempt.Result> group) {
        List<ChurnAttempt.Result> ok = group.stream().filter(r -> r.outcome() == ChurnAttempt.Outcome.OK).toList();
        int survived = (int) ok.stream().filter(ChurnAttempt.Result::survived).count();
        double[] reg = values(ok, ChurnAttempt.Result::registeredMs);
        double[] data = values(ok, ChurnAttempt.Result::dataMs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempts", group.size());
        m.put("measured", ok.size());
        m.put("direct", (int) ok.stream().filter(ChurnAttempt.Result::direct).count());
        m.put("survived", survived);
        m.put("survivalPct", ok.isEmpty() ? Double.NaN : 100.0 * survived / ok.size());
        m.put("registeredMedianMs", percentile(reg, 50));
        m.put("registeredP90Ms", percentile(reg, 90));
        m.put("dataMedianMs", percentile(data, 50));
        m.put("dataP90Ms", percentile(data, 90));
        m.put("newSessionMedianMs", percentile(values(ok, ChurnAttempt.Result::newSessionMs), 50));
        return m;
    }

    private static String reading(String event, List<ChurnAttempt.Result> group) {
        Map<String, Object> m = summary(group);
        int measured = (int) m.get("measured");
        if (measured == 0) {
            return event + ": no attempt applied (" + group.size() + " tried"
                    + (event.equals(ChurnSettings.RELAY_DEATH) ? "; relay death needs a session left on the relay)"
                    : "; none got a session up)");
        }
        StringBuilder sb = new StringBuilder(event).append(": ").append(m.get("survived")).append(" of ")
                .append(measured).append(" sessions survived (").append(pct(m.get("survivalPct"))).append("), ")
                .append(m.get("direct")).append(" of them on a direct path at the event. The device registered again ")
                .append(seconds(m.get("registeredMedianMs"))).append(" (median; 90th percentile ")
                .append(seconds(m.get("registeredP90Ms"))).append(") after the ")
                .append(event.equals(ChurnSettings.DEVICE_ROAM) ? "roam" : "node's return")
                .append(Double.isNaN((double) m.get("dataMedianMs")) ? "; pings in the original session mostly never came back"
                        : "; pings in the original session came back " + seconds(m.get("dataMedianMs"))
                        + " (median) after the disruption began");
        double[] data = values(group.stream().filter(r -> r.outcome() == ChurnAttempt.Outcome.OK).toList(),
                ChurnAttempt.Result::dataMs);
        sb.append(data.length < measured ? " (" + (measured - data.length) + " never did)" : "").append('.');
        if (event.equals(ChurnSettings.RELAY_DEATH)) {
            sb.append(" A new session was up ").append(seconds(m.get("newSessionMedianMs")))
                    .append(" (median) after the node came back, the client connecting once the old session had "
                            + "ended.");
        }
        return sb.toString();
    }

    private static SequencedMap<String, double[]> samples(ChurnSettings s, List<ChurnAttempt.Result> results,
            ToDoubleFunction<ChurnAttempt.Result> metric) {
        SequencedMap<String, double[]> out = new LinkedHashMap<>();
        for (String event : s.events()) {
            double[] v = clamp(ofEvent(results, event).stream().mapToDouble(metric).toArray());
            out.put(event + " (n=" + countMeasured(v) + ")", v);
        }
        return out;
    }

    /** The log axis needs values above 0: anything under a microsecond is drawn at one. */
    private static double[] clamp(double[] v) {
        return java.util.Arrays.stream(v).map(x -> Double.isNaN(x) ? x : Math.max(x, 0.001)).toArray();
    }

    private static long countMeasured(double[] v) {
        return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).count();
    }

    private static double[] values(List<ChurnAttempt.Result> rs, ToDoubleFunction<ChurnAttempt.Result> metric) {
        return rs.stream().mapToDouble(metric).filter(x -> !Double.isNaN(x)).sorted().toArray();
    }

    /** Nearest-rank percentile of sorted values; NaN when there are none. */
    static double percentile(double[] sorted, int pct) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String pct(Object v) {
        return String.format(Locale.ROOT, "%.0f%%", (double) v);
    }

    private static String seconds(Object ms) {
        double v = (double) ms;
        return Double.isNaN(v) ? "never" : String.format(Locale.ROOT, "%.2f s", v / 1000);
    }
}
