package net.overlay.lab.punch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.lab.punch.PunchMatrix.Outcome;
import net.overlay.lab.punch.PunchMatrix.Pair;

/**
 * The paragraphs of a punch matrix's report that read its results: each written from the data and
 * set against the published figures of REFERENCE.md where they compare. Called by
 * {@link PunchOutput}; stateless.
 */
final class PunchReading {
    private PunchReading() {}

    /** Totals over every attempt of a matrix. */
    record Totals(int attempts, int successes, int connected, int relayed, int fallbacks, List<Double> directMs,
            List<Double> firstMs) {
        static Totals of(Outcome o) {
            List<Double> times = new ArrayList<>();
            List<Double> firsts = new ArrayList<>();
            int ok = 0;
            int connected = 0;
            int relayed = 0;
            int fallbacks = 0;
            for (PunchAttempt.Result r : o.attempts()) {
                connected += r.connected() ? 1 : 0;
                relayed += r.relayed() ? 1 : 0;
                fallbacks += r.fallbacks();
                if (!Double.isNaN(r.firstMs())) {
                    firsts.add(r.firstMs());
                }
                if (r.success()) {
                    ok++;
                    times.add(r.directMs());
                }
            }
            return new Totals(o.attempts().size(), ok, connected, relayed, fallbacks, times, firsts);
        }

        double successPct() {
            return 100.0 * successes / attempts;
        }
    }

    /** Paragraphs that read the results, each written from the data. */
    static List<String> reading(Outcome o) {
        List<String> out = new ArrayList<>();
        Totals t = Totals.of(o);
        boolean protocol = o.settings().engine() == PunchSettings.Engine.PROTOCOL;
        out.add(outcomeReading(o, t));
        if (protocol) {
            out.add(firstByteReading(o, t));
        }
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
            out.add(String.format(Locale.ROOT, "Time from the %s to a two-way direct path, over the %d "
                            + "successful attempts: median %.0f ms, 90th percentile %.0f ms, maximum %.0f ms (one-way edge "
                            + "latencies %d-%d ms per side, so a direct round trip is %d-%d ms%s).",
                    protocol ? "connect command" : "punch start", sorted.length, PunchMatrix.percentile(sorted, 50),
                    PunchMatrix.percentile(sorted, 90), sorted[sorted.length - 1], s.latencyMinMs(), s.latencyMaxMs(),
                    4 * s.latencyMinMs(), 4 * s.latencyMaxMs(), protocol ? String.format(Locale.ROOT,
                            "; the punch waits for the relayed handshake and half a relayed round trip, the rendezvous "
                                    + "edge adding %d ms each way", s.rendezvousLatencyMs()) : ""));
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

    /** Relay first: whether every session came up, how fast, and how many stayed on the relay. */
    private static String firstByteReading(Outcome o, Totals t) {
        double[] sorted = t.firstMs().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String times = sorted.length == 0 ? "" : String.format(Locale.ROOT, " The session was up over the relay "
                        + "(first byte) a median %.0f ms after the connect command (90th percentile %.0f ms, maximum %.0f "
                        + "ms): the connect request's round trip to the rendezvous and the relayed Noise IK handshake.",
                PunchMatrix.percentile(sorted, 50), PunchMatrix.percentile(sorted, 90), sorted[sorted.length - 1]);
        return String.format(Locale.ROOT, "Relay first: %d of %d attempts got a session; %d of them moved to a direct "
                        + "path, %d stayed on the relay for the whole attempt (%d s of virtual time), and %d times a direct "
                        + "path died and the session fell back to the relay.%s", t.connected(), t.attempts(),
                t.successes(), t.relayed(), o.settings().attemptTimeoutMs() / 1000, t.fallbacks(), times);
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
