package net.overlay.lab.punch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.punch.PunchMatrix.Outcome;
import net.overlay.lab.punch.PunchMatrix.Pair;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import org.jfree.chart.JFreeChart;

/**
 * Writes a punch matrix's data ({@code punch-attempts.csv}, one row per attempt;
 * {@code punch-pairs.csv} and {@code punch-summary.json}, one entry per pair), its heatmap
 * ({@code punch-success.png/.svg}), and its report section with a reading of the results written
 * from the data and compared with the published figures of REFERENCE.md where they compare.
 */
public final class PunchOutput {
    static final List<String> ATTEMPT_HEADER = List.of("nat_a", "nat_b", "attempt", "seed", "latency_a_ms",
            "latency_b_ms", "skew_ms", "strategy", "success", "first_answer_ms", "direct_ms", "packets_a", "packets_b");
    static final List<String> PAIR_HEADER = List.of("nat_a", "nat_b", "strategy", "attempts", "successes",
            "success_pct", "median_direct_ms", "p90_direct_ms", "mean_packets");

    private PunchOutput() {}

    /** Writes the data files and the chart, and adds the section to the report. */
    public static void write(Outcome o, Outputs out) throws IOException {
        List<List<Object>> attemptRows = new ArrayList<>();
        for (PunchAttempt.Result r : o.attempts()) {
            attemptRows.add(List.of(r.a().id(), r.b().id(), r.attempt(), Long.toUnsignedString(r.seed()), r.latencyAMs(),
                    r.latencyBMs(), r.skewMs(), r.strategy(), r.success(), r.firstAnswerMs(), r.directMs(),
                    r.packetsA(), r.packetsB()));
        }
        out.csv("punch-attempts.csv", ATTEMPT_HEADER, attemptRows);
        List<List<Object>> pairRows = o.pairs().stream().map(PunchOutput::pairRow).toList();
        out.csv("punch-pairs.csv", PAIR_HEADER, pairRows);
        out.json("punch-summary.json", summary(o));
        String svg = out.chart("punch-success", heatmap(o), 1000, 820);
        section(o, out.report(), svg, pairRows);
    }

    private static List<Object> pairRow(Pair p) {
        return List.of(p.a().id(), p.b().id(), p.strategy(), p.attempts(), p.successes(), p.successPct(),
                p.medianDirectMs(), p.p90DirectMs(), p.meanPackets());
    }

    static JFreeChart heatmap(Outcome o) {
        List<String> names = o.settings().presets().stream().map(NatPreset::id).toList();
        return Charts.heatmap(String.format(Locale.ROOT,
                        "Hole-punch success by NAT pair (bare datagrams, %d attempts per pair)", o.settings().attempts()),
                "NAT of side b (starts up to " + o.settings().startSkewMaxMs() + " ms later)", "NAT of side a",
                names, names, PunchMatrix.successGrid(o), "attempts with a two-way direct path (%)");
    }

    private static Map<String, Object> summary(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        Totals t = Totals.of(o);
        m.put("attempts", t.attempts);
        m.put("successes", t.successes);
        m.put("successPct", round(t.successPct()));
        m.put("birthdayTheoryPct", round(birthdayTheoryPct(o.settings())));
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

    private record Totals(int attempts, int successes, List<Double> directMs) {
        static Totals of(Outcome o) {
            List<Double> times = new ArrayList<>();
            int ok = 0;
            for (PunchAttempt.Result r : o.attempts()) {
                if (r.success()) {
                    ok++;
                    times.add(r.directMs());
                }
            }
            return new Totals(o.attempts().size(), ok, times);
        }

        double successPct() {
            return 100.0 * successes / attempts;
        }
    }

    /**
     * Birthday odds when the easy side filters by port: the hard side holds {@code budget + 1}
     * mappings (its primary socket and the extra ones) on random ports, and the easy side makes
     * {@code budget} random guesses over the guessed range; a guess hits with probability
     * mappings / range (danderson/nat-birthday-paradox's model).
     */
    static double birthdayTheoryPct(PunchSettings s) {
        PunchConfig c = s.punchConfig();
        if (s.birthdayBudget() == 0) {
            return 0;
        }
        double range = c.birthdayPortHigh() - c.birthdayPortLow() + 1;
        return 100 * (1 - Math.pow(1 - (s.birthdayBudget() + 1) / range, s.birthdayBudget()));
    }

    private static void section(Outcome o, Report report, String svg, List<List<Object>> pairRows) {
        PunchSettings s = o.settings();
        report.section("Hole punching by NAT pair");
        report.note("What this measures: the punch PLANNER and the NAT MODELS, with bare datagrams on the in-memory "
                + "network (each side runs its PunchPlan: priming, probe rounds, port prediction, birthday guesses). "
                + "It is not yet the full encrypted protocol: no Noise sessions, no rendezvous messages, no relay "
                + "(issue #3 brings that). A failed pair here would fall back to the relay.");
        report.chart(svg, "Share of attempts in which both sides got an answer to a probe, per pair of NAT presets "
                + "(symmetric: each unordered pair was run once, side a starting first). One-way edge latency drawn per "
                + "side from " + s.latencyMinMs() + "-" + s.latencyMaxMs() + " ms; birthday budget "
                + s.birthdayBudget() + "; " + s.probeRounds() + " probe rounds.");
        for (String p : reading(o)) {
            report.paragraph(p);
        }
        report.table("punch-pairs", PAIR_HEADER, pairRows);
    }

    /** Paragraphs that read the results, each written from the data. */
    static List<String> reading(Outcome o) {
        List<String> out = new ArrayList<>();
        Totals t = Totals.of(o);
        out.add(outcomeReading(o, t));
        List<String> wasted = o.pairs().stream().filter(p -> p.successes() == 0 && !p.strategy().equals("relay-only"))
                .map(p -> String.format(Locale.ROOT, "%s / %s (%s, %.0f datagrams an attempt)", p.a().id(), p.b().id(),
                        p.strategy(), p.meanPackets())).toList();
        if (!wasted.isEmpty()) {
            out.add("The planner still punched where no attempt met: " + String.join(", ", wasted)
                    + ". Going straight to the relay there would save those datagrams.");
        }
        if (!t.directMs().isEmpty()) {
            double[] sorted = t.directMs().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            PunchSettings s = o.settings();
            out.add(String.format(Locale.ROOT, "Time from the punch start to a two-way direct path, over the %d "
                            + "successful attempts: median %.0f ms, 90th percentile %.0f ms, maximum %.0f ms (one-way edge "
                            + "latencies %d-%d ms per side, so a round trip is %d-%d ms).", sorted.length,
                    PunchMatrix.percentile(sorted, 50), PunchMatrix.percentile(sorted, 90), sorted[sorted.length - 1],
                    s.latencyMinMs(), s.latencyMaxMs(), 4 * s.latencyMinMs(), 4 * s.latencyMaxMs()));
        }
        birthdayReading(o).ifPresent(out::add);
        out.add(String.format(Locale.ROOT, "Against the field: libp2p DCUtR measured 70%% +/- 7.1%% over 4.4 M attempts, "
                + "Tailscale reports direct paths 'well north of 90%%', and 'almost never' when both peers sit behind a "
                + "symmetric cloud NAT gateway (REFERENCE.md). Those figures weigh NATs as they occur in the wild; this "
                + "matrix weighs every pair of presets equally, so its overall %.1f%% is not comparable to them.%s",
                t.successPct(), hardPairsReading(o)));
        return out;
    }

    /** How many pairs always, never and sometimes met, naming the last two. */
    private static String outcomeReading(Outcome o, Totals t) {
        int always = 0;
        List<String> never = new ArrayList<>();
        List<String> between = new ArrayList<>();
        for (Pair p : o.pairs()) {
            String name = p.a().id() + " / " + p.b().id();
            if (p.successes() == p.attempts()) {
                always++;
            } else if (p.successes() == 0) {
                never.add(name + " (" + p.strategy() + ")");
            } else {
                between.add(String.format(Locale.ROOT, "%s %.0f%% (%s)", name, p.successPct(), p.strategy()));
            }
        }
        return String.format(Locale.ROOT, "Of %d NAT pairs, %d met directly in every attempt, %d never did%s, and %d "
                        + "sometimes%s. Over all %d attempts, %.1f%% got a two-way direct path.", o.pairs().size(), always,
                never.size(), never.isEmpty() ? "" : " (" + String.join(", ", never) + ")", between.size(),
                between.isEmpty() ? "" : " (" + String.join(", ", between) + ")", t.attempts(), t.successPct());
    }

    /** What compares per pair with the field: both sides behind a random symmetric NAT. */
    private static String hardPairsReading(Outcome o) {
        int n = 0;
        int ok = 0;
        for (Pair p : o.pairs()) {
            if (PunchAttempt.summaryOf(p.a()).isHard() && PunchAttempt.summaryOf(p.b()).isHard()) {
                n += p.attempts();
                ok += p.successes();
            }
        }
        return n == 0 ? "" : String.format(Locale.ROOT, " What compares is per pair: with a random symmetric NAT on "
                + "both sides (symmetric-random, cloud-nat) %d of %d attempts met here.", ok, n);
    }

    private static Optional<String> birthdayReading(Outcome o) {
        int n = 0;
        int ok = 0;
        List<String> names = new ArrayList<>();
        for (Pair p : o.pairs()) {
            if (p.strategy().equals("birthday") && p.successes() < p.attempts()) {
                n += p.attempts();
                ok += p.successes();
                names.add(p.a().id() + " / " + p.b().id());
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        double pct = 100.0 * ok / n;
        double[] ci = wilson(ok, n);
        PunchSettings s = o.settings();
        return Optional.of(String.format(Locale.ROOT, "Birthday probing where the easy side filters by port "
                        + "(%s): %d of %d attempts, %.1f%% (95%% interval %.0f-%.0f%%). Theory for %d mappings on the hard side "
                        + "and %d guesses over %d ports: %.1f%%; REFERENCE.md (nat-birthday-paradox) gives 86%% over 32,768 "
                        + "ports and 64%% over 65,536 for 256 x 256.", String.join(", ", names), ok, n, pct, ci[0], ci[1],
                s.birthdayBudget() + 1, s.birthdayBudget(),
                s.punchConfig().birthdayPortHigh() - s.punchConfig().birthdayPortLow() + 1, birthdayTheoryPct(s)));
    }

    /** Wilson score interval at 95%, in percent. */
    static double[] wilson(int ok, int n) {
        double z = 1.96;
        double p = ok / (double) n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)};
    }
}
