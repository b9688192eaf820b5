package net.overlay.lab.simreal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.chart.Charts;
import net.overlay.lab.report.Outputs;
import net.overlay.lab.report.Report;
import net.overlay.lab.simreal.SimVsRealScenario.PairRow;

/**
 * Writes a sim-vs-real run: {@code simvsreal-sim.csv} (the simulator's half: depends only on the
 * seed and repeats), {@code simvsreal-pairs.csv} (both halves, agreement and reason; the testbed's
 * half is a measurement), the chart {@code simvsreal-direct-time} and the report's table and
 * reading. Called by {@link SimVsRealScenario}.
 */
final class SimVsRealOutput {
    static final List<String> SIM_HEADER = List.of("pair", "device_preset", "client_preset", "sim_attempts",
            "sim_direct", "sim_relayed", "sim_failed", "sim_outcome", "sim_direct_median_ms", "sim_strategies", "sim_digest");
    static final List<String> PAIR_HEADER = List.of("pair", "device_preset", "client_preset", "testbed_outcome",
            "testbed_direct", "testbed_relayed", "testbed_failed", "testbed_session_median_ms",
            "testbed_direct_median_ms", "load_average", "sim_outcome", "sim_direct", "sim_attempts",
            "sim_direct_median_ms", "sim_strategies", "agree", "reason");
    private static final int AGREE = PAIR_HEADER.indexOf("agree");

    private SimVsRealOutput() {}

    static void write(SimVsRealSettings s, List<PairRow> rows, Outputs out) throws IOException {
        out.csv("simvsreal-sim.csv", SIM_HEADER, rows.stream().map(r -> List.<Object>of(r.pair().id(),
                preset(r, true), preset(r, false), r.sim().attempts(), r.sim().direct(), r.sim().relayed(),
                r.sim().failed(), r.sim().majority(), r.sim().directMedianMs(), r.sim().strategies(),
                r.sim().digest())).toList());
        List<List<Object>> table = new ArrayList<>();
        for (PairRow r : rows) {
            RealPair.Result real = r.real();
            boolean agree = real.majority().equals(r.sim().majority());
            table.add(List.of(r.pair().id(), preset(r, true), preset(r, false), real.majority(), real.direct(),
                    real.relayed(), real.failed(), real.sessionMedianMs(), real.directMedianMs(), real.loadAverage(),
                    r.sim().majority(), r.sim().direct(), r.sim().attempts(), r.sim().directMedianMs(),
                    r.sim().strategies(), agree ? "yes" : "no", agree ? "" : reason(s, r)));
        }
        out.csv("simvsreal-pairs.csv", PAIR_HEADER, table);
        Report report = out.report();
        report.note(String.format(Locale.ROOT, "Testbed: per pair a fresh testbed (%d core routers, "
                + "a %d ms delay line on each site), the dev rendezvous in the internet host, the device in site b "
                + "(the pair's first NAT), and %d clients one after another in site a (the second); 'direct' means "
                + "the client printed a direct path within %d s of its session; a pair's outcome is that of more "
                + "than half its attempts, else 'mixed'. Times are wall clock on this machine, "
                + "including the agents' polling and JVM scheduling, and change with its load (the load average "
                + "column). Simulator: the device workload with one region, %d ms edges, no loss or jitter, %d "
                + "attempts per pair, presets linux-masquerade for masquerade and linux-masquerade-random for random "
                + "and fully-random (on this kernel both draw a fresh port from 1024-65535 for every new flow, as "
                + "measured with conntrack; docs/testbed.md); its times are virtual, from the session being up to "
                + "the direct path.", s.coreHops(), s.delayMs(),
                s.attempts(), s.directWithinS(), s.delayMs(), s.simConnects()));
        SequencedMap<String, List<Charts.Point>> points = new LinkedHashMap<>();
        points.put("pairs direct in both", rows.stream().filter(r -> !Double.isNaN(r.real().directMedianMs())
                && !Double.isNaN(r.sim().directMedianMs())).map(r -> new Charts.Point(r.pair().id(),
                r.sim().directMedianMs(), r.real().directMedianMs())).toList());
        if (!points.firstEntry().getValue().isEmpty()) {
            report.chart(out.chart("simvsreal-direct-time", Charts.points("Session up to direct path",
                    "simulator, median (ms, virtual)", "testbed (ms, wall clock)", points, false), 900, 520),
                    "Time from the session being up to the direct path: the testbed's median against the "
                    + "simulator's, for the pairs that went direct in both.");
        }
        report.section("Reading");
        long agreeing = table.stream().filter(row -> row.get(AGREE).equals("yes")).count();
        report.paragraph(String.format(Locale.ROOT, "The testbed and the simulator agree on %d of %d pairs.",
                agreeing, rows.size()));
        report.table("simvsreal-pairs", PAIR_HEADER, table);
    }

    /**
     * A birthday pair whose majorities differ: whether the testbed's count is a likely draw from the
     * simulator's rate. Both worlds now draw the random side's ports from 1024-65535 and guess only
     * after the hard side's BirthdayReady, the two measured causes of the old gap (docs/lab.md).
     */
    private static String birthdayReason(RealPair.Result real, SimPair.Result sim, String counts) {
        double rate = sim.attempts() == 0 ? 0 : (double) sim.direct() / sim.attempts();
        double p = tailProbability(real.direct(), real.attempts(), rate);
        String odds = String.format(Locale.ROOT, "birthday probing (%s): the simulator went direct in %.0f%% of its "
                + "attempts; a count this far from that rate on %d testbed attempts has probability %.2f", counts,
                100 * rate, real.attempts(), p);
        return p >= 0.05 ? odds + ", so the difference is sampling: the two worlds agree on the odds"
                : odds + ": more than sampling, cause not isolated by this run";
    }

    /**
     * P(X <= k) when k is below the expectation, else P(X >= k), for X ~ Binomial(n, rate): how
     * likely a count at least this far out on the same side is.
     */
    static double tailProbability(int k, int n, double rate) {
        boolean low = k <= n * rate;
        double sum = 0;
        for (int x = 0; x <= n; x++) {
            if (low ? x <= k : x >= k) {
                sum += binomial(n, x) * Math.pow(rate, x) * Math.pow(1 - rate, n - x);
            }
        }
        return Math.min(1, sum);
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    private static String preset(PairRow r, boolean device) {
        return SimVsRealSettings.presetOf(device ? r.pair().device() : r.pair().client()).id();
    }

    /** Why the two halves differ, from what each saw; the candidates are the known differences of the models. */
    static String reason(SimVsRealSettings s, PairRow r) {
        RealPair.Result real = r.real();
        SimPair.Result sim = r.sim();
        boolean bothEasy = SimVsRealSettings.presetOf(r.pair().device()) == NatPreset.LINUX_MASQUERADE
                && SimVsRealSettings.presetOf(r.pair().client()) == NatPreset.LINUX_MASQUERADE;
        String counts = String.format(Locale.ROOT, "testbed %d direct, %d relayed, %d failed of %d; simulator %d "
                + "direct of %d; load average %.1f", real.direct(), real.relayed(), real.failed(), real.attempts(),
                sim.direct(), sim.attempts(), real.loadAverage());
        if (real.majority().equals("failed")) {
            return "no session on the testbed within " + s.sessionWithinS() + " s (" + counts + "): " + real.detail();
        }
        if (sim.majority().equals("direct") && !real.majority().equals("direct")) {
            if (bothEasy) {
                return "conntrack port clash (" + counts + "): when one agent is late (a CPU-starved JVM), the "
                        + "peer's full-TTL probe reaches its NAT first, is taken for an inbound flow, and the late "
                        + "side's mapping is remapped to another port; the agents probe for 2 s and punch again only "
                        + "35 s later, past the wait of this run (docs/testbed.md, finding). The simulator's agents "
                        + "are never late.";
            }
            return birthdayReason(real, sim, counts);
        }
        if (real.majority().equals("direct") && !sim.majority().equals("direct")) {
            return "the kernel was more permissive than the preset here (" + counts + "); not examined further";
        }
        if (sim.strategies().contains("birthday")) {
            return birthdayReason(real, sim, counts);
        }
        if (sim.majority().equals("mixed") || real.majority().equals("mixed")) {
            return "split outcomes (" + counts + "): a few attempts can fall on either side";
        }
        return "outcomes differ (" + counts + ")";
    }
}
