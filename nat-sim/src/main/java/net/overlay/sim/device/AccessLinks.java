package net.overlay.sim.device;

import java.io.IOException;
import java.nio.file.Path;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.sim.SplitMix64;

/**
 * Decides what a device or client has beyond its own NAT ({@link Hosts.Access}): the CGNAT box it
 * sits behind, and the bottleneck on its downlink ({@link DeviceSimSpec.Bottleneck}): cellular
 * devices follow the cellular trace when there is one, other devices (and cellular ones without a
 * trace) the constant rate when there is one. Reads the trace once; immutable afterwards and
 * shared by the regions (each host gets its own schedule state).
 */
final class AccessLinks {
    /** The synthetic trace's length; it repeats after that. */
    static final int SYNTHETIC_PERIOD_MS = 60_000;
    /** Sprout-like cellular link: mean 500 packets/s (6 Mbit/s), at most 1,000, as the cc-cellular lab uses. */
    static final double SYNTHETIC_MEAN_PPS = 500;
    static final double SYNTHETIC_MAX_PPS = 1000;
    static final double SYNTHETIC_SIGMA_PPS = 200;
    private static final long SALT_PHASE = 0x3C6EF372FE94F82BL;

    private final Topology topology;
    private final DeviceSimSpec.Bottleneck bottleneck;
    private final int[] cellularTrace;
    private final long tracePeriodNs;

    AccessLinks(Topology topology) {
        this.topology = topology;
        this.bottleneck = topology.spec().links().bottleneck();
        this.cellularTrace = readTrace(bottleneck.cellularTrace(), topology.spec().seed());
        this.tracePeriodNs = cellularTrace == null ? 0 : cellularTrace[cellularTrace.length - 1] * 1_000_000L;
    }

    /**
     * The trace a {@code links.cellularTrace} value names: null for none, the synthetic one for
     * {@code "synthetic"}, else a Mahimahi file; errors name the field.
     */
    static int[] readTrace(String spec, long seed) {
        if (spec == null) return null;
        if (spec.equals("synthetic")) {
            return DeliverySchedule.synthetic(seed, SYNTHETIC_PERIOD_MS, SYNTHETIC_MEAN_PPS, SYNTHETIC_MAX_PPS,
                    SYNTHETIC_SIGMA_PPS);
        }
        try {
            int[] trace = DeliverySchedule.readMahimahi(Path.of(spec));
            if (trace.length == 0 || trace[trace.length - 1] <= 0) {
                throw new IllegalArgumentException("needs at least one opportunity after 0 ms");
            }
            return trace;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("links.cellularTrace: cannot use '" + spec + "' as a Mahimahi trace: "
                    + e.getMessage(), e);
        }
    }

    /** The extras of agent {@code node}, or null when it has none (the common case). */
    Hosts.Access forNode(int node) {
        int box = topology.boxNodeOf(node);
        Downlink downlink = downlink(node);
        return box < 0 && downlink == null ? null : new Hosts.Access(box, downlink);
    }

    private Downlink downlink(int node) {
        if (bottleneck.isNone() || topology.role(node) != Topology.Role.DEVICE) return null;
        int device = topology.deviceIndex(node);
        if (cellularTrace != null && topology.cellular(device)) {
            long phaseNs = SplitMix64.bounded(SplitMix64.seedFor(topology.spec().seed() ^ SALT_PHASE, device), tracePeriodNs);
            return Downlink.ofTrace(cellularTrace, phaseNs, bottleneck.queueBytes());
        }
        return bottleneck.rateKbit() > 0 ? Downlink.ofRate(bottleneck.rateKbit(), bottleneck.queueBytes()) : null;
    }
}
