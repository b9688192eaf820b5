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
            "sim_direct", "sim_relayed", "sim_failed", "sim_outcome", "sim_direct_median_ms", "sim_digest");
    static final List<String> PAIR_HEADER = List.of("pair", "device_preset", "client_preset", "testbed_outcome",
            "testbed_session_ms", "testbed_direct_ms", "load_average", "sim_outcome", "sim_direct", "sim_attempts",
            "sim_direct_median_ms", "agree", "reason");

    private SimVsRealOutput() {}

    static void write(SimVsRealSettings s, List<PairRow> rows, Outputs out) throws IOException {
        out.csv("simvsreal-sim.csv", SIM_HEADER, rows.stream().map(r -> List.<Object>of(r.pair().id(),
                preset(r, true), preset(r, false), r.sim().attempts(), r.sim().direct(), r.sim().relayed(),
                r.sim().failed(), r.sim().majority(), r.sim().directMedianMs(), r.sim().digest())).toList());
        List<List<Object>> table = new ArrayList<>();
        for (PairRow r : rows) {
            String real = r.real().outcome().name().toLowerCase(Locale.ROOT);
            boolean agree = real.equals(r.sim().majority());
            table.add(List.of(r.pair().id(), preset(r, true), preset(r, false), real, r.real().sessionMs(),
                    r.real().directMs(), r.real().loadAverage(), r.sim().majority(), r.sim().direct(),
                    r.sim().attempts(), r.sim().directMedianMs(), agree ? "yes" : "no", agree ? "" : reason(s, r)));
        }
        out.csv("simvsreal-pairs.csv", PAIR_HEADER, table);
        Report report = out.report();
        report.note(String.format(Locale.ROOT, "Testbed: one attempt per pair on a fresh testbed (%d core routers, "
                + "a %d ms delay line on each site), the dev rendezvous in the internet host, the device in site b "
                + "(the pair's first NAT), the client in site a (the second); 'direct' means the "
                + "client printed a direct path within %d s of its session. Times are wall clock on this machine, "
                + "including the agents' polling and JVM scheduling, and change with its load (the load average "
                + "column). Simulator: the device workload with one region, %d ms edges, no loss or jitter, %d "
                + "attempts per pair, presets linux-masquerade for masquerade and symmetric-random for random and "
                + "fully-random (both give a new mapping per destination on an unpredictable port); its times are "
                + "virtual, from the session being up to the direct path.", s.coreHops(), s.delayMs(),
                s.directWithinS(), s.delayMs(), s.simConnects()));
        SequencedMap<String, List<Charts.Point>> points = new LinkedHashMap<>();
        points.put("pairs direct in both", rows.stream().filter(r -> !Double.isNaN(r.real().directMs())
                && !Double.isNaN(r.sim().directMedianMs())).map(r -> new Charts.Point(r.pair().id(),
                r.sim().directMedianMs(), r.real().directMs())).toList());
        if (!points.firstEntry().getValue().isEmpty()) {
            report.chart(out.chart("simvsreal-direct-time", Charts.points("Session up to direct path",
                    "simulator, median (ms, virtual)", "testbed (ms, wall clock)", points, false), 900, 520),
                    "Time from the session being up to the direct path: the testbed's one attempt against the "
                    + "simulator's median, for the pairs that went direct in both.");
        }
        report.section("Reading");
        long agreeing = table.stream().filter(row -> row.get(11).equals("yes")).count();
        report.paragraph(String.format(Locale.ROOT, "The testbed and the simulator agree on %d of %d pairs.",
                agreeing, rows.size()));
        report.table("simvsreal-pairs", PAIR_HEADER, table);
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
        String load = String.format(Locale.ROOT, " (load average %.1f)", real.loadAverage());
        if (real.outcome() == RealPair.Outcome.FAILED) {
            return "no session on the testbed within " + s.sessionWithinS() + " s" + load + ": " + real.detail();
        }
        if (sim.majority().equals("mixed")) {
            return String.format(Locale.ROOT, "the simulator's outcomes are split (%d direct, %d relayed of %d): "
                    + "one testbed attempt can fall on either side", sim.direct(), sim.relayed(), sim.attempts());
        }
        if (real.outcome() == RealPair.Outcome.RELAYED && sim.majority().equals("direct")) {
            if (bothEasy) {
                return "conntrack port clash: when one agent is late (CPU-starved JVM" + load + "), the peer's "
                        + "full-TTL probe reaches its NAT first, is taken for an inbound flow, and the late side's "
                        + "mapping is remapped to another port; the agents probe for 2 s and never punch again "
                        + "(docs/testbed.md, finding). The simulator's agents are never late.";
            }
            return String.format(Locale.ROOT, "the simulator went direct in %d of %d attempts (birthday probing "
                    + "against a uniform random port in 32768-65535); the testbed's one attempt did not: the "
                    + "kernel picks masquerade ports from 1024-65535 (a larger space, fewer collisions), "
                    + "'random' by a keyed hash, and its agents may be late under load%s", sim.direct(),
                    sim.attempts(), load);
        }
        if (real.outcome() == RealPair.Outcome.DIRECT && !sim.majority().equals("direct")) {
            return String.format(Locale.ROOT, "the testbed went direct where the simulator mostly did not (%d of %d "
                    + "direct): the kernel was more permissive than the preset here; not examined further",
                    sim.direct(), sim.attempts());
        }
        return "outcomes differ (testbed " + real.outcome().name().toLowerCase(Locale.ROOT) + ", simulator "
                + sim.majority() + ")" + load;
    }
}
