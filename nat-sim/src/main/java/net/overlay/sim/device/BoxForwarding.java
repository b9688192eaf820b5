package net.overlay.sim.device;

import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatPreset;
import net.overlay.sim.Region;
import net.overlay.sim.device.Hosts.BoxHost;
import net.overlay.sim.device.Hosts.Datagram;
import net.overlay.sim.device.Hosts.Host;

/**
 * The path of a datagram through a shared CGNAT box. A subscriber's datagram, once through its own
 * home NAT if it has one (a cascade), goes to the box's node over the rest of the subscriber's
 * edge; the box translates it (one TTL hop) and sends it across the core as {@link Wire} would. A
 * datagram for the box's address arrives at the box's node, is translated back (one hop) and goes
 * on to the subscriber's node, whose home NAT translates it again on arrival. A subscriber's
 * datagram to the box's own address is hairpinned when the box allows it, else dropped and counted
 * ({@code droppedNoHairpin}); one to another subscriber's carrier-side address is dropped as no
 * route (carriers isolate subscribers, so only the box's address joins two of them).
 *
 * <p>Loss stays per access edge: the subscriber's when it sends, the receiver's when it arrives; the
 * box, in the core, loses nothing. Jitter is drawn per hop. Shared by the regions like {@link Wire}:
 * each box's table belongs to its node, each counter to its region.
 */
final class BoxForwarding {
    /** Between two sweeps of a box's expired mappings. */
    private static final long SWEEP_NS = 60_000_000_000L;

    private final Topology topology;
    private final Wire wire;

    BoxForwarding(Topology topology, Wire wire) {
        this.topology = topology;
        this.wire = wire;
    }

    /** Subscriber {@code node} sends {@code src -> dst} (src already on the carrier's side) to its box. */
    void toBox(Region region, int node, Host h, long src, long dst, byte[] data, int ttl, long nowNs) {
        if (wire.lost(region, node, h)) {
            wire.counter(region).lost++;
            return;
        }
        wire.send(region, node, h.access.boxNode(), nowNs, topology.subscriberHopNs(node), new Datagram(src, dst, data, ttl));
    }

    /** A datagram reached box node {@code node} from engine node {@code source}. */
    void atBox(Region region, int node, BoxHost b, int source, Datagram d, long nowNs) {
        CarrierNat box = b.box;
        if (nowNs >= b.timerAtNs) {
            // The box has no machine: its timer field marks the next sweep of expired mappings.
            box.expire(nowNs);
            b.timerAtNs = nowNs + SWEEP_NS;
        }
        if (topology.boxNodeOf(source) == node) {
            fromSubscriber(region, node, box, d, nowNs);
        } else {
            long inside = box.inbound(nowNs, d.src(), d.dst());
            if (inside == Endpoints.NONE) {
                wire.counter(region).droppedByNat++;
                wire.entities().onNatDrop(node);
                return;
            }
            toSubscriber(region, node, d.src(), inside, d.data(), d.ttl() - 1, nowNs);
        }
    }

    private void fromSubscriber(Region region, int node, CarrierNat box, Datagram d, long nowNs) {
        NetworkCounters.Counter c = wire.counter(region);
        if (box.isOwnAddress(d.dst())) {
            if (!box.hairpinning()) {
                c.droppedNoHairpin++;
                return;
            }
            long[] looped = box.hairpin(nowNs, d.src(), d.dst());
            if (looped == null) {
                c.droppedByNat++;
                wire.entities().onNatDrop(node);
                return;
            }
            toSubscriber(region, node, looped[0], looped[1], d.data(), d.ttl() - 1, nowNs);
            return;
        }
        if (topology.nodeOfSubscriberIp(Endpoints.ip(d.dst())) >= 0) {
            c.droppedNoRoute++;
            return;
        }
        long src = box.outbound(nowNs, d.src(), d.dst());
        if (src == Endpoints.NONE) {
            c.droppedByNat++;
            wire.entities().onNatDrop(node);
            return;
        }
        int ttl = d.ttl() - 1 - Wire.CORE_HOPS;
        if (ttl <= 0) {
            c.droppedTtl++;
            return;
        }
        int to = topology.nodeOfIp(Endpoints.ip(d.dst()));
        if (to < 0 || topology.role(to) == Topology.Role.IDLE) {
            c.droppedNoRoute++;
            return;
        }
        wire.send(region, node, to, nowNs, topology.oneWayNs(node, to), new Datagram(src, d.dst(), d.data(), ttl));
    }

    /** On to the subscriber owning carrier-side endpoint {@code inside}: its home NAT, or its host at 10.0.0.2. */
    private void toSubscriber(Region region, int node, long src, long inside, byte[] data, int ttl, long nowNs) {
        NetworkCounters.Counter c = wire.counter(region);
        if (ttl <= 0) {
            c.droppedTtl++;
            return;
        }
        int target = topology.nodeOfSubscriberIp(Endpoints.ip(inside));
        if (target < 0) {
            c.droppedNoRoute++;
            return;
        }
        long dst = topology.hostNat(target) == NatPreset.OPEN ? Endpoints.of(Topology.PRIVATE_IP, Endpoints.port(inside)) : inside;
        wire.send(region, node, target, nowNs, topology.subscriberHopNs(target), new Datagram(src, dst, data, ttl));
    }
}
