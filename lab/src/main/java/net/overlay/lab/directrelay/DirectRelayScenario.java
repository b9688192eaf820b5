package net.overlay.lab.directrelay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.lab.punch.PunchMatrix;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code direct-vs-relay}: for a few NAT pairs and placements of device, client and relay in
 * regions, the round trip of the session over the relay and over the direct path once punched.
 * Parameters: see {@link DirectRelaySettings#read}. Found by the scenario catalogue; the quickstart
 * runs a small one.
 */
public final class DirectRelayScenario implements Scenario {
    public static final String KIND = "direct-vs-relay";
    static final int DEFAULT_ATTEMPTS = 40;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        DirectRelaySettings s = DirectRelaySettings.read(params, DEFAULT_ATTEMPTS);
        return new Prepared() {
            @Override
            public long workUnits() {
                return workUnitsOf(s);
            }

            @Override
            public void run(RunContext context) throws IOException {
                List<DirectRelayAttempt.Result> rs = runAll(s, context.seed(), context.progress());
                context.outputs().report().lead(DirectRelayOutput.lead(s));
                DirectRelayOutput.write(s, rs, context.outputs());
            }
        };
    }

    /** The attempts {@link #runAll} makes. */
    public static long workUnitsOf(DirectRelaySettings s) {
        return (long) s.pairs().size() * s.attempts();
    }

    /**
     * Runs every attempt, in parallel; each has a seed from the run's seed, the pair's presets and the
     * attempt index, and results come back in pair-then-attempt order, so the data does not depend on
     * the thread count.
     */
    public static List<DirectRelayAttempt.Result> runAll(DirectRelaySettings s, long seed,
            RunContext.Progress progress) {
        int n = s.attempts();
        return new ArrayList<>(IntStream.range(0, s.pairs().size() * n).parallel().mapToObj(k -> {
            DirectRelaySettings.Pair pair = s.pairs().get(k / n);
            // Another stream than the punch matrix's for the same pair: flip the seed's bits.
            long attemptSeed = PunchMatrix.attemptSeed(~seed, pair.device(), pair.client(), k % n);
            DirectRelayAttempt.Result r = DirectRelayAttempt.run(pair, k % n, attemptSeed, s);
            progress.advance(1);
            return r;
        }).toList());
    }
}
