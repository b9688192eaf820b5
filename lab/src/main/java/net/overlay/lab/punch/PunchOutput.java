package net.overlay.lab.punch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.punch.PunchMatrix.Outcome;
import net.overlay.lab.punch.PunchMatrix.Pair;
import net.overlay.lab.punch.PunchReading.Totals;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import org.jfree.chart.JFreeChart;

/**
 * Writes a punch matrix's data ({@code punch-attempts.csv}, one row per attempt;
 * {@code punch-pairs.csv} and {@code punch-summary.json}, one entry per pair), its charts (the
 * success heatmap {@code punch-success} and the time CDFs {@code punch-times}), and its report
 * section, whose reading {@link PunchReading} writes from the data. Called by the punch-matrix and
 * quickstart scenarios; stateless.
 */
public final class PunchOutput {
    static final List<String> BARE_ATTEMPT_HEADER = List.of("nat_a", "nat_b", "attempt", "seed", "latency_a_ms",
            "latency_b_ms", "skew_ms", "strategy", "success", "first_answer_ms", "direct_ms", "packets_a", "packets_b");
    static final List<String> PROTOCOL_ATTEMPT_HEADER = List.of("nat_a", "nat_b", "attempt", "seed", "device_side",
            "latency_a_ms", "latency_b_ms", "strategy", "connected", "success", "relayed", "first_byte_ms", "direct_ms",
            "fallbacks", "packets_a", "packets_b");
    static final List<String> PAIR_HEADER = List.of("nat_a", "nat_b", "strategy", "attempts", "successes",
            "success_pct", "relayed", "median_first_ms", "median_direct_ms", "p90_direct_ms", "mean_packets");

    private PunchOutput() {}

    /** Writes the data files and the charts, and adds the section to the report. */
    public static void write(Outcome o, Outputs out) throws IOException {
        boolean protocol = o.settings().engine() == PunchSettings.Engine.PROTOCOL;
        List<List<Object>> attemptRows = new ArrayList<>();
        for (PunchAttempt.Result r : o.attempts()) {
            attemptRows.add(protocol ? protocolRow(r) : bareRow(r));
        }
        out.csv("punch-attempts.csv", protocol ? PROTOCOL_ATTEMPT_HEADER : BARE_ATTEMPT_HEADER, attemptRows);
        List<List<Object>> pairRows = o.pairs().stream().map(PunchOutput::pairRow).toList();
        out.csv("punch-pairs.csv", PAIR_HEADER, pairRows);
        out.json("punch-summary.json", summary(o));
        String heatmap = out.chart("punch-success", heatmap(o), 1000, 820);
        String times = out.chart("punch-times", timesCdf(o), 1000, 600);
        section(o, out.report(), heatmap, times, pairRows);
    }

    private static List<Object> bareRow(PunchAttempt.Result r) {
        return List.of(r.a().id(), r.b().id(), r.attempt(), Long.toUnsignedString(r.seed()), r.latencyAMs(),
                r.latencyBMs(), r.skewMs(), r.strategy(), r.success(), r.firstMs(), r.directMs(), r.packetsA(),
                r.packetsB());
    }

    private static List<Object> protocolRow(PunchAttempt.Result r) {
        return List.of(r.a().id(), r.b().id(), r.attempt(), Long.toUnsignedString(r.seed()), r.deviceSide(),
                r.latencyAMs(), r.latencyBMs(), r.strategy(), r.connected(), r.success(), r.relayed(), r.firstMs(),
                r.directMs(), r.fallbacks(), r.packetsA(), r.packetsB());
    }

    private static List<Object> pairRow(Pair p) {
        return List.of(p.a().id(), p.b().id(), p.strategy(), p.attempts(), p.successes(), p.successPct(), p.relayed(),
                p.medianFirstMs(), p.medianDirectMs(), p.p90DirectMs(), p.meanPackets());
    }

    static JFreeChart heatmap(Outcome o) {
        List<String> names = o.settings().presets().stream().map(NatPreset::id).toList();
        boolean protocol = o.settings().engine() == PunchSettings.Engine.PROTOCOL;
        return Charts.heatmap(String.format(Locale.ROOT, "Hole-punch success by NAT pair (%s, %d attempts per pair)",
                        protocol ? "full protocol" : "bare datagrams", o.settings().attempts()),
                protocol ? "NAT of side b (device in odd attempts)" : "NAT of side b (starts up to "
                        + o.settings().startSkewMaxMs() + " ms later)",
                protocol ? "NAT of side a (device in even attempts)" : "NAT of side a",
                names, names, PunchMatrix.successGrid(o), "attempts with a two-way direct path (%)");
    }

    /** CDFs of the time to a direct path per strategy class, and of the time to first byte (or answer). */
    static JFreeChart timesCdf(Outcome o) {
        boolean protocol = o.settings().engine() == PunchSettings.Engine.PROTOCOL;
        Map<String, List<Double>> byClass = new TreeMap<>();
        List<Double> firsts = new ArrayList<>();
        for (PunchAttempt.Result r : o.attempts()) {
            if (!Double.isNaN(r.firstMs())) {
                firsts.add(r.firstMs());
            }
            if (r.success()) {
                byClass.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r.directMs());
            }
        }
        SequencedMap<String, double[]> lines = new LinkedHashMap<>();
        lines.put(String.format(Locale.ROOT, "%s, all attempts (n=%d)",
                protocol ? "first byte over the relay" : "first answer", firsts.size()), toArray(firsts));
        byClass.forEach((k, v) -> lines.put(String.format(Locale.ROOT, "direct both ways, %s (n=%d)", k, v.size()),
                toArray(v)));
        return Charts.cdf(protocol ? "Time from the connect command to first byte and to a direct path"
                : "Time from the punch start to first answer and to a direct path", "time (ms)", lines, false);
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Map<String, Object> summary(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        Totals t = Totals.of(o);
        m.put("engine", o.settings().engine().id());
        m.put("attempts", t.attempts());
        m.put("connected", t.connected());
        m.put("successes", t.successes());
        m.put("relayed", t.relayed());
        m.put("fallbacks", t.fallbacks());
        m.put("successPct", round(t.successPct()));
        m.put("birthdayTheoryPct", round(PunchReading.birthdayTheoryPct(o.settings())));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (Pair p : o.pairs()) {
            Map<String, Object> e = new LinkedHashMap<>();
            List<Object> row = pairRow(p);
            for (int i = 0; i < PAIR_HEADER.size(); i++) {
                Object v = row.get(i);
                e.put(PAIR_HEADER.get(i), v instanceof Double d ? (Double.isNaN(d) ? null : round(d)) : v);
            }
            pairs.add(e);
        }
        m.put("pairs", pairs);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void section(Outcome o, Report report, String heatmap, String times, List<List<Object>> pairRows) {
        PunchSettings s = o.settings();
        boolean protocol = s.engine() == PunchSettings.Engine.PROTOCOL;
        report.section("Hole punching by NAT pair");
        if (protocol) {
            report.note("What this measures: the real encrypted protocol, the same code a deployment runs (device "
                    + "agent, client, rendezvous with relay): RFC 5780 NAT discovery, registration, the connect request, "
                    + "a Noise IK session that comes up over the relay first, then both sides punch (priming, probes, "
                    + "port prediction, birthday probing) and the session migrates to the direct path. It runs on the "
                    + "in-memory network with the NAT models, without loss or jitter: real NATs and links will differ.");
        } else {
            report.note("What this measures: the punch PLANNER and the NAT MODELS, with bare datagrams on the in-memory "
                    + "network (each side runs its PunchPlan: priming, probe rounds, port prediction, birthday guesses). "
                    + "It is not the encrypted protocol (engine 'bare'; the default engine 'protocol' runs it). A "
                    + "failed pair here would fall back to the relay.");
        }
        report.chart(heatmap, "Share of attempts in which both sides " + (protocol ? "moved the session to a direct path"
                : "got an answer to a probe") + ", per pair of NAT presets (symmetric: each unordered pair was run once"
                + (protocol ? ", the device on side a in even attempts and on side b in odd ones" : ", side a starting first")
                + "). One-way edge latency drawn per side from " + s.latencyMinMs() + "-" + s.latencyMaxMs()
                + " ms" + (protocol ? "; rendezvous and relay edge " + s.rendezvousLatencyMs() + " ms" : "")
                + "; birthday budget " + s.birthdayBudget() + "; " + s.probeRounds() + " probe rounds.");
        report.chart(times, protocol ? "Cumulative distributions of the time from the connect command to the session "
                + "being up over the relay (first byte), and to a direct path both ways, per strategy the planner chose."
                : "Cumulative distributions of the time from the punch start to the first answer, and to a direct path "
                + "both ways, per strategy the planner chose.");
        for (String p : PunchReading.reading(o)) {
            report.paragraph(p);
        }
        report.table("punch-pairs", PAIR_HEADER, pairRows);
    }
}
