package net.overlay.lab.directrelay;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.overlay.lab.directrelay.DirectRelayAttempt.Result;

/**
 * One NAT pair's (or, with a null pair, every attempt's) round trips and stretch, summed up for the
 * table, the JSON summary and the reading. Built by {@link DirectRelayOutput}; immutable after.
 */
final class PairSummary {
    final DirectRelaySettings.Pair pair;
    final String name;
    final int attempts;
    final int direct;
    final double medianRelayMs;
    final double medianDirectMs;
    /** Sorted stretches of the attempts that measured both paths. */
    final double[] stretches;
    final double medianStretch;
    final double p10Stretch;
    final double p90Stretch;
    /** Share of {@link #stretches} where the direct round trip is at most 70% of the relayed one. */
    final double atMost70Share;
    /** Share of {@link #stretches} below 1: the direct path is slower. */
    final double worseShare;

    private PairSummary(DirectRelaySettings.Pair pair, List<Result> rs) {
        this.pair = pair;
        this.name = pair == null ? "all" : pair.id();
        this.attempts = rs.size();
        this.direct = (int) rs.stream().filter(Result::direct).count();
        this.medianRelayMs = percentile(sorted(rs.stream().mapToDouble(Result::relayRttMs).toArray()), 50);
        this.medianDirectMs = percentile(sorted(rs.stream().mapToDouble(Result::directRttMs).toArray()), 50);
        this.stretches = sorted(rs.stream().mapToDouble(Result::stretch).toArray());
        this.medianStretch = percentile(stretches, 50);
        this.p10Stretch = percentile(stretches, 10);
        this.p90Stretch = percentile(stretches, 90);
        double threshold = 1 / DirectRelayOutput.PROBE_LAB_DIRECT_SHARE;
        this.atMost70Share = share(Arrays.stream(stretches).filter(x -> x >= threshold - 1e-9).count());
        this.worseShare = share(Arrays.stream(stretches).filter(x -> x < 1).count());
    }

    /** The summary of {@code pair}'s attempts in {@code all}, or of all of them when {@code pair} is null. */
    static PairSummary of(DirectRelaySettings.Pair pair, List<Result> all) {
        return new PairSummary(pair, pair == null ? all : all.stream().filter(r -> r.pair().equals(pair)).toList());
    }

    private double share(long count) {
        return stretches.length == 0 ? Double.NaN : count / (double) stretches.length;
    }

    List<Object> row() {
        return List.of(pair.device().id(), pair.client().id(), attempts, direct, medianRelayMs, medianDirectMs,
                medianStretch, p10Stretch, p90Stretch, atMost70Share, worseShare);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pair", name);
        m.put("attempts", attempts);
        m.put("direct", direct);
        m.put("withBothPaths", stretches.length);
        m.put("medianRelayRttMs", round(medianRelayMs));
        m.put("medianDirectRttMs", round(medianDirectMs));
        m.put("medianStretch", round(medianStretch));
        m.put("p10Stretch", round(p10Stretch));
        m.put("p90Stretch", round(p90Stretch));
        m.put("directAtMost70PctShare", round(atMost70Share));
        m.put("directWorseShare", round(worseShare));
        return m;
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    private static double[] sorted(double[] v) {
        return Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    static double percentile(double[] sorted, int pct) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
