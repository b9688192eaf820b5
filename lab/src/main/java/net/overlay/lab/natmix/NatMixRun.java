package net.overlay.lab.natmix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.punch.ProtocolAttempt;
import net.overlay.lab.punch.PunchAttempt;
import net.overlay.lab.scenario.RunContext;

/**
 * Runs the attempts of a NAT-mix: attempt {@code i} draws a device NAT and a client NAT from the
 * mixes and a protocol seed, all from a seed derived from the run's seed and {@code i}, then runs
 * the full protocol once per birthday budget with that same draw and seed (a paired comparison:
 * the arms differ only in the budget). Attempts run in parallel; results come back in (attempt,
 * budget) order whatever the thread count. Stateless.
 */
public final class NatMixRun {
    private NatMixRun() {}

    /** One attempt of one arm. */
    public record Attempt(int index, long seed, NatPreset device, NatPreset client, int birthdayBudget,
            PunchAttempt.Result result) {}

    /** The direct rate of one arm with its 95% Wilson score interval, in percent. */
    public record Rate(int birthdayBudget, int attempts, int connected, int direct, double ratePct, double lowPct,
            double highPct) {}

    public static List<Attempt> run(NatMixSettings s, long seed, RunContext.Progress progress) {
        int arms = s.birthdayBudgets().size();
        return IntStream.range(0, s.attempts() * arms).parallel().mapToObj(k -> {
            int i = k / arms;
            int budget = s.birthdayBudgets().get(k % arms);
            SplittableRandom random = new SplittableRandom(attemptSeed(seed, i));
            NatPreset device = NatMixSettings.draw(s.deviceMix(), random);
            NatPreset client = NatMixSettings.draw(s.clientMix(), random);
            long protocolSeed = random.nextLong();
            // Attempt index 0: ProtocolAttempt puts the device behind its first preset in even attempts.
            PunchAttempt.Result r = ProtocolAttempt.run(device, client, 0, protocolSeed, s.arm(budget));
            progress.advance(1);
            return new Attempt(i, protocolSeed, device, client, budget, r);
        }).toList();
    }

    /** SplitMix64 of the run's seed and the attempt index. */
    static long attemptSeed(long seed, int index) {
        long z = seed ^ ((index + 1L) * 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Per budget, in the settings' order. */
    public static List<Rate> rates(NatMixSettings s, List<Attempt> attempts) {
        List<Rate> out = new ArrayList<>();
        for (int budget : s.birthdayBudgets()) {
            List<Attempt> arm = attempts.stream().filter(a -> a.birthdayBudget() == budget).toList();
            int direct = (int) arm.stream().filter(a -> a.result().success()).count();
            int connected = (int) arm.stream().filter(a -> a.result().connected()).count();
            double[] ci = wilson(direct, arm.size());
            out.add(new Rate(budget, arm.size(), connected, direct, 100.0 * direct / arm.size(), ci[0], ci[1]));
        }
        return out;
    }

    /**
     * The 95% Wilson score interval of {@code successes} in {@code n} trials, in percent. Chosen over
     * the normal approximation because it stays inside 0..100 and behaves at rates near 0 or 1.
     */
    static double[] wilson(int successes, int n) {
        double z = 1.959963984540054;
        double p = (double) successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4.0 * n));
        return new double[] {100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half)};
    }
}
