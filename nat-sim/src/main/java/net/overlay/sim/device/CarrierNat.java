package net.overlay.sim.device;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatBox;
import net.overlay.core.nat.NatConfig;

/**
 * The translation table of one carrier-grade NAT box shared by many subscribers (RFC 6888), on
 * overlay-core's {@link NatBox}. With {@code portBlock} 0 all subscribers draw from one pool of the
 * preset's ports: one {@code NatBox} whose mappings, keyed by the subscriber's carrier-side endpoint,
 * never share an external port. With a block size B, a subscriber gets the next free block of B
 * ports on its first packet and keeps it (bulk port allocation, as RFC 6888 section 5 discusses):
 * one {@code NatBox} per block, so the preset's mapping, filtering and allocation apply inside it,
 * and an inbound packet finds its subscriber from its port alone. A subscriber arriving when every
 * block is taken gets nothing through (counted as a NAT drop).
 *
 * <p>Hairpinning (RFC 4787 section 6): a packet from a subscriber to the box's own address is
 * translated out through the sender's mapping and back in through the target's, then delivered
 * inside, when the config allows it; else {@link Endpoints#NONE}.
 *
 * <p>Not thread-safe: owned by the box's node, hence one region. Deterministic: port choices come
 * from a generator seeded per box, and blocks are handed out in the order packets reach the box.
 */
final class CarrierNat {
    private final NatConfig config;
    private final int publicIp;
    private final int portBlock;
    private final SplittableRandom random;
    private final NatBox shared;
    private final NatBox[] blocks;
    private final Map<Integer, Integer> blockOfSubscriber;
    private int blocksUsed;
    private long droppedNoBlock;

    CarrierNat(NatConfig config, int publicIp, int portBlock, long seed) {
        this.config = config;
        this.publicIp = publicIp;
        this.portBlock = portBlock;
        this.random = new SplittableRandom(seed);
        this.shared = portBlock == 0 ? new NatBox(config, publicIp, random.split()) : null;
        this.blocks = portBlock == 0 ? null : new NatBox[config.portCount() / portBlock];
        this.blockOfSubscriber = portBlock == 0 ? null : new HashMap<>();
    }

    int publicIp() {
        return publicIp;
    }

    boolean isOwnAddress(long dst) {
        return Endpoints.ip(dst) == publicIp;
    }

    boolean hairpinning() {
        return config.hairpinning();
    }

    /** A subscriber's packet leaving: its external source endpoint, or NONE. */
    long outbound(long nowNs, long internalSrc, long dst) {
        NatBox nat = shared != null ? shared : blockFor(Endpoints.ip(internalSrc));
        return nat == null ? Endpoints.NONE : nat.outbound(nowNs, internalSrc, dst);
    }

    /** A packet reaching the box's address: the subscriber's carrier-side endpoint, or NONE. */
    long inbound(long nowNs, long remoteSrc, long publicDst) {
        NatBox nat = shared;
        if (nat == null) {
            int b = (Endpoints.port(publicDst) - config.portLow()) / portBlock;
            nat = b >= 0 && b < blocks.length && Endpoints.port(publicDst) >= config.portLow() ? blocks[b] : null;
        }
        return nat == null ? Endpoints.NONE : nat.inbound(nowNs, remoteSrc, publicDst);
    }

    /**
     * A subscriber's packet to the box's own address: out through the sender's mapping and in
     * through the target's, as {@code VirtualNetwork} hairpins.
     *
     * @return {external source, internal destination}, or null when the box drops it
     */
    long[] hairpin(long nowNs, long internalSrc, long dst) {
        long outside = outbound(nowNs, internalSrc, dst);
        long inside = outside == Endpoints.NONE ? Endpoints.NONE : inbound(nowNs, outside, dst);
        return inside == Endpoints.NONE ? null : new long[] {outside, inside};
    }

    /** Forgets expired mappings (blocks stay with their subscriber). */
    void expire(long nowNs) {
        if (shared != null) shared.expire(nowNs);
        else for (NatBox b : blocks) if (b != null) b.expire(nowNs);
    }

    /** Subscribers turned away because every port block was taken. */
    long droppedNoBlock() {
        return droppedNoBlock;
    }

    /** The external ports a subscriber may use: [first, last] of its block, or the whole range; null before its first packet. */
    int[] portsOf(int subscriberIp) {
        if (shared != null) return new int[] {config.portLow(), config.portHigh()};
        Integer b = blockOfSubscriber.get(subscriberIp);
        return b == null ? null : new int[] {config.portLow() + b * portBlock, config.portLow() + (b + 1) * portBlock - 1};
    }

    private NatBox blockFor(int subscriberIp) {
        Integer b = blockOfSubscriber.get(subscriberIp);
        if (b == null) {
            if (blocksUsed == blocks.length) {
                droppedNoBlock++;
                return null;
            }
            b = blocksUsed++;
            blockOfSubscriber.put(subscriberIp, b);
            int low = config.portLow() + b * portBlock;
            blocks[b] = new NatBox(new NatConfig(config.mapping(), config.filtering(), config.allocation(),
                    Math.min(config.portStep(), portBlock), low, low + portBlock - 1, config.mappingTimeoutNs(),
                    config.inboundRefresh(), config.hairpinning(), config.conntrackCollision(), config.udpBlocked()),
                    publicIp, random.split());
        }
        return blocks[b];
    }
}
