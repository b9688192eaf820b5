package net.overlay.lab.churn;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.lab.scenario.Params;
import net.overlay.lab.scenario.RunContext;
import net.overlay.lab.scenario.Scenario;

/**
 * Kind {@code churn}: rendezvous restarts, device roaming and relay failures injected into live
 * device-client sessions; time to re-register, session survival, time until data flows again, and
 * after a relay failure the time to a new session. Parameters: see {@link ChurnSettings#read}. Found
 * by the scenario catalogue.
 */
public final class ChurnScenario implements Scenario {
    public static final String KIND = "churn";
    static final int DEFAULT_ATTEMPTS = 10;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Prepared prepare(Params params) {
        ChurnSettings s = ChurnSettings.read(params, DEFAULT_ATTEMPTS);
        return new Prepared() {
            @Override
            public long workUnits() {
                return s.workUnits();
            }

            @Override
            public void run(RunContext context) throws IOException {
                List<ChurnAttempt.Result> results = runAll(s, context.seed(), context.progress());
                context.outputs().report().lead("The charts show, per event kind, how long the device took to "
                        + "register again and how long until pings inside the session came back; the table shows "
                        + "how many sessions survived each event, per NAT pair.");
                ChurnOutput.write(s, results, context.outputs());
            }
        };
    }

    /**
     * Runs every (pair, event, attempt) in parallel, each with a seed derived from the run's seed and
     * its index; results come back in (pair, event, attempt) order whatever the thread count.
     */
    static List<ChurnAttempt.Result> runAll(ChurnSettings s, long seed, RunContext.Progress progress) {
        int perPair = s.events().size() * s.attempts();
        return IntStream.range(0, s.pairs().size() * perPair).parallel().mapToObj(k -> {
            ChurnSettings.Pair pair = s.pairs().get(k / perPair);
            String event = s.events().get(k % perPair / s.attempts());
            int attempt = k % s.attempts();
            ChurnAttempt.Result r = ChurnAttempt.run(pair, event, attempt, attemptSeed(seed, k), s);
            progress.advance(1);
            return r;
        }).toList();
    }

    /** SplitMix64 of the run's seed and the work item's index. */
    static long attemptSeed(long seed, int index) {
        long z = seed ^ ((index + 1L) * 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
