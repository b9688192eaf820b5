package net.overlay.sim.device;

import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's map: the core one-way delay between every two regions (from their great-circle
 * distance), the region of each rendezvous node, and for each region the rendezvous nodes its
 * devices use (those in the region, or in the nearest region that has any). Built once by
 * {@link Topology}; immutable, thread-safe.
 */
final class RegionMap {
    private final int[] rendezvousRegion;
    private final int[][] rendezvousByRegion;
    private final long[][] coreNs;

    RegionMap(DeviceSimSpec spec) {
        int regions = spec.regions().size();
        int r = spec.rendezvous().size();
        rendezvousRegion = new int[r];
        for (int j = 0; j < r; j++) rendezvousRegion[j] = regionIndex(spec, spec.rendezvous().get(j));
        coreNs = new long[regions][regions];
        for (int i = 0; i < regions; i++) {
            for (int k = 0; k < regions; k++) coreNs[i][k] = i == k ? 0 : coreLatencyNs(spec.regions().get(i), spec.regions().get(k));
        }
        rendezvousByRegion = new int[regions][];
        for (int g = 0; g < regions; g++) {
            int best = -1;
            for (int j = 0; j < r; j++) {
                if (best < 0 || coreNs[g][rendezvousRegion[j]] < coreNs[g][rendezvousRegion[best]]) best = j;
            }
            int home = rendezvousRegion[best];
            List<Integer> here = new ArrayList<>();
            for (int j = 0; j < r; j++) if (rendezvousRegion[j] == home) here.add(j);
            rendezvousByRegion[g] = here.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The region of rendezvous node {@code j}. */
    int rendezvousRegion(int j) {
        return rendezvousRegion[j];
    }

    /** The rendezvous indexes serving devices of region {@code g}. */
    int[] rendezvousFor(int g) {
        return rendezvousByRegion[g];
    }

    /** Core one-way delay between regions {@code a} and {@code b} (0 inside one region). */
    long coreNs(int a, int b) {
        return coreNs[a][b];
    }

    private static int regionIndex(DeviceSimSpec spec, String name) {
        for (int i = 0; i < spec.regions().size(); i++) if (spec.regions().get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("no region named '" + name + "'");
    }

    /** Light in fibre covers about 200 km per ms, and routes run about twice the great circle; plus 2 ms of routers. */
    static long coreLatencyNs(DeviceSimSpec.RegionSpec a, DeviceSimSpec.RegionSpec b) {
        double la1 = Math.toRadians(a.latitude());
        double la2 = Math.toRadians(b.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double cos = Math.sin(la1) * Math.sin(la2) + Math.cos(la1) * Math.cos(la2) * Math.cos(dLon);
        double km = 6371 * Math.acos(Math.max(-1, Math.min(1, cos)));
        return (long) ((2 + km / 100.0) * 1e6);
    }
}
