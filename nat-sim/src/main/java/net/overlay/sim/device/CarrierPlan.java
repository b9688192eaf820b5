package net.overlay.sim.device;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Which devices sit behind which shared carrier-grade NAT box: built once from the topology's seeded
 * draws, immutable afterwards, so every region reads the same answer. Devices are grouped by pool
 * (region, and cellular apart from cascaded fixed-line: a mobile carrier and a fixed-line ISP) and
 * filled into boxes of {@code subscribersPerBox} in device order, so the assignment is
 * deterministic and no box serves two regions.
 *
 * <p>Costs one {@code int} per device (its box) plus one per device behind a box; scenarios without a
 * {@code cgnat} section have no plan at all.
 */
final class CarrierPlan {
    static final int NONE = -1;

    private final int[] boxOfDevice;
    private final int[] boxRegion;
    private final int[] subscribers;

    /**
     * @param devices how many devices
     * @param regions how many geographic regions
     * @param perBox subscribers per box
     * @param cellular whether device d is cellular
     * @param cascaded whether (fixed-line) device d sits behind a home NAT behind a box
     * @param regionOf device d's region
     */
    CarrierPlan(int devices, int regions, int perBox, IntPredicate cellular, IntPredicate cascaded,
            IntUnaryOperator regionOf) {
        boxOfDevice = new int[devices];
        int pools = 2 * regions;
        int[] pool = new int[devices];
        long[] count = new long[pools];
        int behind = 0;
        for (int d = 0; d < devices; d++) {
            int p = cellular.test(d) ? 2 * regionOf.applyAsInt(d) : cascaded.test(d) ? 2 * regionOf.applyAsInt(d) + 1 : NONE;
            pool[d] = p;
            if (p != NONE) {
                count[p]++;
                behind++;
            }
        }
        int[] firstBox = new int[pools + 1];
        for (int p = 0; p < pools; p++) firstBox[p + 1] = firstBox[p] + (int) ((count[p] + perBox - 1) / perBox);
        boxRegion = new int[firstBox[pools]];
        for (int p = 0; p < pools; p++) {
            for (int b = firstBox[p]; b < firstBox[p + 1]; b++) boxRegion[b] = p / 2;
        }
        subscribers = new int[behind];
        long[] filled = new long[pools];
        int s = 0;
        for (int d = 0; d < devices; d++) {
            int p = pool[d];
            if (p == NONE) {
                boxOfDevice[d] = NONE;
                continue;
            }
            boxOfDevice[d] = firstBox[p] + (int) (filled[p]++ / perBox);
            subscribers[s++] = d;
        }
    }

    int boxes() {
        return boxRegion.length;
    }

    /** The box device {@code d} sits behind, or {@link #NONE}. */
    int boxOfDevice(int d) {
        return boxOfDevice[d];
    }

    /** The geographic region of box {@code b}. */
    int boxRegion(int b) {
        return boxRegion[b];
    }

    /** How many devices sit behind a box. */
    int subscriberCount() {
        return subscribers.length;
    }

    /** The i-th device behind a box, in device order. */
    int subscriber(int i) {
        return subscribers[i];
    }
}
