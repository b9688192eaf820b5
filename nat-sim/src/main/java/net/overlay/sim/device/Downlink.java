package net.overlay.sim.device;

import java.util.ArrayDeque;
import net.overlay.core.netsim.DeliverySchedule;
import net.overlay.core.netsim.ModelPath;
import net.overlay.sim.device.Hosts.Datagram;

/**
 * The bottleneck on one host's downlink: datagrams that reach the host's node wait in a FIFO served
 * by a {@link DeliverySchedule} (a constant rate, a Mahimahi trace, the synthetic cellular one)
 * with per-byte accounting and drop-tail at the queue limit, all done by overlay-core's
 * {@link ModelPath}; what leaves it is then handed to the host as if it had just arrived. A
 * datagram's wire size is its payload plus {@link #OVERHEAD_BYTES} of IPv4 and UDP headers.
 *
 * <p>Driven by the host's node: {@link #offer} on arrival, then a node timer at {@link #nextNs()}
 * that {@link #poll}s what has left by then. Not thread-safe; one per host, owned by its region.
 */
final class Downlink {
    /** IPv4 (20 bytes) and UDP (8 bytes) headers. */
    static final int OVERHEAD_BYTES = 28;

    private final ModelPath path;
    private final ArrayDeque<Datagram> waiting = new ArrayDeque<>();
    /** The pending delivery timer, or {@link Hosts#NO_TIMER}. */
    long timerAtNs = Hosts.NO_TIMER;
    private long sequence;

    Downlink(DeliverySchedule schedule, long queueBytes) {
        this.path = ModelPath.bottleneck(schedule, 0, queueBytes, OVERHEAD_BYTES);
    }

    /** A constant rate of {@code rateKbit} kbit/s. */
    static Downlink ofRate(long rateKbit, long queueBytes) {
        return new Downlink(DeliverySchedule.constant(rateKbit * 1000.0), queueBytes);
    }

    /** A trace's opportunities, read from {@code phaseNs} into it so that hosts sharing one trace do not move in step. */
    static Downlink ofTrace(int[] opportunitiesMs, long phaseNs, long queueBytes) {
        DeliverySchedule trace = DeliverySchedule.trace(opportunitiesMs);
        DeliverySchedule shifted = atNs -> {
            long t = trace.next(atNs + phaseNs);
            return t == Long.MAX_VALUE ? t : t - phaseNs;
        };
        return new Downlink(shifted, queueBytes);
    }

    /** A datagram reached the node at {@code nowNs}; false when the full queue dropped it. */
    boolean offer(long nowNs, Datagram d) {
        // Serve what was due before now only: datagrams arriving together share the opportunity at now.
        path.advance(nowNs - 1);
        if (!path.send(nowNs, sequence++, d.data())) return false;
        waiting.addLast(d);
        return true;
    }

    /** When the next datagram may leave the queue, or {@link Long#MAX_VALUE} when it is empty. */
    long nextNs() {
        return path.nextEventNs();
    }

    /** The next datagram to have left the queue by {@code nowNs}, or null. */
    Datagram poll(long nowNs) {
        path.advance(nowNs);
        return path.poll(nowNs) == null ? null : waiting.pollFirst();
    }

    /** Wire bytes waiting. */
    long queuedBytes() {
        return path.queuedBytes();
    }
}
