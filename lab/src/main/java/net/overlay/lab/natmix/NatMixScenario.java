package net.overlay.lab.natmix;

import java.io.IOException;
import java.util.List;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code nat-mix}: the direct-connection rate of a population whose device and client NATs are
 * drawn from weighted mixes, with and without birthday probing. Parameters: see
 * {@link NatMixSettings#read}. Found by the scenario catalogue.
 */
public final class NatMixScenario implements Scenario {
    public static final String KIND = "nat-mix";
    static final int DEFAULT_ATTEMPTS = 400;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        NatMixSettings s = NatMixSettings.read(params, DEFAULT_ATTEMPTS);
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.workUnits();
            }

            @Override
            public void run(RunContext context) throws IOException {
                List<NatMixRun.Attempt> attempts = NatMixRun.run(s, context.seed(), context.progress());
                context.outputs().report().lead("The chart shows the share of connections that ended on a direct "
                        + "path when each attempt's device and client NATs are drawn from a weighted mix, with "
                        + "and without birthday probing, against published direct rates (libp2p, WebRTC, Tailscale).");
                NatMixOutput.write(s, attempts, context.outputs());
            }
        };
    }
}
