package net.overlay.lab.punch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.scenario.RunContext;

/**
 * Runs every attempt of a punch matrix and summarises each pair. Attempts are independent, so they
 * run in parallel; each has a seed derived from the run's seed and the pair's presets (not their
 * position in the list), and results come back in a fixed order, so the data is the same whatever
 * the thread count. Called by the punch-matrix and quickstart scenarios.
 */
public final class PunchMatrix {
    private PunchMatrix() {}

    /**
     * One pair's summary.
     *
     * @param medianDirectMs median time to a two-way direct path over the successful attempts (NaN: none)
     * @param p90DirectMs 90th percentile of the same
     * @param strategy the strategy most attempts of the pair used
     * @param relayed attempts whose session came up but stayed on the relay
     * @param medianFirstMs median time to first byte (protocol) or first answer (bare) over the attempts
     *     that had one (NaN: none)
     * @param meanPackets datagrams both sides sent per attempt, on average
     */
    public record Pair(NatPreset a, NatPreset b, String strategy, int attempts, int successes, double successPct,
            int relayed, double medianFirstMs, double medianDirectMs, double p90DirectMs, double meanPackets) {}

    /** Everything a matrix run measured. */
    public record Outcome(PunchSettings settings, List<PunchAttempt.Result> attempts, List<Pair> pairs) {
        public Outcome {
            attempts = List.copyOf(attempts);
            pairs = List.copyOf(pairs);
        }

        /** The pair of {@code a} and {@code b} in either order. */
        public Pair pair(NatPreset a, NatPreset b) {
            return pairs.stream().filter(p -> (p.a() == a && p.b() == b) || (p.a() == b && p.b() == a))
                    .findFirst().orElseThrow();
        }
    }

    /** How many attempts {@link #run} makes: its units of work. */
    public static long workUnits(PunchSettings s) {
        return (long) s.pairCount() * s.attempts();
    }

    public static Outcome run(PunchSettings s, long seed, RunContext.Progress progress) {
        List<NatPreset[]> pairs = new ArrayList<>();
        for (int i = 0; i < s.presets().size(); i++) {
            for (int j = i; j < s.presets().size(); j++) {
                pairs.add(new NatPreset[] {s.presets().get(i), s.presets().get(j)});
            }
        }
        int n = s.attempts();
        List<PunchAttempt.Result> results = IntStream.range(0, pairs.size() * n).parallel().mapToObj(k -> {
            NatPreset[] pair = pairs.get(k / n);
            int attempt = k % n;
            PunchAttempt.Result r = PunchAttempt.run(pair[0], pair[1], attempt, attemptSeed(seed, pair[0], pair[1], attempt), s);
            progress.advance(1);
            return r;
        }).toList();
        List<Pair> summaries = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            summaries.add(summarise(pairs.get(p)[0], pairs.get(p)[1], results.subList(p * n, (p + 1) * n)));
        }
        return new Outcome(s, results, summaries);
    }

    /** The seed of one attempt: a SplitMix64 mix of the run's seed, the two presets and the attempt index. */
    public static long attemptSeed(long seed, NatPreset a, NatPreset b, int attempt) {
        long key = ((long) a.ordinal() << 40) ^ ((long) b.ordinal() << 32) ^ attempt;
        return mix(seed ^ mix(key + 0x9e3779b97f4a7c15L));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static Pair summarise(NatPreset a, NatPreset b, List<PunchAttempt.Result> rs) {
        int ok = 0;
        int relayed = 0;
        long packets = 0;
        List<Double> times = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        java.util.Map<String, Integer> strategies = new java.util.TreeMap<>();
        for (PunchAttempt.Result r : rs) {
            packets += r.packetsA() + r.packetsB();
            strategies.merge(r.strategy(), 1, Integer::sum);
            if (r.relayed()) {
                relayed++;
            }
            if (!Double.isNaN(r.firstMs())) {
                firsts.add(r.firstMs());
            }
            if (r.success()) {
                ok++;
                times.add(r.directMs());
            }
        }
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] f = firsts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // The most frequent strategy; ties go to the first name, so the choice is deterministic.
        String strategy = strategies.entrySet().stream().max(java.util.Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(java.util.Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow()
                .getKey();
        return new Pair(a, b, strategy, rs.size(), ok, 100.0 * ok / rs.size(), relayed, percentile(f, 50),
                percentile(t, 50), percentile(t, 90), packets / (double) rs.size());
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(double[] sorted, int pct) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Success rates as a symmetric grid over the presets, rows and columns in list order. */
    public static double[][] successGrid(Outcome o) {
        List<NatPreset> ps = o.settings().presets();
        double[][] grid = new double[ps.size()][ps.size()];
        for (double[] row : grid) {
            Arrays.fill(row, Double.NaN);
        }
        for (Pair p : o.pairs()) {
            int i = ps.indexOf(p.a());
            int j = ps.indexOf(p.b());
            grid[i][j] = p.successPct();
            grid[j][i] = p.successPct();
        }
        return grid;
    }
}
