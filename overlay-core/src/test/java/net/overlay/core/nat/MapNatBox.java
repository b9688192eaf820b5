package net.overlay.core.nat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;

/**
 * The former NatBox, on HashMaps and HashSets: the oracle of {@code NatBoxTablesTest}. One NAT's translation table, modelling RFC 4787 behaviours on packed IPv4 endpoints
 * ({@link Endpoints}). A host (the in-memory test network or a simulator actor) calls
 * {@link #outbound} for each packet leaving the private side and {@link #inbound} for each packet
 * reaching the public address; both return the translated endpoint or {@link Endpoints#NONE} when
 * the NAT drops the packet. Time is an argument, as in Tailscale's natlab: the table never reads a
 * clock. Randomness (random port allocation) comes from the injected generator.
 *
 * <p>Not thread-safe: one NAT is driven by one host at a time.
 */
final class MapNatBox {
    private static final long EIM_SCOPE = Long.MIN_VALUE;
    /** Tries at random ports before a linear scan for a free one. */
    private static final int RANDOM_PORT_TRIES = 32;

    private final NatConfig config;
    private final int publicIp;
    private final RandomGenerator random;

    private final Map<MapKey, Mapping> byKey = new HashMap<>();
    private final Map<Integer, Mapping> byPort = new HashMap<>();
    /** Linux conntrack entries left by unsolicited inbound packets: (remote, public port) -> expiry. */
    private final StrayTable strayEntries = new StrayTable();
    private int nextSequentialPort;

    private long mappingsCreated;
    private long droppedNoMapping;
    private long droppedFiltered;
    private long droppedPortsExhausted;
    private long droppedBlocked;
    private long collisionRemaps;

    private record MapKey(long endpoint, long scope) {}

    private static final class Mapping {
        final MapKey key;
        final long privateEndpoint;
        final int publicPort;
        long expiresAtNs;
        Set<Long> contactedEndpoints;
        Set<Integer> contactedIps;

        Mapping(MapKey key, long privateEndpoint, int publicPort) {
            this.key = key;
            this.privateEndpoint = privateEndpoint;
            this.publicPort = publicPort;
        }
    }

    /**
     * @param config the NAT's behaviour
     * @param publicIp its single external IPv4 address
     * @param random source of port choices (seeded in tests and simulation)
     */
    MapNatBox(NatConfig config, int publicIp, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.publicIp = publicIp;
        this.random = Objects.requireNonNull(random, "random");
        this.nextSequentialPort = config.portLow() + random.nextInt(config.portCount());
    }

    public NatConfig config() {
        return config;
    }

    public int publicIp() {
        return publicIp;
    }

    /**
     * Translates a packet from {@code privateSrc} to {@code dst} leaving the private side.
     *
     * @return the external source endpoint, or {@link Endpoints#NONE} when dropped
     */
    public long outbound(long nowNs, long privateSrc, long dst) {
        if (config.udpBlocked()) {
            droppedBlocked++;
            return Endpoints.NONE;
        }
        Mapping m = liveMapping(nowNs, new MapKey(privateSrc, dst));
        if (m == null) {
            MapKey key = new MapKey(privateSrc, scopeFor(dst));
            m = liveMapping(nowNs, key);
            if (m == null) {
                // A shared (EIM, ADM) mapping is chosen for every destination, not this one alone.
                long clashCheck = key.scope() == dst ? dst : Endpoints.NONE;
                m = createMapping(nowNs, key, privateSrc, clashCheck, false);
            }
            if (m != null && collidesWithStray(nowNs, dst, m.publicPort)) {
                // Linux: the (external port, remote) tuple is taken by a stray conntrack entry, so this
                // flow gets a mapping of its own on another port (REFERENCE.md: 40000 moved to 22150).
                collisionRemaps++;
                m = createMapping(nowNs, new MapKey(privateSrc, dst), privateSrc, dst, true);
            }
            if (m == null) {
                droppedPortsExhausted++;
                return Endpoints.NONE;
            }
        }
        m.expiresAtNs = nowNs + config.mappingTimeoutNs();
        remember(m, dst);
        return Endpoints.of(publicIp, m.publicPort);
    }

    /**
     * Translates a packet from {@code remoteSrc} arriving at {@code publicDst} (this NAT's address).
     *
     * @return the internal destination endpoint, or {@link Endpoints#NONE} when dropped
     */
    public long inbound(long nowNs, long remoteSrc, long publicDst) {
        if (config.udpBlocked()) {
            droppedBlocked++;
            return Endpoints.NONE;
        }
        int port = Endpoints.port(publicDst);
        Mapping m = byPort.get(port);
        if (m != null && m.expiresAtNs <= nowNs) {
            remove(m);
            m = null;
        }
        if (m == null || !admits(m, remoteSrc) || collidesWithStray(nowNs, remoteSrc, port)) {
            if (m == null) {
                droppedNoMapping++;
            } else {
                droppedFiltered++;
            }
            if (config.conntrackCollision()) {
                strayEntries.put(remoteSrc, port, nowNs + NatConfig.CONNTRACK_UNREPLIED_TIMEOUT_NS);
            }
            return Endpoints.NONE;
        }
        if (config.inboundRefresh()) {
            m.expiresAtNs = nowNs + config.mappingTimeoutNs();
        }
        return m.privateEndpoint;
    }

    /** Whether a packet to {@code dst} from inside must be looped back in (RFC 4787 6, hairpinning). */
    public boolean isOwnAddress(long dst) {
        return Endpoints.ip(dst) == publicIp;
    }

    /** Forgets expired mappings and stray entries; hosts call it now and then to bound memory. */
    public void expire(long nowNs) {
        for (Iterator<Mapping> it = byKey.values().iterator(); it.hasNext(); ) {
            Mapping m = it.next();
            if (m.expiresAtNs <= nowNs) {
                it.remove();
                byPort.remove(m.publicPort, m);
            }
        }
        strayEntries.expire(nowNs);
    }

    /** Live mappings at {@code nowNs} (expired ones not yet swept are not counted). */
    public int activeMappings(long nowNs) {
        int n = 0;
        for (Mapping m : byKey.values()) {
            if (m.expiresAtNs > nowNs) {
                n++;
            }
        }
        return n;
    }

    public long mappingsCreated() {
        return mappingsCreated;
    }

    public long droppedNoMapping() {
        return droppedNoMapping;
    }

    public long droppedFiltered() {
        return droppedFiltered;
    }

    public long droppedPortsExhausted() {
        return droppedPortsExhausted;
    }

    public long droppedBlocked() {
        return droppedBlocked;
    }

    /** Outbound flows moved to another port by the conntrack collision. */
    public long collisionRemaps() {
        return collisionRemaps;
    }

    private long scopeFor(long dst) {
        MappingBehavior b = config.mapping();
        return switch (b) {
            case ENDPOINT_INDEPENDENT -> EIM_SCOPE;
            case ADDRESS_DEPENDENT -> Endpoints.withPort(dst, 0) | (1L << 62);
            case ADDRESS_AND_PORT_DEPENDENT -> dst;
        };
    }

    private Mapping liveMapping(long nowNs, MapKey key) {
        Mapping m = byKey.get(key);
        if (m != null && m.expiresAtNs <= nowNs) {
            remove(m);
            return null;
        }
        return m;
    }

    private boolean admits(Mapping m, long remote) {
        return switch (config.filtering()) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> m.contactedIps != null && m.contactedIps.contains(Endpoints.ip(remote));
            case ADDRESS_AND_PORT_DEPENDENT -> m.contactedEndpoints != null && m.contactedEndpoints.contains(remote);
        };
    }

    private void remember(Mapping m, long dst) {
        switch (config.filtering()) {
            case ENDPOINT_INDEPENDENT -> { }
            case ADDRESS_DEPENDENT -> {
                if (m.contactedIps == null) {
                    m.contactedIps = new HashSet<>(4);
                }
                m.contactedIps.add(Endpoints.ip(dst));
            }
            case ADDRESS_AND_PORT_DEPENDENT -> {
                if (m.contactedEndpoints == null) {
                    m.contactedEndpoints = new HashSet<>(4);
                }
                m.contactedEndpoints.add(dst);
            }
        }
    }

    private boolean collidesWithStray(long nowNs, long remote, int publicPort) {
        if (!config.conntrackCollision() || strayEntries.isEmpty()) {
            return false;
        }
        return strayEntries.blocks(nowNs, remote, publicPort);
    }

    private Mapping createMapping(long nowNs, MapKey key, long privateSrc, long dst, boolean avoidPreferred) {
        int port = allocatePort(nowNs, Endpoints.port(privateSrc), dst, avoidPreferred);
        if (port < 0) {
            return null;
        }
        Mapping m = new Mapping(key, privateSrc, port);
        byKey.put(key, m);
        byPort.put(port, m);
        mappingsCreated++;
        return m;
    }

    private int allocatePort(long nowNs, int privatePort, long dst, boolean avoidPreferred) {
        int low = config.portLow();
        int count = config.portCount();
        PortAllocation policy = config.allocation();
        if (policy == PortAllocation.PRESERVING && !avoidPreferred
                && privatePort >= low && privatePort <= config.portHigh() && isFree(nowNs, privatePort, dst)) {
            return privatePort;
        }
        if (policy == PortAllocation.SEQUENTIAL) {
            for (int i = 0; i < count; i++) {
                int p = nextSequentialPort;
                nextSequentialPort = low + Math.floorMod(p - low + config.portStep(), count);
                if (isFree(nowNs, p, dst)) {
                    return p;
                }
            }
            return -1;
        }
        // RANDOM, and PRESERVING when the preferred port is taken: Linux picks a pseudo-random one.
        for (int i = 0; i < RANDOM_PORT_TRIES; i++) {
            int p = low + random.nextInt(count);
            if (isFree(nowNs, p, dst)) {
                return p;
            }
        }
        int start = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int p = low + (start + i) % count;
            if (isFree(nowNs, p, dst)) {
                return p;
            }
        }
        return -1;
    }

    private boolean isFree(long nowNs, int port, long dst) {
        Mapping m = byPort.get(port);
        if (m != null) {
            if (m.expiresAtNs > nowNs) {
                return false;
            }
            remove(m);
        }
        return !collidesWithStray(nowNs, dst, port);
    }

    private void remove(Mapping m) {
        byKey.remove(m.key, m);
        byPort.remove(m.publicPort, m);
    }
}
