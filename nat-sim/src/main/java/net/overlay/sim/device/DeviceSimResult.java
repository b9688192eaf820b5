package net.overlay.sim.device;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import net.overlay.sim.SimResult;

/**
 * What a device run produced: the engine's totals and trace digest, device registrations, datagram
 * counters, and one {@link ConnectRecord} per client, ordered by client number. Equal for equal
 * (spec, seed) whatever the threads or regions: the determinism test compares whole results.
 *
 * @param engine events, windows, end time and trace digest
 * @param devicesStarted devices whose start time fell within the run
 * @param devicesRegistered devices the rendezvous had accepted at least once
 * @param registerP50Ns median time from a device's start to its first registration (-1 if none)
 * @param registerP99Ns 99th percentile of the same
 * @param network datagram counters
 * @param connects every client's record
 * @param rttRelayed every client's round trips whose two legs went over the relay
 * @param rttDirect every client's round trips whose two legs took the direct path (round trips taken
 *     while the two ends moved from the relay to the direct path one after the other are in neither)
 * @param entities counters per device, client, rendezvous node and CGNAT box
 */
public record DeviceSimResult(SimResult engine, long devicesStarted, long devicesRegistered, long registerP50Ns,
        long registerP99Ns, NetworkCounters network, List<ConnectRecord> connects, RttSummary rttRelayed,
        RttSummary rttDirect, EntityCounters entities) {

    public DeviceSimResult {
        connects = List.copyOf(connects);
    }

    /** How many connection attempts ended with {@code outcome}. */
    public long count(ConnectRecord.Outcome outcome) {
        return connects.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Direct, relayed and failed counts per (device NAT, client NAT), for tables and the cross-check. */
    public Map<String, long[]> outcomesByPair() {
        Map<String, long[]> m = new TreeMap<>();
        for (ConnectRecord c : connects) {
            m.computeIfAbsent(c.deviceNat().id() + "/" + c.clientNat().id(), k -> new long[3])[c.outcome().ordinal()]++;
        }
        return m;
    }

    /**
     * The {@code q} quantile (0..1, nearest rank) of {@code field} over the records that {@code which}
     * selects and where the field is set, or -1 when there are none.
     */
    public long quantileNs(Predicate<ConnectRecord> which, ToLongFunction<ConnectRecord> field, double q) {
        long[] v = connects.stream().filter(which).mapToLong(field).filter(x -> x >= 0).sorted().toArray();
        return quantile(v, q);
    }

    /** Nearest-rank quantile of a sorted array, -1 when empty. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static long[] sortedCopy(long[] v, int n) {
        long[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return c;
    }
}
