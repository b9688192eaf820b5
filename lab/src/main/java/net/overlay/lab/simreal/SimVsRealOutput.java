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
                + "attempts per pair, presets linux-masquerade for masquerade and symmetric-random for random and "
                + "fully-random (both give a new mapping per destination on an unpredictable port); its times are "
                + "virtual, from the session being up to the direct path.", s.coreHops(), s.delayMs(),
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
                        + "side's mapping is remapped to another port; the agents probe for 2 s and never punch "
                        + "again (docs/testbed.md, finding). The simulator's agents are never late.";
            }
            return "a symmetric side against the kernel (" + counts + "; the simulator punched by "
                    + sim.strategies() + "): the model's symmetric-random draws a uniform port in 32768-65535, "
                    + "while nf_nat, given no range, picks from 1024-65535 ('random' by a keyed hash of the flow): "
                    + "a larger space in which guessed or birthday ports meet less often; conntrack's clash "
                    + "remapping and late agents under load may add to it; not separated here";
        }
        if (real.majority().equals("direct") && !sim.majority().equals("direct")) {
            return "the kernel was more permissive than the preset here (" + counts + "); not examined further";
        }
        if (sim.majority().equals("mixed") || real.majority().equals("mixed")) {
            return "split outcomes (" + counts + "): a few attempts can fall on either side";
        }
        return "outcomes differ (" + counts + ")";
    }
}
