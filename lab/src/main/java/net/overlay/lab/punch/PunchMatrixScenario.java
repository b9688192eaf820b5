package net.overlay.lab.punch;

import java.io.IOException;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code punch-matrix}: every pair of the listed NAT presets, {@code attempts} times each
 * (default: every preset, 50 attempts). Parameters: see {@link PunchSettings#read}. Found by the
 * scenario catalogue.
 */
public final class PunchMatrixScenario implements Scenario {
    public static final String KIND = "punch-matrix";
    static final int DEFAULT_ATTEMPTS = 50;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        PunchSettings s = PunchSettings.read(params, PunchSettings.ALL_PRESETS, DEFAULT_ATTEMPTS);
        return new Prepared() {
            @Override
            public long workUnits() {
                return PunchMatrix.workUnits(s);
            }

            @Override
            public void run(RunContext context) throws IOException {
                PunchMatrix.Outcome o = PunchMatrix.run(s, context.seed(), context.progress());
                context.outputs().report().lead(String.format(java.util.Locale.ROOT,
                        "The heatmap shows, for each pair of NAT presets, how often %d hole-punch attempts with bare "
                                + "datagrams opened a direct path both ways; the table gives the strategy the planner chose, "
                                + "the time to a direct path and the datagrams it cost.", s.attempts()));
                PunchOutput.write(o, context.outputs());
            }
        };
    }
}
