package net.overlay.core.proto.traversal;

/**
 * Tunables of hole punching, validated.
 *
 * @param primeTtl TTL of the priming packets: enough to leave our own NATs (a home NAT and a
 *     carrier-grade one), too little to reach the far side's NAT across the internet
 * @param probeIntervalNs time between probe rounds
 * @param probeRounds how many rounds before giving up on the direct path (the relay carries on)
 * @param sequentialPredictions ports predicted past a sequential NAT's last seen mapping
 * @param birthdayBudget sockets the hard side opens, and ports the easy side probes, when exactly one
 *     side has a random symmetric NAT (256: 64% over 65,536 ports, 86% over 32,768, REFERENCE.md)
 * @param birthdayPortLow lowest port the easy side guesses on the hard side
 * @param birthdayPortHigh highest port the easy side guesses on the hard side
 * @param birthdayProbesPerSecond pacing of the easy side's guesses (a burst of hundreds of packets
 *     to new ports looks like a scan to some firewalls)
 * @param repunchDelayNs when a punch ends with the session still on the relay, the client tries
 *     again after this long, then after twice as long, and so on (0: never). 35 s lets a colliding
 *     conntrack entry of a Linux NAT (30 s for an unanswered UDP flow) expire first, the failure seen
 *     on the namespace testbed when one side's probe beat the other side's priming.
 * @param repunchMaxDelayNs the longest wait between two tries
 */
public record PunchConfig(
        int primeTtl,
        long probeIntervalNs,
        int probeRounds,
        int sequentialPredictions,
        int birthdayBudget,
        int birthdayPortLow,
        int birthdayPortHigh,
        int birthdayProbesPerSecond,
        long repunchDelayNs,
        long repunchMaxDelayNs) {

    public static final PunchConfig DEFAULT = new PunchConfig(4, 50_000_000L, 40, 8, 256, 32768, 65535, 2000,
            35_000_000_000L, 300_000_000_000L);

    public PunchConfig {
        if (primeTtl < 1 || primeTtl > 255) {
            throw new IllegalArgumentException("primeTtl must be 1..255, got " + primeTtl);
        }
        if (probeIntervalNs <= 0 || probeRounds < 1) {
            throw new IllegalArgumentException("probe interval and rounds must be positive");
        }
        if (sequentialPredictions < 0 || sequentialPredictions > 64) {
            throw new IllegalArgumentException("sequentialPredictions must be 0..64, got " + sequentialPredictions);
        }
        if (birthdayBudget < 0 || birthdayBudget > 4096) {
            throw new IllegalArgumentException("birthdayBudget must be 0..4096, got " + birthdayBudget);
        }
        if (birthdayPortLow < 1 || birthdayPortHigh > 65535 || birthdayPortLow > birthdayPortHigh) {
            throw new IllegalArgumentException("birthday port range must lie in 1..65535");
        }
        if (birthdayProbesPerSecond < 1) {
            throw new IllegalArgumentException("birthdayProbesPerSecond must be >= 1");
        }
        if (repunchDelayNs < 0 || repunchMaxDelayNs < repunchDelayNs) {
            throw new IllegalArgumentException("repunch delays must satisfy 0 <= first <= max");
        }
    }

    public PunchConfig withBirthdayBudget(int budget) {
        return new PunchConfig(primeTtl, probeIntervalNs, probeRounds, sequentialPredictions, budget,
                birthdayPortLow, birthdayPortHigh, birthdayProbesPerSecond, repunchDelayNs, repunchMaxDelayNs);
    }

    /** The same with other re-punch delays (0: no second try). */
    public PunchConfig withRepunch(long firstDelayNs, long maxDelayNs) {
        return new PunchConfig(primeTtl, probeIntervalNs, probeRounds, sequentialPredictions, birthdayBudget,
                birthdayPortLow, birthdayPortHigh, birthdayProbesPerSecond, firstDelayNs, maxDelayNs);
    }
}
