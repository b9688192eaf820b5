package net.overlay.lab.punch;

import java.io.IOException;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code punch-matrix}: every pair of the listed NAT presets, {@code attempts} times each
 * (default: every preset, 50 attempts), with the full protocol ({@code "engine": "protocol"}, the
 * default) or bare datagrams ({@code "bare"}). Parameters: see {@link PunchSettings#read}. Found by the
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
                context.outputs().report().lead(lead(s));
                PunchOutput.write(o, context.outputs());
            }
        };
    }

    /** The report's opening sentence for a matrix run alone. */
    static String lead(PunchSettings s) {
        return String.format(java.util.Locale.ROOT, "The heatmap shows, for each pair of NAT presets, how often %d "
                + "attempts %s opened a direct path both ways; the second chart gives the time to first byte and to a "
                + "direct path; the table gives the strategy the planner chose, the times and the datagrams it cost.",
                s.attempts(), s.engine() == PunchSettings.Engine.PROTOCOL
                        ? "of the full protocol (relay-first Noise session, then punching)" : "of hole punching with bare datagrams");
    }
}
