package net.overlay.sim.device;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.overlay.core.nat.NatPreset;

/**
 * A device-workload scenario: how many devices and connection attempts, for how long, on which map
 * of regions, behind which mix of NATs. The topology builder ({@link Topology}) turns it into
 * per-node facts; {@link SpecReader} reads it from JSON. Immutable; validated on construction with
 * errors naming the field.
 *
 * @param devices device agents, each behind its own NAT (or none, for {@code open})
 * @param connects clients, each opening one session to a uniformly random device
 * @param durationNs simulated time; devices register in the first {@code registerSpreadNs}
 * @param seed the run's seed
 * @param regions where devices, clients and rendezvous nodes sit (a share of devices each)
 * @param rendezvous one rendezvous node (with its relay) per entry, in the region named
 * @param natMix weights of the NAT presets of fixed-line devices (and of clients)
 * @param cellularShare fraction of devices on a cellular link: {@code cellularNat}, {@code cellularEdgeNs}
 * @param cellularNat the NAT preset of cellular devices (carrier-grade NAT)
 * @param links edge latencies, jitter and loss
 * @param registerSpreadNs devices start uniformly in [0, this)
 * @param connectFromNs connection attempts start uniformly in [this, duration - clientLifetime)
 * @param clientLifetimeNs how long a client lives: its outcome is what it reached by then
 * @param cgnat carrier-grade NAT boxes shared by many subscribers, or null: then every cellular
 *     device has a {@code cellularNat} box of its own
 * @param cascadedShare fraction of fixed-line devices whose home NAT sits behind a shared CGNAT box
 * @param sameNatConnectShare fraction of clients that sit behind the same CGNAT box as the device they
 *     connect to (which is then drawn among the devices behind a box): they need hairpinning
 * @param crypto {@link Crypto#REAL} runs every handshake's X25519 as deployed; {@link Crypto#MODELLED}
 *     replaces it with an insecure hash stand-in ({@code DhFunction.SIMULATED}) for studies of
 *     behaviour at scale: same messages, sizes, timers and random draws, much less CPU
 * @param clientExit how a client ends when its lifetime is over: {@link ClientExit#CLOSE} closes its
 *     sessions with Close frames (a user quitting the app), {@link ClientExit#VANISH} just stops (a
 *     crash, a lost network): its device then keeps probing the dead paths until the idle timeout
 * @param pingIntervalNs how often a client pings its device inside the session once it is up
 *     ({@code PingProbe}: a Datagram frame the device echoes), for the connection's RTT samples; 0:
 *     no pings (the records then carry no samples)
 */
public record DeviceSimSpec(
        int devices,
        int connects,
        long durationNs,
        long seed,
        List<RegionSpec> regions,
        List<String> rendezvous,
        Map<NatPreset, Double> natMix,
        double cellularShare,
        NatPreset cellularNat,
        Links links,
        long registerSpreadNs,
        long connectFromNs,
        long clientLifetimeNs,
        Cgnat cgnat,
        double cascadedShare,
        double sameNatConnectShare,
        Crypto crypto,
        ClientExit clientExit,
        long pingIntervalNs) {

    /** Whether handshakes do real X25519 (the default) or a stand-in (see the record's doc). */
    public enum Crypto { REAL, MODELLED }

    /** How a client leaves (see the record's doc); CLOSE by default. */
    public enum ClientExit { CLOSE, VANISH }

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;
    /** Clients ping their device once a second unless told otherwise. */
    public static final long DEFAULT_PING_INTERVAL_NS = SECOND;

    /**
     * A region on the map; core latency between two regions grows with their great-circle distance.
     *
     * @param share relative share of devices and clients placed here
     */
    public record RegionSpec(String name, double latitude, double longitude, double share) {
        public RegionSpec {
            Objects.requireNonNull(name, "name");
            if (!(share >= 0) || Double.isInfinite(share)) {
                throw new IllegalArgumentException("regions[" + name + "].share must be >= 0, got " + share);
            }
        }
    }

    /**
     * Gilbert-Elliott bursty loss on an edge (Gilbert 1960, Elliott 1963): a two-state Markov chain
     * stepped once per packet crossing the edge; the packet is lost with {@code lossGood} or
     * {@code lossBad} depending on the state it lands in.
     *
     * @param goodToBad probability of moving from the good to the bad state, per packet
     * @param badToGood probability of moving from the bad to the good state, per packet
     * @param lossGood loss probability in the good state
     * @param lossBad loss probability in the bad state
     */
    public record GilbertElliott(double goodToBad, double badToGood, double lossGood, double lossBad) {
        /** No bursty loss. */
        public static final GilbertElliott NONE = new GilbertElliott(0, 1, 0, 0);

        public GilbertElliott {
            for (double p : new double[] {goodToBad, badToGood, lossGood, lossBad}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("links.burstLoss: probabilities must be in [0, 1], got " + p);
                }
            }
        }

        public boolean isNone() {
            return goodToBad == 0 && lossGood == 0;
        }
    }

    /**
     * Carrier-grade NAT boxes (RFC 6888) shared by up to {@code subscribersPerBox} devices each, plus
     * the clients that sit behind the same box as their device. A box is an engine node of its own,
     * hence in one region whatever the partition (see {@link CarrierNat}).
     *
     * @param subscribersPerBox devices per box (S); the box's last one may hold fewer
     * @param preset the boxes' behaviour (mapping, filtering, allocation, timeout)
     * @param portBlock ports per subscriber (B): each subscriber gets its own block of the preset's
     *     range on first use (bulk port allocation, RFC 7422's idea without the deterministic formula);
     *     0: one pool of ports for all subscribers. S x B must fit the preset's range; clients behind
     *     their device's box take blocks too, and one that finds none left gets nothing through
     * @param hairpinning whether a subscriber reaches another through the box's external address
     *     (RFC 4787 REQ-9 asks for it; many carriers do not do it)
     */
    public record Cgnat(int subscribersPerBox, NatPreset preset, int portBlock, boolean hairpinning) {
        public Cgnat {
            if (subscribersPerBox < 1) {
                throw new IllegalArgumentException("cgnat.subscribersPerBox must be >= 1, got " + subscribersPerBox);
            }
            Objects.requireNonNull(preset, "cgnat.preset");
            if (preset.config() == null) throw new IllegalArgumentException("cgnat.preset: 'open' is no NAT");
            if (portBlock < 0 || portBlock > preset.config().portCount()) {
                throw new IllegalArgumentException("cgnat.portBlock must be in [0, " + preset.config().portCount()
                        + "] (the preset's port range), got " + portBlock);
            }
            if ((long) subscribersPerBox * portBlock > preset.config().portCount()) {
                throw new IllegalArgumentException("cgnat.portBlock: " + subscribersPerBox + " subscribers x " + portBlock
                        + " ports exceed the preset's " + preset.config().portCount() + " ports");
            }
        }

        /** The boxes' NAT behaviour: the preset's with this hairpinning. */
        public net.overlay.core.nat.NatConfig config() {
            return preset.config().withHairpinning(hairpinning);
        }
    }

    /**
     * A bottleneck on devices' downlinks (the direction cellular traces measure): a FIFO served at a
     * constant rate or at a trace's delivery opportunities, per-byte as Mahimahi does, drop-tail at
     * {@code queueBytes}; overlay-core's {@code netsim.ModelPath} does the work.
     *
     * @param rateKbit constant rate of every device's downlink in kbit/s, 0 for none
     * @param queueBytes drop-tail limit of each queue, in wire bytes
     * @param cellularTrace cellular devices' downlinks instead follow this: {@code "synthetic"} (overlay-core's
     *     generator, seeded by the run) or a Mahimahi trace file's path; null for none
     */
    public record Bottleneck(long rateKbit, long queueBytes, String cellularTrace) {
        /** No bottleneck anywhere. */
        public static final Bottleneck NONE = new Bottleneck(0, 65_536, null);

        public Bottleneck {
            if (rateKbit < 0) throw new IllegalArgumentException("links.bottleneckKbit must be >= 0, got " + rateKbit);
            if (queueBytes < 1) throw new IllegalArgumentException("links.queueBytes must be >= 1, got " + queueBytes);
            if (cellularTrace != null && cellularTrace.isBlank()) {
                throw new IllegalArgumentException("links.cellularTrace: expected \"synthetic\" or a file path");
            }
        }

        public boolean isNone() {
            return rateKbit == 0 && cellularTrace == null;
        }
    }

    /**
     * Link settings. A one-way delay is the sender's edge, the core between the regions, the
     * receiver's edge, plus a uniform jitter; loss is Bernoulli ({@code edgeLoss}) and, if set,
     * Gilbert-Elliott ({@code burstLoss}) on each edge crossed.
     */
    public record Links(long deviceEdgeNs, long clientEdgeNs, long rendezvousEdgeNs, long cellularEdgeNs, long jitterNs,
            double edgeLoss, GilbertElliott burstLoss, Bottleneck bottleneck) {

        public Links(long deviceEdgeNs, long clientEdgeNs, long rendezvousEdgeNs, long cellularEdgeNs, long jitterNs,
                double edgeLoss, GilbertElliott burstLoss) {
            this(deviceEdgeNs, clientEdgeNs, rendezvousEdgeNs, cellularEdgeNs, jitterNs, edgeLoss, burstLoss, Bottleneck.NONE);
        }

        public Links(long deviceEdgeNs, long clientEdgeNs, long rendezvousEdgeNs, long cellularEdgeNs, long jitterNs,
                double edgeLoss) {
            this(deviceEdgeNs, clientEdgeNs, rendezvousEdgeNs, cellularEdgeNs, jitterNs, edgeLoss, GilbertElliott.NONE);
        }

        public Links {
            Objects.requireNonNull(burstLoss, "links.burstLoss");
            Objects.requireNonNull(bottleneck, "links.bottleneck");
            for (long v : new long[] {deviceEdgeNs, clientEdgeNs, rendezvousEdgeNs, cellularEdgeNs, jitterNs}) {
                if (v < 0) throw new IllegalArgumentException("links: latencies must be >= 0, got " + v + " ns");
            }
            if (!(edgeLoss >= 0 && edgeLoss < 1)) {
                throw new IllegalArgumentException("links.edgeLoss must be in [0, 1), got " + edgeLoss);
            }
        }

        /** These links with {@code b} on the devices' downlinks. */
        public Links withBottleneck(Bottleneck b) {
            return new Links(deviceEdgeNs, clientEdgeNs, rendezvousEdgeNs, cellularEdgeNs, jitterNs, edgeLoss, burstLoss, b);
        }

        /** The edges of NatPairMatrixTest: device 20 ms, client 30 ms, rendezvous 10 ms; cellular 40 ms. */
        public static final Links DEFAULT = new Links(20 * MS, 30 * MS, 10 * MS, 40 * MS, 0, 0);
    }

    /** A scenario without shared CGNAT boxes (every NATed host has its own box). */
    public DeviceSimSpec(int devices, int connects, long durationNs, long seed, List<RegionSpec> regions,
            List<String> rendezvous, Map<NatPreset, Double> natMix, double cellularShare, NatPreset cellularNat,
            Links links, long registerSpreadNs, long connectFromNs, long clientLifetimeNs) {
        this(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare, cellularNat, links,
                registerSpreadNs, connectFromNs, clientLifetimeNs, null, 0, 0, Crypto.REAL, ClientExit.CLOSE,
                DEFAULT_PING_INTERVAL_NS);
    }

    /** With real crypto; clients close their sessions when they go. */
    public DeviceSimSpec(int devices, int connects, long durationNs, long seed, List<RegionSpec> regions,
            List<String> rendezvous, Map<NatPreset, Double> natMix, double cellularShare, NatPreset cellularNat,
            Links links, long registerSpreadNs, long connectFromNs, long clientLifetimeNs, Cgnat cgnat,
            double cascadedShare, double sameNatConnectShare) {
        this(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare, cellularNat, links,
                registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare, sameNatConnectShare, Crypto.REAL,
                ClientExit.CLOSE, DEFAULT_PING_INTERVAL_NS);
    }

    public DeviceSimSpec {
        if (devices < 1) throw new IllegalArgumentException("devices must be >= 1, got " + devices);
        if (connects < 0) throw new IllegalArgumentException("connects must be >= 0, got " + connects);
        if (durationNs <= 0) throw new IllegalArgumentException("minutes must be positive");
        regions = List.copyOf(regions);
        if (regions.isEmpty()) throw new IllegalArgumentException("regions must name at least one region");
        if (regions.stream().mapToDouble(RegionSpec::share).sum() <= 0) {
            throw new IllegalArgumentException("regions: the shares must not all be 0");
        }
        rendezvous = List.copyOf(rendezvous);
        if (rendezvous.isEmpty()) throw new IllegalArgumentException("rendezvous must name at least one region");
        for (String r : rendezvous) {
            if (regions.stream().noneMatch(g -> g.name().equals(r))) {
                throw new IllegalArgumentException("rendezvous: no region named '" + r + "'");
            }
        }
        natMix = new LinkedHashMap<>(natMix);
        if (natMix.isEmpty() || natMix.values().stream().anyMatch(w -> !(w >= 0))
                || natMix.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("natMix needs non-negative weights, not all 0");
        }
        natMix = Map.copyOf(natMix);
        if (!(cellularShare >= 0 && cellularShare <= 1)) {
            throw new IllegalArgumentException("cellularShare must be in [0, 1], got " + cellularShare);
        }
        Objects.requireNonNull(cellularNat, "cellularNat");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(clientExit, "clientExit");
        if (registerSpreadNs <= 0 || connectFromNs < 0 || clientLifetimeNs <= 0) {
            throw new IllegalArgumentException("registerSpreadSeconds and clientLifetimeSeconds must be positive,"
                    + " connectFromSeconds >= 0");
        }
        if (!(cascadedShare >= 0 && cascadedShare <= 1)) {
            throw new IllegalArgumentException("cascadedShare must be in [0, 1], got " + cascadedShare);
        }
        if (!(sameNatConnectShare >= 0 && sameNatConnectShare <= 1)) {
            throw new IllegalArgumentException("sameNatConnectShare must be in [0, 1], got " + sameNatConnectShare);
        }
        if (pingIntervalNs < 0) throw new IllegalArgumentException("pingIntervalNs must be >= 0, got " + pingIntervalNs);
        if (cgnat == null && cascadedShare > 0) throw new IllegalArgumentException("cascadedShare needs a cgnat section");
        if (cgnat == null && sameNatConnectShare > 0) {
            throw new IllegalArgumentException("sameNatConnectShare needs a cgnat section");
        }
    }

    /** This scenario with another size, length and seed (the CLI's {@code --devices} over a scenario file). */
    public DeviceSimSpec withRun(int devices, int connects, long durationNs, long seed) {
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare,
                cellularNat, links, registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare,
                sameNatConnectShare, crypto, clientExit, pingIntervalNs);
    }

    /** This scenario with shared CGNAT boxes, cascades and same-box connects. */
    public DeviceSimSpec withCarrier(Cgnat cgnat, double cascadedShare, double sameNatConnectShare) {
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare,
                cellularNat, links, registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare,
                sameNatConnectShare, crypto, clientExit, pingIntervalNs);
    }

    /** This scenario with real or modelled handshake crypto. */
    public DeviceSimSpec withCrypto(Crypto c) {
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare,
                cellularNat, links, registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare,
                sameNatConnectShare, c, clientExit, pingIntervalNs);
    }

    /** This scenario with clients that close their sessions, or vanish, when they go. */
    public DeviceSimSpec withClientExit(ClientExit exit) {
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare,
                cellularNat, links, registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare,
                sameNatConnectShare, crypto, exit, pingIntervalNs);
    }

    /** This scenario with clients that ping their device every {@code intervalNs} (0: never). */
    public DeviceSimSpec withPingIntervalNs(long intervalNs) {
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare,
                cellularNat, links, registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare,
                sameNatConnectShare, crypto, clientExit, intervalNs);
    }

    /** This scenario with other links. */
    public DeviceSimSpec withLinks(Links links) {
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, natMix, cellularShare,
                cellularNat, links, registerSpreadNs, connectFromNs, clientLifetimeNs, cgnat, cascadedShare,
                sameNatConnectShare, crypto, clientExit, pingIntervalNs);
    }

    /**
     * The benchmark's scenario: {@code devices} devices for {@code minutes}, {@code connects}
     * clients; three regions, one rendezvous node per 250k devices (at least two); a NAT mix after
     * the shares measured in the wild (mostly port-restricted home routers, a fifth symmetric), 30 %
     * cellular behind carrier-grade NAT.
     */
    public static DeviceSimSpec bench(int devices, double minutes, int connects, long seed) {
        List<RegionSpec> regions = List.of(new RegionSpec("eu-west", 48.9, 2.3, 0.4),
                new RegionSpec("us-east", 39.0, -77.5, 0.4), new RegionSpec("ap-south", 1.3, 103.8, 0.2));
        int nodes = Math.max(2, (devices + 249_999) / 250_000);
        List<String> rendezvous = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) rendezvous.add(regions.get(i % regions.size()).name());
        Map<NatPreset, Double> mix = Map.of(NatPreset.OPEN, 0.05, NatPreset.FULL_CONE, 0.05, NatPreset.RESTRICTED, 0.05,
                NatPreset.PORT_RESTRICTED, 0.35, NatPreset.LINUX_MASQUERADE, 0.30, NatPreset.SYMMETRIC_SEQUENTIAL, 0.05,
                NatPreset.SYMMETRIC_RANDOM, 0.10, NatPreset.CLOUD_NAT, 0.05);
        long durationNs = (long) (minutes * 60 * SECOND);
        return new DeviceSimSpec(devices, connects, durationNs, seed, regions, rendezvous, mix, 0.3,
                NatPreset.CGNAT_CELLULAR, Links.DEFAULT, Math.min(60 * SECOND, durationNs / 2),
                Math.min(90 * SECOND, durationNs / 2), 30 * SECOND);
    }
}
