package net.overlay.lab.simreal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;
import net.overlay.lab.scenario.ScenarioException;
import net.overlay.lab.testbed.Cmd;
import net.overlay.lab.testbed.TestbedControl;
import net.overlay.lab.testbed.Tools;

/**
 * Kind {@code sim-vs-real}: for each NAT pair, the real agents on the namespace testbed (the kernel's
 * NAT) and the simulator's device workload with the matching presets; a table of outcomes, whether
 * they agree, and a reason where they do not. Without root or the testbed's tools the run stops
 * before any work with a {@link ScenarioException} saying so (the lab exits with status 2, as
 * {@code testbed up} does). Parameters: see {@link SimVsRealSettings#read}. Found by the catalogue.
 */
public final class SimVsRealScenario implements Scenario {
    public static final String KIND = "sim-vs-real";
    private static final List<String> TOOLS = List.of("ip", "nft", "tc");

    /** Says why the testbed cannot run here, or null when it can. */
    private final Supplier<String> testbedMissing;

    public SimVsRealScenario() {
        this(SimVsRealScenario::whyNoTestbed);
    }

    SimVsRealScenario(Supplier<String> testbedMissing) {
        this.testbedMissing = testbedMissing;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        SimVsRealSettings s = SimVsRealSettings.read(params);
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.workUnits();
            }

            @Override
            public void run(RunContext context) throws IOException {
                String missing = testbedMissing.get();
                if (missing != null) {
                    throw new ScenarioException("sim-vs-real " + missing + "; the simulator's half alone is "
                            + "'./overlay lab run punch-matrix' or 'sim bench --devices N'");
                }
                List<PairRow> rows = new ArrayList<>();
                for (SimVsRealSettings.Pair pair : s.pairs()) {
                    SimPair.Result sim = SimPair.run(SimVsRealSettings.presetOf(pair.device()),
                            SimVsRealSettings.presetOf(pair.client()), s.simConnects(), s.delayMs(), s.directWithinS(),
                            context.seed());
                    RealPair.Result real = RealPair.run(pair, s);
                    System.err.printf(Locale.ROOT, "sim-vs-real: %s: testbed %s, simulator %s%n", pair.id(),
                            real.majority() + " (" + real.direct() + " of " + real.attempts() + " direct)", sim.majority());
                    rows.add(new PairRow(pair, real, sim));
                    context.progress().advance(1);
                }
                context.outputs().report().lead("The table sets each NAT pair's outcome on the namespace testbed "
                        + "(the kernel's NAT, real agents) beside the simulator's with the matching presets, and "
                        + "gives a reason where they differ.");
                SimVsRealOutput.write(s, rows, context.outputs());
            }
        };
    }

    /** One pair's two halves. */
    record PairRow(SimVsRealSettings.Pair pair, RealPair.Result real, SimPair.Result sim) {}

    /** Null when this process can build a testbed, else what is missing, in words. */
    static String whyNoTestbed() {
        if (!TestbedControl.isRoot()) {
            return "needs root (network namespaces, nftables and tc for the testbed); run it as root, e.g. "
                    + "'sudo ./overlay lab run sim-vs-real'";
        }
        for (String tool : TOOLS) {
            if (!Tools.tryRun(Cmd.of("sh", "-c", "command -v " + tool)).ok()) {
                return "needs the '" + tool + "' tool for the testbed (apt-get install iproute2 nftables)";
            }
        }
        return null;
    }
}
