package net.overlay.lab.directrelay;

import java.util.List;

/**
 * A small geographic placement: seven regions named after cloud regions and the round-trip time
 * between each two, in round figures of the order public inter-region ping tables show (an
 * illustration to give the core a shape, not a measurement). Within one region the round trip is
 * {@link #SAME_REGION_RTT_MS}. One-way latency is half the round trip, the same both ways. The table
 * obeys the triangle inequality (a test checks it), so a detour through a relay is never shorter than
 * the direct route: the stretch measured comes from the relay's placement alone. Immutable.
 */
final class Regions {
    static final List<String> NAMES = List.of("eu-west", "eu-central", "us-east", "us-west", "sa-east",
            "ap-northeast", "ap-southeast");
    static final int SAME_REGION_RTT_MS = 4;
    /** Round trips in ms, upper triangle in {@link #NAMES} order (row i lists regions i+1..). */
    private static final int[][] RTT_MS = {
        {15, 75, 140, 185, 220, 165},
        {90, 150, 200, 225, 160},
        {65, 115, 150, 215},
        {175, 105, 170},
        {255, 320},
        {70},
    };

    private Regions() {}

    static int index(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown region " + name);
        }
        return i;
    }

    /** Round-trip time between regions {@code a} and {@code b} (indexes into {@link #NAMES}). */
    static int rttMs(int a, int b) {
        if (a == b) {
            return SAME_REGION_RTT_MS;
        }
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return RTT_MS[lo][hi - lo - 1];
    }

    /** One-way latency between two regions in ns: half the round trip. */
    static long oneWayNs(int a, int b) {
        return rttMs(a, b) * 1_000_000L / 2;
    }
}
