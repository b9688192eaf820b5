package net.overlay.sim.device;

/**
 * Datagram counters of a device run: what was sent, delivered, and where the rest went.
 *
 * @param sent datagrams machines handed to the network
 * @param delivered datagrams handed to a machine
 * @param droppedByNat refused by a NAT (no mapping, filtered, ports exhausted, UDP blocked)
 * @param droppedTtl TTL ran out (low-TTL priming packets, by design)
 * @param droppedNoRoute no host at the destination address or port
 * @param droppedHostGone the destination's machine had not started or had ended (a finished client)
 * @param lost dropped by a lossy link
 * @param droppedNoHairpin sent by a subscriber to its CGNAT box's own address, which does not hairpin
 * @param droppedQueue dropped by a full downlink bottleneck queue
 */
public record NetworkCounters(long sent, long delivered, long droppedByNat, long droppedTtl, long droppedNoRoute,
        long droppedHostGone, long lost, long droppedNoHairpin, long droppedQueue) {

    /** One region's running totals; touched by that region's thread only. */
    static final class Counter {
        long sent;
        long delivered;
        long droppedByNat;
        long droppedTtl;
        long droppedNoRoute;
        long droppedHostGone;
        long lost;
        long droppedNoHairpin;
        long droppedQueue;
    }

    static NetworkCounters sum(Counter[] counters) {
        long s = 0;
        long d = 0;
        long n = 0;
        long t = 0;
        long r = 0;
        long g = 0;
        long l = 0;
        long h = 0;
        long q = 0;
        for (Counter c : counters) {
            s += c.sent;
            d += c.delivered;
            n += c.droppedByNat;
            t += c.droppedTtl;
            r += c.droppedNoRoute;
            g += c.droppedHostGone;
            l += c.lost;
            h += c.droppedNoHairpin;
            q += c.droppedQueue;
        }
        return new NetworkCounters(s, d, n, t, r, g, l, h, q);
    }
}
