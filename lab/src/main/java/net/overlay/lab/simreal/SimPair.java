package net.overlay.lab.simreal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.overlay.core.nat.NatPreset;
import net.overlay.sim.device.ConnectRecord;
import net.overlay.sim.device.DeviceSimResult;
import net.overlay.sim.device.DeviceSimSpec;
import net.overlay.sim.device.DeviceSimulation;

/**
 * One NAT pair in the simulator's device workload, set up like the testbed: one region, one
 * rendezvous node, every device and client on an edge of the testbed's delay, no loss, no jitter,
 * no cellular devices. The device workload draws the NATs of devices and clients from one mix, so
 * for a pair of two presets the mix holds both at equal weight, twice the attempts run, and only
 * the records of (device preset, client preset) count. Deterministic for a seed. Called by
 * {@link SimVsRealScenario} on its thread.
 */
final class SimPair {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private SimPair() {}

    /**
     * What the simulator gave for one pair.
     *
     * @param attempts records of this pair
     * @param direct attempts whose session went direct within the testbed's wait ({@code directWithinS}
     *     after the first byte), counted as the testbed counts them: a client lives 60 s here, long
     *     enough for a second punch 35 s after a failed one, which the testbed's 20 s never sees
     * @param relayed attempts with a session that did not go direct in that time
     * @param failed attempts without a session
     * @param directMedianMs median time from the session being up (first byte) to the direct path; NaN if none
     * @param strategies how the pair's clients punched, with counts (e.g. {@code birthday 18, primed 2})
     * @param digest the run's trace digest (one run serves both orders of a pair of presets)
     */
    record Result(int attempts, long direct, long relayed, long failed, double directMedianMs, String strategies,
            String digest) {
        String majority() {
            if (attempts == 0) return "none";
            if (direct * 2 > attempts) return "direct";
            if (relayed * 2 > attempts) return "relayed";
            if (failed * 2 > attempts) return "failed";
            return "mixed";
        }
    }

    static Result run(NatPreset device, NatPreset client, int connects, int delayMs, int directWithinS, long seed) {
        boolean same = device == client;
        int k = same ? connects : 2 * connects;
        Map<NatPreset, Double> mix = new LinkedHashMap<>();
        mix.put(device, 0.5);
        mix.put(client, 0.5);
        DeviceSimSpec.Links links = new DeviceSimSpec.Links(delayMs * MS, delayMs * MS, MS, delayMs * MS, 0, 0);
        DeviceSimSpec spec = new DeviceSimSpec(k, k, 150 * SECOND, seed,
                List.of(new DeviceSimSpec.RegionSpec("lab", 48.9, 2.3, 1)), List.of("lab"), mix, 0,
                NatPreset.CGNAT_CELLULAR, links, 20 * SECOND, 40 * SECOND, 60 * SECOND);
        DeviceSimResult r = DeviceSimulation.run(spec, 1, 1);
        List<ConnectRecord> mine = r.connects().stream()
                .filter(c -> c.deviceNat() == device && c.clientNat() == client).toList();
        long windowNs = directWithinS * SECOND;
        long[] toDirect = mine.stream().filter(c -> directInTime(c, windowNs))
                .mapToLong(c -> c.directNs() - c.firstByteNs()).sorted().toArray();
        double median = toDirect.length == 0 ? Double.NaN : toDirect[(toDirect.length - 1) / 2] / 1e6;
        long failed = count(mine, ConnectRecord.Outcome.FAILED);
        return new Result(mine.size(), toDirect.length, mine.size() - toDirect.length - failed, failed, median,
                strategies(mine), r.engine().digestHex());
    }

    /** Direct at the end, and already within {@code windowNs} of the session being up. */
    private static boolean directInTime(ConnectRecord c, long windowNs) {
        return c.outcome() == ConnectRecord.Outcome.DIRECT && c.directNs() >= 0 && c.firstByteNs() >= 0
                && c.directNs() - c.firstByteNs() <= windowNs;
    }

    /** Strategy names with their counts, most used first (ties by name). */
    private static String strategies(List<ConnectRecord> rs) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (ConnectRecord c : rs) counts.merge(c.strategy(), 1L, Long::sum);
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static long count(List<ConnectRecord> rs, ConnectRecord.Outcome o) {
        return rs.stream().filter(c -> c.outcome() == o).count();
    }
}
