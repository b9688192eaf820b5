package net.overlay.sim;

/**
 * Issue #5's ping benchmark: no NATs; every node sends one small message per period to a uniformly
 * random node (itself included, as in PeerSim's reference run) over a link with a uniform random
 * delay, for a number of periods. The events are the timer ticks and the deliveries, so a run plays
 * exactly {@code 2 * nodes * periods} events.
 *
 * <p>Stateless: the tick's payload carries how many periods are left, so a node needs no array of
 * its own. Safe to share between regions.
 *
 * @param nodes how many nodes (destinations are drawn from 0..nodes-1)
 * @param periods how many ticks each node makes
 * @param periodNs time between a node's ticks (1 s in the issue)
 * @param minDelayNs smallest link delay (10 ms): the engine's lookahead
 * @param maxDelayNs largest link delay, inclusive (100 ms)
 */
public record PingWorkload(int nodes, int periods, long periodNs, long minDelayNs, long maxDelayNs)
        implements Workload {

    /** The parameters: 1 s period, delays uniform in [10 ms, 100 ms]. */
    public static PingWorkload standard(int nodes, int periods) {
        return new PingWorkload(nodes, periods, 1_000_000_000L, 10_000_000L, 100_000_000L);
    }

    public PingWorkload {
        if (nodes < 1 || periods < 0 || periodNs <= 0 || minDelayNs <= 0 || maxDelayNs < minDelayNs) {
            throw new IllegalArgumentException("bad ping workload: " + nodes + " nodes, " + periods
                    + " periods, period " + periodNs + " ns, delay " + minDelayNs + ".." + maxDelayNs + " ns");
        }
    }

    @Override
    public void onStart(Region region, int node) {
        if (periods == 0) return;
        // A random phase in the first period, so ticks spread over time as in PeerSim's cycle-less runs.
        region.setTimer(node, region.nextLong(node, periodNs), periods);
    }

    @Override
    public void onTimer(Region region, int node, long nowNs, long periodsLeft) {
        int to = (int) region.nextLong(node, nodes);
        long delayNs = minDelayNs + region.nextLong(node, maxDelayNs - minDelayNs + 1);
        region.send(node, to, nowNs + delayNs, nowNs);
        if (periodsLeft > 1) region.setTimer(node, nowNs + periodNs, periodsLeft - 1);
    }

    @Override
    public void onMessage(Region region, int node, long nowNs, int source, long sentNs) {
        // Nothing to answer: the delivery itself is the measured event (and enters the digest).
    }
}
