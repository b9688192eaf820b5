package net.overlay.core.nat;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import net.overlay.core.proto.traversal.MappingBehavior;
import net.overlay.core.proto.traversal.PortAllocation;

/**
 * One NAT's translation table, modelling RFC 4787 behaviours on packed IPv4 endpoints
 * ({@link Endpoints}). A host (the in-memory test network or a simulator actor) calls
 * {@link #outbound} for each packet leaving the private side and {@link #inbound} for each packet
 * reaching the public address; both return the translated endpoint or {@link Endpoints#NONE} when
 * the NAT drops the packet. Time is an argument, as in Tailscale's natlab: the table never reads a
 * clock. Randomness (random port allocation) comes from the injected generator.
 *
 * <p>Storage is compact, since a simulator holds a million NATs (issue #5): mappings sit in two
 * open-addressing indexes (by key and by public port; linear probing, deletion by backward shift),
 * and the endpoints a mapping has contacted in a sorted {@code long[]}, with no boxed key or set.
 *
 * <p>Not thread-safe: one NAT is driven by one host at a time.
 */
public final class NatBox {
    private static final long EIM_SCOPE = Long.MIN_VALUE;
    /** Tries at random ports before a linear scan for a free one. */
    private static final int RANDOM_PORT_TRIES = 32;

    private final NatConfig config;
    private final int publicIp;
    private final RandomGenerator random;

    private static final Mapping[] NO_MAPPINGS = new Mapping[0];
    private static final long[] NO_LONGS = new long[0];
    private static final int FIRST_CAPACITY = 8;

    /** The same mappings twice: by (private endpoint, scope), and by public port. Load at most 1/2. */
    private Mapping[] byKey = NO_MAPPINGS;
    private Mapping[] byPort = NO_MAPPINGS;
    private int size;
    /** The latest (mapping, contacted key) that admitted a packet: the next one is most often the same. */
    private Mapping lastAdmitted;
    private long lastAdmittedKey;
    /** Linux conntrack entries left by unsolicited inbound packets: (remote, public port) -> expiry. */
    private final StrayTable strayEntries = new StrayTable();
    private int nextSequentialPort;

    private long mappingsCreated;
    private long droppedNoMapping;
    private long droppedFiltered;
    private long droppedPortsExhausted;
    private long droppedBlocked;
    private long collisionRemaps;

    private static final class Mapping {
        /** The key is (privateEndpoint, keyScope): the scope is a destination, an address, or EIM_SCOPE. */
        final long privateEndpoint;
        final long keyScope;
        final int publicPort;
        long expiresAtNs;
        /** Contacted endpoints (or addresses, for address-dependent filtering), sorted; the first {@code contactedCount}. */
        long[] contacted = NO_LONGS;
        int contactedCount;

        Mapping(long privateEndpoint, long keyScope, int publicPort) {
            this.privateEndpoint = privateEndpoint;
            this.keyScope = keyScope;
            this.publicPort = publicPort;
        }

        boolean hasContacted(long remote) {
            return Arrays.binarySearch(contacted, 0, contactedCount, remote) >= 0;
        }

        void contact(long remote) {
            int at = Arrays.binarySearch(contacted, 0, contactedCount, remote);
            if (at >= 0) {
                return;
            }
            at = -at - 1;
            if (contactedCount == contacted.length) {
                contacted = Arrays.copyOf(contacted, Math.max(2, contactedCount * 2));
            }
            System.arraycopy(contacted, at, contacted, at + 1, contactedCount - at);
            contacted[at] = remote;
            contactedCount++;
        }
    }

    /**
     * @param config the NAT's behaviour
     * @param publicIp its single external IPv4 address
     * @param random source of port choices (seeded in tests and simulation)
     */
    public NatBox(NatConfig config, int publicIp, RandomGenerator random) {
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
        Mapping m = liveMapping(nowNs, privateSrc, dst);
        if (m == null) {
            long scope = scopeFor(dst);
            m = liveMapping(nowNs, privateSrc, scope);
            if (m == null) {
                // A shared (EIM, ADM) mapping is chosen for every destination, not this one alone.
                long clashCheck = scope == dst ? dst : Endpoints.NONE;
                m = createMapping(nowNs, scope, privateSrc, clashCheck, false);
            }
            if (m != null && collidesWithStray(nowNs, dst, m.publicPort)) {
                // Linux: the (external port, remote) tuple is taken by a stray conntrack entry, so this
                // flow gets a mapping of its own on another port (REFERENCE.md: 40000 moved to 22150).
                collisionRemaps++;
                m = createMapping(nowNs, dst, privateSrc, dst, true);
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
        Mapping m = findByPort(port);
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
        int live = 0;
        for (Mapping m : byKey) {
            if (m != null && m.expiresAtNs > nowNs) {
                live++;
            }
        }
        if (live < size) {
            lastAdmitted = null;
            Mapping[] old = byKey;
            size = 0;
            byKey = NO_MAPPINGS;
            byPort = NO_MAPPINGS;
            if (live > 0) {
                resize(capacityFor(live));
                for (Mapping m : old) {
                    if (m != null && m.expiresAtNs > nowNs) {
                        insert(m);
                    }
                }
            }
        }
        strayEntries.expire(nowNs);
    }

    /** Live mappings at {@code nowNs} (expired ones not yet swept are not counted). */
    public int activeMappings(long nowNs) {
        int n = 0;
        for (Mapping m : byKey) {
            if (m != null && m.expiresAtNs > nowNs) {
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

    private Mapping liveMapping(long nowNs, long endpoint, long scope) {
        Mapping m = findByKey(endpoint, scope);
        if (m != null && m.expiresAtNs <= nowNs) {
            remove(m);
            return null;
        }
        return m;
    }

    private boolean admits(Mapping m, long remote) {
        long key;
        switch (config.filtering()) {
            case ENDPOINT_INDEPENDENT -> {
                return true;
            }
            case ADDRESS_DEPENDENT -> key = Endpoints.ip(remote);
            default -> key = remote;
        }
        if (m == lastAdmitted && key == lastAdmittedKey) {
            return true;
        }
        // A mapping's contacted set only grows while it lives, so a hit stays a hit: most inbound
        // packets come from the remote the previous one came from (a keepalive's answer, a session).
        if (m.hasContacted(key)) {
            lastAdmitted = m;
            lastAdmittedKey = key;
            return true;
        }
        return false;
    }

    private void remember(Mapping m, long dst) {
        switch (config.filtering()) {
            case ENDPOINT_INDEPENDENT -> { }
            case ADDRESS_DEPENDENT -> contact(m, Endpoints.ip(dst));
            case ADDRESS_AND_PORT_DEPENDENT -> contact(m, dst);
        }
    }

    private void contact(Mapping m, long key) {
        if (m != lastAdmitted || key != lastAdmittedKey) {
            m.contact(key);
            lastAdmitted = m;
            lastAdmittedKey = key;
        }
    }

    private boolean collidesWithStray(long nowNs, long remote, int publicPort) {
        if (!config.conntrackCollision() || strayEntries.isEmpty()) {
            return false;
        }
        return strayEntries.blocks(nowNs, remote, publicPort);
    }

    /** A new mapping keyed (privateSrc, scope); null when no port is free. No live mapping has that key. */
    private Mapping createMapping(long nowNs, long scope, long privateSrc, long dst, boolean avoidPreferred) {
        int port = allocatePort(nowNs, Endpoints.port(privateSrc), dst, avoidPreferred);
        if (port < 0) {
            return null;
        }
        Mapping m = new Mapping(privateSrc, scope, port);
        if ((size + 1) * 2 > byKey.length) {
            resize(Math.max(FIRST_CAPACITY, byKey.length * 2));
        }
        insert(m);
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
        Mapping m = findByPort(port);
        if (m != null) {
            if (m.expiresAtNs > nowNs) {
                return false;
            }
            remove(m);
        }
        return !collidesWithStray(nowNs, dst, port);
    }

    private void remove(Mapping m) {
        if (m == lastAdmitted) {
            lastAdmitted = null;
        }
        delete(byKey, m, true);
        delete(byPort, m, false);
        size--;
    }

    // --- The two indexes ---------------------------------------------------------------------

    private static int keyHash(long endpoint, long scope) {
        long h = (endpoint * 0x9E3779B97F4A7C15L) ^ (scope * 0xC2B2AE3D27D4EB4FL);
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private static int portHash(int port) {
        return port * 0x9E3779B9 >>> 7;
    }

    private static int home(Mapping m, boolean byKey, int mask) {
        return (byKey ? keyHash(m.privateEndpoint, m.keyScope) : portHash(m.publicPort)) & mask;
    }

    private Mapping findByKey(long endpoint, long scope) {
        if (size == 0) {
            return null;
        }
        int mask = byKey.length - 1;
        for (int i = keyHash(endpoint, scope) & mask; ; i = (i + 1) & mask) {
            Mapping m = byKey[i];
            if (m == null || (m.privateEndpoint == endpoint && m.keyScope == scope)) {
                return m;
            }
        }
    }

    private Mapping findByPort(int port) {
        if (size == 0) {
            return null;
        }
        int mask = byPort.length - 1;
        for (int i = portHash(port) & mask; ; i = (i + 1) & mask) {
            Mapping m = byPort[i];
            if (m == null || m.publicPort == port) {
                return m;
            }
        }
    }

    /** Puts {@code m} in both indexes; there must be room. */
    private void insert(Mapping m) {
        place(byKey, m, true);
        place(byPort, m, false);
        size++;
    }

    private static void place(Mapping[] table, Mapping m, boolean byKey) {
        int mask = table.length - 1;
        int i = home(m, byKey, mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = m;
    }

    /** Removes {@code m} from {@code table}, shifting later entries of its probe run back (no tombstones). */
    private static void delete(Mapping[] table, Mapping m, boolean byKey) {
        int mask = table.length - 1;
        int i = home(m, byKey, mask);
        while (table[i] != m) {
            i = (i + 1) & mask;
        }
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int h = home(table[j], byKey, mask);
            // table[j] may fill the hole at i unless its home lies cyclically in (i, j].
            boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
            if (!stays) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = null;
    }

    private static int capacityFor(int entries) {
        int c = FIRST_CAPACITY;
        while (entries * 2 > c) {
            c *= 2;
        }
        return c;
    }

    private void resize(int capacity) {
        Mapping[] oldKeys = byKey;
        byKey = new Mapping[capacity];
        byPort = new Mapping[capacity];
        int n = size;
        size = 0;
        for (Mapping m : oldKeys) {
            if (m != null) {
                insert(m);
            }
        }
        assert size == n;
    }
}
