package net.overlay.sim.device;

import java.util.Arrays;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatBox;
import net.overlay.core.proto.host.Transmit;
import net.overlay.sim.Region;
import net.overlay.sim.SplitMix64;
import net.overlay.sim.device.Hosts.Datagram;
import net.overlay.sim.device.Hosts.Host;

/**
 * The path of a datagram in the device workload, as the in-memory harness ({@code VirtualNetwork})
 * models it: the sender's NAT translates it when it leaves (one TTL hop), the core costs
 * {@link #CORE_HOPS} hops (so low-TTL priming packets die there), the links delay it (edges, core,
 * jitter) and may lose it (Bernoulli, Gilbert-Elliott, per edge crossed), and the receiver's NAT
 * translates it on arrival (one more hop). A host behind a shared CGNAT box hands its datagrams
 * to {@link BoxForwarding} instead, once through its own NAT. Every drop is counted, per region.
 *
 * <p>Shared by the regions: it keeps no per-node state but the hosts' own fields, and each region
 * writes only its own counter.
 */
final class Wire {
    /** Router hops between two edges, as in the in-memory harness. */
    static final int CORE_HOPS = 8;
    private static final int DEFAULT_TTL = 64;

    private final Topology topology;
    private final NetworkCounters.Counter[] counters;
    private final long lossThreshold;
    private final DeviceSimSpec.GilbertElliott burst;
    private final long jitterNs;
    private final BoxForwarding boxes;
    private final EntityCounters entities;

    Wire(Topology topology, int regions) {
        this.topology = topology;
        this.entities = new EntityCounters(topology);
        this.counters = new NetworkCounters.Counter[regions];
        for (int r = 0; r < regions; r++) counters[r] = new NetworkCounters.Counter();
        this.lossThreshold = (long) (topology.spec().links().edgeLoss() * (1L << 53));
        this.burst = topology.spec().links().burstLoss();
        this.jitterNs = topology.spec().links().jitterNs();
        this.boxes = new BoxForwarding(topology, this);
    }

    BoxForwarding boxes() {
        return boxes;
    }

    NetworkCounters.Counter counter(Region region) {
        return counters[region.index()];
    }

    NetworkCounters.Counter[] counters() {
        return counters;
    }

    EntityCounters entities() {
        return entities;
    }

    /** Sends what host {@code h} of {@code node} asked to send, unless its NAT, the TTL or a link drops it. */
    void transmit(Region region, int node, Host h, Transmit tx, long nowNs) {
        NetworkCounters.Counter c = counters[region.index()];
        c.sent++;
        long src = h.endpointOf(tx.socket());
        long dst = Endpoints.fromSocketAddress(tx.to());
        int ttl = tx.ttl() == Transmit.DEFAULT_TTL ? DEFAULT_TTL : tx.ttl();
        NatBox nat = h.nat();
        if (nat != null) {
            if (nat.isOwnAddress(dst)) {
                // Each host is alone behind its NAT: a packet to our own public address has no one to reach.
                c.droppedNoRoute++;
                return;
            }
            src = nat.outbound(nowNs, src, dst);
            if (src == Endpoints.NONE) {
                c.droppedByNat++;
                entities.onNatDrop(node);
                return;
            }
            if (--ttl == 0) {
                c.droppedTtl++;
                return;
            }
        }
        if (h.access != null && h.access.boxNode() >= 0) {
            boxes.toBox(region, node, h, nat == null ? Endpoints.of(Topology.SUBSCRIBER_BASE + node, Endpoints.port(src)) : src,
                    dst, tx.payload().toArray(), ttl, nowNs);
            return;
        }
        ttl -= CORE_HOPS;
        int to = topology.nodeOfIp(Endpoints.ip(dst));
        if (ttl <= 0) {
            c.droppedTtl++;
            return;
        }
        if (to < 0 || topology.role(to) == Topology.Role.IDLE) {
            c.droppedNoRoute++;
            return;
        }
        if (lost(region, node, h)) {
            c.lost++;
            return;
        }
        send(region, node, to, nowNs, topology.oneWayNs(node, to), new Datagram(src, dst, tx.payload().toArray(), ttl));
    }

    /** Puts {@code d} on the wire from {@code node} to {@code to}, {@code delayNs} plus jitter later. */
    void send(Region region, int node, int to, long nowNs, long delayNs, Datagram d) {
        entities.onSend(node, d.data().length);
        long atNs = nowNs + delayNs + (jitterNs > 0 ? region.nextLong(node, jitterNs + 1) : 0);
        long digestWord = SplitMix64.mix(d.src() * 31 + d.dst()) ^ Arrays.hashCode(d.data()) ^ ((long) d.ttl() << 40);
        region.send(node, to, atNs, digestWord, d);
    }

    /** Whether a packet crossing {@code node}'s edge is lost: Bernoulli, then Gilbert-Elliott (its own stream draws). */
    boolean lost(Region region, int node, Host h) {
        if (lossThreshold > 0 && region.nextLong(node, 1L << 53) < lossThreshold) return true;
        if (burst.isNone()) return false;
        h.edgeBad = h.edgeBad ? !chance(region, node, burst.badToGood()) : chance(region, node, burst.goodToBad());
        return chance(region, node, h.edgeBad ? burst.lossBad() : burst.lossGood());
    }

    private static boolean chance(Region region, int node, double p) {
        return p > 0 && (p >= 1 || region.nextLong(node, 1L << 53) < (long) (p * (1L << 53)));
    }

    /**
     * A datagram reached {@code node}: the edge may lose it, the host's NAT translates it.
     *
     * @return the socket it is for, or -1 when it was dropped (and counted)
     */
    int arrive(Region region, int node, Host h, Datagram d, long nowNs) {
        NetworkCounters.Counter c = counters[region.index()];
        if (h == null || h.machine == null) {
            c.droppedHostGone++;
            return -1;
        }
        if (lost(region, node, h)) {
            c.lost++;
            return -1;
        }
        long dst = d.dst();
        NatBox nat = h.nat();
        if (nat != null) {
            dst = nat.inbound(nowNs, d.src(), dst);
            if (dst == Endpoints.NONE) {
                c.droppedByNat++;
                entities.onNatDrop(node);
                return -1;
            }
            if (d.ttl() - 1 == 0) {
                c.droppedTtl++;
                return -1;
            }
        }
        int socket = h.socketOf(dst);
        if (socket < 0) {
            c.droppedNoRoute++;
            return -1;
        }
        c.delivered++;
        return socket;
    }
}
