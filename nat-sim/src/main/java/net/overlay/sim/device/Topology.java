package net.overlay.sim.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.overlay.core.nat.NatPreset;
import net.overlay.sim.SplitMix64;

/**
 * The topology a {@link DeviceSimSpec} describes, as pure functions of node ids: who each node is,
 * where it sits, behind which NAT, which rendezvous it uses, when it starts, and the one-way delay
 * between two nodes. Nothing is stored per node (a million devices cost no table), every answer
 * comes from the seed, so any region on any thread computes the same one. Immutable, thread-safe.
 *
 * <p>Layout: the node ids form one block per rendezvous node, {@code [rendezvous j, agents...]},
 * so that the rendezvous nodes spread over the engine's regions. Agents are devices and clients,
 * clients interleaved evenly among devices (agent a is client number floor(a K / (N + K)) when that
 * count steps at a).
 *
 * <p>Shared carrier-grade NAT boxes (a {@code cgnat} section, {@link CarrierPlan}) are nodes of their
 * own after the blocks, one per box, so that a box and its table live in one engine region whatever
 * the partition. A box sits {@link #boxEdgeNs()} from the core; its subscribers reach it over the
 * rest of their access edge, so a path through a box costs what the direct path would.
 *
 * <p>Addresses: node n's public address is 11.x.y.z = 0x0B000000 + n; a rendezvous node's second
 * address (RFC 5780 needs two) is 0x0C000000 + n. Hosts behind a NAT use 10.0.0.2 inside it. Behind
 * a box, subscriber n (a cellular device, a same-box client, or a cascaded device's home NAT) is
 * 100.x.y.z = 0x64000000 + n on the carrier's side.
 */
public final class Topology {
    static final int PUBLIC_BASE = 0x0B00_0000;
    static final int SECOND_BASE = 0x0C00_0000;
    static final int PRIVATE_IP = 0x0A00_0002;
    static final int SUBSCRIBER_BASE = 0x6400_0000;
    private static final long SALT_DEVICE = 0x5DEECE66DL;
    private static final long SALT_CLIENT = 0x2545F4914F6CDD1DL;

    /** What a node is. */
    public enum Role { RENDEZVOUS, DEVICE, CLIENT, IDLE, CGNAT }

    private final DeviceSimSpec spec;
    private final int agents;
    private final int perBlock;
    private final int nodes;
    private final NatPreset[] mixPresets;
    private final double[] mixCumulative;
    private final double[] regionCumulative;
    private final RegionMap map;
    private final Pinned pinned;
    /** Shared CGNAT boxes, or null when the scenario has none. */
    private final CarrierPlan plan;
    /** First box node: the boxes follow the blocks. */
    private final int boxBase;
    private final long boxEdgeNs;

    /**
     * Explicit choices that override the seeded ones (tests: one device and one client per NAT pair).
     *
     * @param deviceNat NAT of device d
     * @param clientNat NAT of client c
     * @param target device that client c connects to
     * @param clientStartNs when client c starts
     * @param deviceStartNs when device d starts
     */
    record Pinned(NatPreset[] deviceNat, NatPreset[] clientNat, int[] target, long[] clientStartNs, long[] deviceStartNs) {}

    public Topology(DeviceSimSpec spec) {
        this(spec, null);
    }

    Topology(DeviceSimSpec spec, Pinned pinned) {
        this.spec = spec;
        this.pinned = pinned;
        if (pinned != null && (pinned.deviceNat().length != spec.devices() || pinned.clientNat().length != spec.connects())) {
            throw new IllegalArgumentException("pinned choices must cover every device and client");
        }
        long a = (long) spec.devices() + spec.connects();
        int r = spec.rendezvous().size();
        this.perBlock = (int) ((a + r - 1) / r);
        this.agents = (int) a;
        List<Map.Entry<NatPreset, Double>> mix = new ArrayList<>(spec.natMix().entrySet());
        mix.sort(Map.Entry.comparingByKey());
        mixPresets = mix.stream().map(Map.Entry::getKey).toArray(NatPreset[]::new);
        mixCumulative = cumulative(mix.stream().mapToDouble(Map.Entry::getValue).toArray());
        regionCumulative = cumulative(spec.regions().stream().mapToDouble(DeviceSimSpec.RegionSpec::share).toArray());
        int regions = spec.regions().size();
        this.map = new RegionMap(spec);
        this.boxEdgeNs = agentMinEdgeNs() / 2;
        this.plan = spec.cgnat() == null ? null : new CarrierPlan(spec.devices(), regions,
                spec.cgnat().subscribersPerBox(), this::cellular, this::cascaded, this::deviceRegion);
        long n = (long) r * (perBlock + 1);
        this.boxBase = (int) Math.min(n, Integer.MAX_VALUE);
        n += plan == null ? 0 : plan.boxes();
        if (n >= (1 << 24)) throw new IllegalArgumentException("at most 16M nodes, got " + n);
        this.nodes = (int) n;
    }

    public DeviceSimSpec spec() {
        return spec;
    }

    /** Node ids in all, idle padding included. */
    public int nodes() {
        return nodes;
    }

    public Role role(int node) {
        if (node >= boxBase) return Role.CGNAT;
        int off = node % (perBlock + 1);
        if (off == 0) return Role.RENDEZVOUS;
        long agent = (long) (node / (perBlock + 1)) * perBlock + off - 1;
        if (agent >= agents) return Role.IDLE;
        return clientsBefore(agent + 1) > clientsBefore(agent) ? Role.CLIENT : Role.DEVICE;
    }

    /** The rendezvous index of a rendezvous node. */
    public int rendezvousIndex(int node) {
        return node / (perBlock + 1);
    }

    public int rendezvousNode(int j) {
        return j * (perBlock + 1);
    }

    private long agent(int node) {
        return (long) (node / (perBlock + 1)) * perBlock + node % (perBlock + 1) - 1;
    }

    private long clientsBefore(long agent) {
        return agents == 0 ? 0 : agent * spec.connects() / agents;
    }

    /** Device number (0..devices-1) of a device node; its name is {@code dev-<number>}. */
    public int deviceIndex(int node) {
        long a = agent(node);
        return (int) (a - clientsBefore(a));
    }

    /** The node of device {@code device}: the agent whose device count reaches it (binary search, O(log n)). */
    public int deviceNode(int device) {
        long lo = device;
        long hi = Math.min((long) agents - 1, (long) device + spec.connects());
        // devicesBefore(a) = a - clientsBefore(a) is non-decreasing: find the agent a with
        // devicesBefore(a) == device that is a device.
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (mid - clientsBefore(mid) < device || isClientAgent(mid) && mid - clientsBefore(mid) == device) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (int) (lo / perBlock * (perBlock + 1) + lo % perBlock + 1);
    }

    private boolean isClientAgent(long agent) {
        return clientsBefore(agent + 1) > clientsBefore(agent);
    }

    /** Client number (0..connects-1) of a client node. */
    public int clientIndex(int node) {
        return (int) clientsBefore(agent(node));
    }

    public static String deviceName(int device) {
        return "dev-" + device;
    }

    /** The device a client connects to: uniform over all devices. */
    public int targetDevice(int client) {
        if (pinned != null) return pinned.target()[client];
        if (sameNatDraw(client) && plan.subscriberCount() > 0) {
            return plan.subscriber((int) SplitMix64.bounded(hash(SALT_CLIENT, client, 6), plan.subscriberCount()));
        }
        return (int) SplitMix64.bounded(hash(SALT_CLIENT, client, 1), spec.devices());
    }

    /** When a client starts: uniform in [connectFrom, duration - lifetime) (or connectFrom if that is empty). */
    public long clientStartNs(int client) {
        if (pinned != null) return pinned.clientStartNs()[client];
        long span = spec.durationNs() - spec.clientLifetimeNs() - spec.connectFromNs();
        return spec.connectFromNs() + (span <= 0 ? 0 : SplitMix64.bounded(hash(SALT_CLIENT, client, 2), span));
    }

    /** When a device starts (discovery, then registration). */
    public long deviceStartNs(int device) {
        if (pinned != null) return pinned.deviceStartNs()[device];
        return SplitMix64.bounded(hash(SALT_DEVICE, device, 1), spec.registerSpreadNs());
    }

    public boolean cellular(int device) {
        if (pinned != null) return false;
        return unit(hash(SALT_DEVICE, device, 2)) < spec.cellularShare();
    }

    /** The NAT a record names for the device: its carrier's for a cellular one, else its home NAT's. */
    public NatPreset deviceNat(int device) {
        if (pinned != null) return pinned.deviceNat()[device];
        if (cellular(device)) return spec.cgnat() != null ? spec.cgnat().preset() : spec.cellularNat();
        return pick(hash(SALT_DEVICE, device, 3));
    }

    /** The NAT a record names for the client: the box's when it sits behind its device's box. */
    public NatPreset clientNat(int client) {
        if (sameNat(client)) return spec.cgnat().preset();
        if (pinned != null) return pinned.clientNat()[client];
        return pick(hash(SALT_CLIENT, client, 3));
    }

    /** Whether a fixed-line device's home NAT sits behind a shared CGNAT box. */
    public boolean cascaded(int device) {
        return spec.cgnat() != null && !cellular(device) && unit(hash(SALT_DEVICE, device, 5)) < spec.cascadedShare();
    }

    private boolean sameNatDraw(int client) {
        return plan != null && unit(hash(SALT_CLIENT, client, 5)) < spec.sameNatConnectShare();
    }

    /** Whether the client sits behind the same CGNAT box as the device it connects to. */
    public boolean sameNat(int client) {
        return sameNatDraw(client) && plan.boxOfDevice(targetDevice(client)) != CarrierPlan.NONE;
    }

    /** The NAT inside an agent's own node (null config for none): what is left once a shared box does the rest. */
    public NatPreset hostNat(int node) {
        if (role(node) == Role.DEVICE) {
            int d = deviceIndex(node);
            return plan != null && cellular(d) && plan.boxOfDevice(d) != CarrierPlan.NONE ? NatPreset.OPEN : deviceNat(d);
        }
        int c = clientIndex(node);
        if (sameNat(c)) return NatPreset.OPEN;
        return pinned != null ? pinned.clientNat()[c] : pick(hash(SALT_CLIENT, c, 3));
    }

    /** The node of the CGNAT box an agent sits behind, or -1. */
    public int boxNodeOf(int node) {
        if (plan == null) return -1;
        int box = switch (role(node)) {
            case DEVICE -> plan.boxOfDevice(deviceIndex(node));
            case CLIENT -> {
                int c = clientIndex(node);
                yield sameNat(c) ? plan.boxOfDevice(targetDevice(c)) : CarrierPlan.NONE;
            }
            default -> CarrierPlan.NONE;
        };
        return box == CarrierPlan.NONE ? -1 : boxBase + box;
    }

    /** How many CGNAT boxes (nodes) the scenario has. */
    public int boxes() {
        return plan == null ? 0 : plan.boxes();
    }

    public int boxNode(int box) {
        return boxBase + box;
    }

    /** One-way delay from a box to the core: half the shortest agent edge, so every hop keeps a positive lookahead. */
    public long boxEdgeNs() {
        return boxEdgeNs;
    }

    /** One-way delay between a subscriber and its box: the rest of the subscriber's edge. */
    public long subscriberHopNs(int node) {
        return edgeNs(node) - boxEdgeNs;
    }

    /** The subscriber node whose carrier-side address is {@code ip}, or -1. */
    public int nodeOfSubscriberIp(int ip) {
        int n = ip - SUBSCRIBER_BASE;
        return n >= 0 && n < boxBase ? n : -1;
    }

    private int deviceRegion(int device) {
        return pickRegion(hash(SALT_DEVICE, device, 4));
    }

    /** The geographic region of any node. */
    public int region(int node) {
        return switch (role(node)) {
            case RENDEZVOUS -> map.rendezvousRegion(rendezvousIndex(node));
            case DEVICE -> deviceRegion(deviceIndex(node));
            case CLIENT -> {
                int c = clientIndex(node);
                yield sameNat(c) ? deviceRegion(targetDevice(c)) : pickRegion(hash(SALT_CLIENT, c, 4));
            }
            case IDLE -> 0;
            case CGNAT -> plan.boxRegion(node - boxBase);
        };
    }

    /** The rendezvous index serving a device: one in (or nearest to) its region, spread by number. */
    public int rendezvousOfDevice(int device) {
        int[] here = map.rendezvousFor(deviceRegion(device));
        return here[device % here.length];
    }

    /** One-way edge latency of a node's access link. */
    public long edgeNs(int node) {
        DeviceSimSpec.Links l = spec.links();
        return switch (role(node)) {
            case RENDEZVOUS -> l.rendezvousEdgeNs();
            case DEVICE -> cellular(deviceIndex(node)) ? l.cellularEdgeNs() : l.deviceEdgeNs();
            case CLIENT -> l.clientEdgeNs();
            case IDLE -> 0;
            case CGNAT -> boxEdgeNs;
        };
    }

    /** One-way delay without jitter: both edges and the core between the regions. */
    public long oneWayNs(int from, int to) {
        return edgeNs(from) + map.coreNs(region(from), region(to)) + edgeNs(to);
    }

    /** One-way delay of the direct path between two agents: through their box alone when they share one (hairpinned). */
    public long directOneWayNs(int from, int to) {
        int box = boxNodeOf(from);
        return box >= 0 && box == boxNodeOf(to) ? subscriberHopNs(from) + subscriberHopNs(to) : oneWayNs(from, to);
    }

    /** The smallest one-way delay any two hosts can have: the engine's lookahead. */
    public long minOneWayNs() {
        DeviceSimSpec.Links l = spec.links();
        long agentMin = agentMinEdgeNs();
        long min = Math.min(agentMin + l.rendezvousEdgeNs(), 2 * agentMin);
        if (plan == null) return min;
        // Through a box: subscriber to box, box to a rendezvous node, box to box.
        return Math.min(min, Math.min(agentMin - boxEdgeNs, Math.min(boxEdgeNs + l.rendezvousEdgeNs(), 2 * boxEdgeNs)));
    }

    private long agentMinEdgeNs() {
        DeviceSimSpec.Links l = spec.links();
        return Math.min(l.clientEdgeNs(), spec.cellularShare() > 0 ? Math.min(l.deviceEdgeNs(), l.cellularEdgeNs())
                : l.deviceEdgeNs());
    }

    /** The node owning public address {@code ip}, or -1. */
    public int nodeOfIp(int ip) {
        int n = ip - PUBLIC_BASE;
        if (n >= 0 && n < nodes) return n;
        n = ip - SECOND_BASE;
        return n >= 0 && n < nodes && role(n) == Role.RENDEZVOUS ? n : -1;
    }

    private NatPreset pick(long h) {
        double u = unit(h) * mixCumulative[mixCumulative.length - 1];
        for (int i = 0; i < mixCumulative.length; i++) if (u < mixCumulative[i]) return mixPresets[i];
        return mixPresets[mixPresets.length - 1];
    }

    private int pickRegion(long h) {
        double u = unit(h) * regionCumulative[regionCumulative.length - 1];
        for (int i = 0; i < regionCumulative.length; i++) if (u < regionCumulative[i]) return i;
        return regionCumulative.length - 1;
    }

    private long hash(long salt, long index, long field) {
        return SplitMix64.mix(SplitMix64.seedFor(spec.seed() ^ salt, (int) index) + field * 0x9E3779B97F4A7C15L);
    }

    private static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    private static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) c[i] = sum += weights[i];
        return c;
    }
}
