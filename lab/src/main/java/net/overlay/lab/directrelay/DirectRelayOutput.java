package net.overlay.lab.directrelay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.directrelay.DirectRelayAttempt.Placement;
import net.overlay.lab.directrelay.DirectRelayAttempt.Result;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;

/**
 * Writes a direct-versus-relay run's data ({@code rtt-attempts.csv}, {@code rtt-pairs.csv},
 * {@code rtt-summary.json}), its charts ({@code rtt-cdf}: round trips relayed and direct;
 * {@code rtt-stretch}: relayed over direct per pair) and its report section, with a reading written
 * from the data and set against the probe-lab figure of REFERENCE.md. Stateless.
 */
public final class DirectRelayOutput {
    /** probe-lab: half of the peers get at most 70% of the relayed round trip after a punch. */
    static final double PROBE_LAB_DIRECT_SHARE = 0.7;
    static final List<String> ATTEMPT_HEADER = List.of("nat_device", "nat_client", "attempt", "seed", "device_region",
            "client_region", "relay_region", "device_access_ms", "client_access_ms", "relay_access_ms", "connected",
            "direct", "direct_at_ms", "relay_rtt_ms", "direct_rtt_ms", "stretch", "model_relay_rtt_ms",
            "model_direct_rtt_ms", "relay_samples", "direct_samples", "mixed_samples");
    static final List<String> PAIR_HEADER = List.of("nat_device", "nat_client", "attempts", "direct",
            "median_relay_rtt_ms", "median_direct_rtt_ms", "median_stretch", "p10_stretch", "p90_stretch",
            "direct_at_most_70pct", "direct_worse");

    private DirectRelayOutput() {}

    /** The report's opening sentence for a run alone. */
    public static String lead(DirectRelaySettings s) {
        return String.format(Locale.ROOT, "The first chart shows the distribution of the session's round trip over the "
                + "relay and over the direct path once punched, for %d NAT pairs x %d placements of device, client and "
                + "relay in %d regions; the second, the stretch (relayed over direct round trip) per pair; the table sums "
                + "up each pair.", s.pairs().size(), s.attempts(), s.regions().size());
    }

    /** Writes the data files and the charts, and adds the section to the report. */
    public static void write(DirectRelaySettings s, List<Result> rs, Outputs out) throws IOException {
        out.csv("rtt-attempts.csv", ATTEMPT_HEADER, rs.stream().map(DirectRelayOutput::attemptRow).toList());
        List<PairSummary> pairs = s.pairs().stream().map(p -> PairSummary.of(p, rs)).toList();
        List<List<Object>> pairRows = pairs.stream().map(PairSummary::row).toList();
        out.csv("rtt-pairs.csv", PAIR_HEADER, pairRows);
        PairSummary all = PairSummary.of(null, rs);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("all", all.json());
        json.put("pairs", pairs.stream().map(PairSummary::json).toList());
        out.json("rtt-summary.json", json);
        String cdf = out.chart("rtt-cdf", Charts.cdf("Session round trip over the relay and direct",
                "round-trip time (ms)", rttLines(rs), false), 1000, 600);
        SequencedMap<String, double[]> stretch = new LinkedHashMap<>();
        stretch.put(String.format(Locale.ROOT, "all pairs (n=%d)", all.stretches.length), all.stretches);
        for (PairSummary p : pairs) {
            if (p.stretches.length > 0 && pairs.size() > 1) {
                stretch.put(String.format(Locale.ROOT, "%s (n=%d)", p.name, p.stretches.length), p.stretches);
            }
        }
        String st = out.chart("rtt-stretch", Charts.cdf("Stretch: relayed round trip over direct round trip",
                "relayed RTT / direct RTT (log scale)", stretch, true), 1000, 600);
        section(s, rs, all, pairs, out.report(), cdf, st, pairRows);
    }

    private static SequencedMap<String, double[]> rttLines(List<Result> rs) {
        double[] relay = rs.stream().mapToDouble(Result::relayRttMs).filter(d -> !Double.isNaN(d)).toArray();
        double[] direct = rs.stream().mapToDouble(Result::directRttMs).filter(d -> !Double.isNaN(d)).toArray();
        SequencedMap<String, double[]> m = new LinkedHashMap<>();
        m.put(String.format(Locale.ROOT, "over the relay (n=%d)", relay.length), relay);
        m.put(String.format(Locale.ROOT, "direct (n=%d)", direct.length), direct);
        return m;
    }

    private static List<Object> attemptRow(Result r) {
        Placement p = r.placement();
        return List.of(r.pair().device().id(), r.pair().client().id(), r.attempt(), Long.toUnsignedString(r.seed()),
                Regions.NAMES.get(p.deviceRegion()), Regions.NAMES.get(p.clientRegion()),
                Regions.NAMES.get(p.relayRegion()), p.deviceAccessMs(), p.clientAccessMs(), p.relayAccessMs(),
                r.connected(), r.direct(), r.directAtMs(), r.relayRttMs(), r.directRttMs(), r.stretch(),
                p.modelRelayRttMs(), p.modelDirectRttMs(), r.relaySamples(), r.directSamples(), r.mixedSamples());
    }

    private static void section(DirectRelaySettings s, List<Result> rs, PairSummary all, List<PairSummary> pairs,
            Report report, String cdf, String stretch, List<List<Object>> pairRows) {
        report.section("Direct versus relayed round trip");
        report.note("What this measures: the round trip of application pings inside the real Noise session (Datagram "
                + "frames echoed by the device), first while the session runs over the relay and then once it has "
                + "moved to the punched direct path, on the in-memory network with the NAT models. Latencies are fixed "
                + "per placement (no jitter, no queueing, no loss), so each path's round trip is its propagation delay; "
                + "the region table is an illustration in round figures, not a measurement.");
        report.chart(cdf, String.format(Locale.ROOT, "Median round trip of each attempt over each path. Device and client "
                        + "drawn uniformly from %s with access latencies of %d-%d ms one way; relay placement '%s', relay "
                        + "access %d ms; a ping every %d ms for %d ms after the connect.", String.join(", ", s.regions()),
                s.accessMinMs(), s.accessMaxMs(), s.relayPlacement(), s.relayAccessMs(), s.pingIntervalMs(),
                s.measureMs()));
        report.chart(stretch, String.format(Locale.ROOT, "Relayed over direct round trip per attempt that had both. A "
                + "stretch of %.2f or more means the direct path takes at most 70%% of the relayed round trip (the "
                + "probe-lab figure); below 1, the direct path is slower.", 1 / PROBE_LAB_DIRECT_SHARE));
        for (String p : reading(rs, all, pairs)) {
            report.paragraph(p);
        }
        report.table("rtt-pairs", PAIR_HEADER, pairRows);
    }

    /** Paragraphs that read the results, each written from the data. */
    static List<String> reading(List<Result> rs, PairSummary all, List<PairSummary> pairs) {
        List<String> out = new ArrayList<>();
        long connected = rs.stream().filter(Result::connected).count();
        long direct = rs.stream().filter(Result::direct).count();
        List<String> relayOnly = pairs.stream().filter(p -> p.direct == 0).map(p -> p.name).toList();
        out.add(String.format(Locale.ROOT, "%d of %d attempts got a session and %d of them moved to a direct path%s.",
                connected, rs.size(), direct, relayOnly.isEmpty() ? ""
                        : "; never direct: " + String.join(", ", relayOnly) + " (their sessions stayed on the relay)"));
        if (all.stretches.length > 0) {
            out.add(String.format(Locale.ROOT, "Over the %d attempts that measured both paths: median round trip %.0f ms "
                            + "over the relay and %.0f ms direct; median stretch %.2f (10th percentile %.2f, 90th %.2f). In "
                            + "%.0f%% of them the direct path took at most 70%% of the relayed round trip, and in %.0f%% it "
                            + "was slower. The probe-lab report found, after a punch in the wild, that half of the peers got "
                            + "at most 70%% of the relayed round trip and 10%% a worse one (REFERENCE.md).",
                    all.stretches.length, all.medianRelayMs, all.medianDirectMs, all.medianStretch, all.p10Stretch,
                    all.p90Stretch, 100 * all.atMost70Share, 100 * all.worseShare));
            out.add((all.worseShare == 0 ? "Why no direct path is slower here" : "Why direct paths are rarely slower here")
                    + ": the model adds an access edge per side and a core latency per "
                    + "pair of regions that obeys the triangle inequality, and the relay adds its own edge twice; "
                    + "on the internet, routing detours and congested or shaped paths make the direct route the slower "
                    + "one for some peers. The stretch here comes only from where the relay sits: when it shares a "
                    + "region with the device or the client it stays close to 1, elsewhere it grows with the detour "
                    + "(placement 'device' or 'client' puts it there every time).");
        }
        out.add(modelCheck(rs));
        return out;
    }

    /** How far the measured round trips are from the placement's propagation delays. */
    private static String modelCheck(List<Result> rs) {
        double worst = 0;
        int n = 0;
        for (Result r : rs) {
            if (!Double.isNaN(r.relayRttMs())) {
                worst = Math.max(worst, Math.abs(r.relayRttMs() - r.placement().modelRelayRttMs()));
                n++;
            }
            if (!Double.isNaN(r.directRttMs())) {
                worst = Math.max(worst, Math.abs(r.directRttMs() - r.placement().modelDirectRttMs()));
                n++;
            }
        }
        return String.format(Locale.ROOT, "Check: the %d measured medians differ from the sum of the placement's "
                + "latencies by at most %.3f ms, so neither the relay nor the session adds delay of its own in this "
                + "model.", n, worst);
    }
}
