package net.overlay.core.testing;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatBox;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;

/**
 * An in-memory internet in virtual time for protocol tests (quinn's {@code Pair::drive}, grown to
 * many hosts and NATs): hosts run {@link DatagramMachine}s, sit either on the internet or inside
 * sites behind {@link NatBox}es (cascades allowed), and exchange datagrams with per-edge latency
 * and loss, plus an optional core latency between public addresses (regions). A NAT translates an
 * outgoing packet when it leaves and an incoming one when it arrives, so simultaneous opens race as they do on real links. Single-threaded and fully
 * determined by the seed; {@link #traceDigest()} summarises every delivery for determinism checks.
 *
 * <p>A host may own several addresses (a rendezvous node answering RFC 5780 tests has two) and
 * several sockets; a socket the machine uses without binding it first gets the host's first
 * address and port 50000 + its index.
 *
 * <p>TTL model: each NAT crossed costs one hop, the internet core {@link #CORE_HOPS}; a packet
 * whose TTL runs out is dropped where it runs out, which is what low-TTL priming relies on.
 */
public final class VirtualNetwork {
    public static final long MS = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;
    /** Router hops a packet crosses in the core between two edges. */
    public static final int CORE_HOPS = 8;
    private static final int DEFAULT_TTL = 64;
    /** First port of the extra sockets a machine opens beyond its primary one. */
    private static final int EXTRA_SOCKET_BASE_PORT = 50000;

    private final SplittableRandom random;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final Site internet;
    private long nowNs;
    private long sequence;
    private long digest = 0xcbf29ce484222325L;
    private long delivered;
    private long eventsAtThisInstant;
    /** More events than this at one virtual instant can only be a livelock. */
    private static final long LIVELOCK_EVENTS = 1_000_000;
    private long dropped;
    private CoreLatency coreLatency = (srcIp, dstIp) -> 0;

    public VirtualNetwork(long seed) {
        this.random = new SplittableRandom(seed);
        this.internet = new Site("internet", null, null, 0, 0);
    }

    /** A LAN or carrier network behind a NAT. */
    public static final class Site {
        final String name;
        final Site parent;
        final NatBox nat;
        final long edgeLatencyNs;
        final double lossRate;
        final Map<Integer, Host<?>> hosts = new HashMap<>();
        final Map<Integer, Site> children = new HashMap<>();

        Site(String name, Site parent, NatBox nat, long edgeLatencyNs, double lossRate) {
            this.name = name;
            this.parent = parent;
            this.nat = nat;
            this.edgeLatencyNs = edgeLatencyNs;
            this.lossRate = lossRate;
        }

        public NatBox nat() {
            return nat;
        }

        public String name() {
            return name;
        }
    }

    /** A machine attached at one or more addresses. */
    public static final class Host<E> {
        final String name;
        final Site site;
        final int primaryIp;
        DatagramMachine<E> machine;
        boolean down;
        final long edgeLatencyNs;
        final double lossRate;
        final List<E> events = new ArrayList<>();
        final Map<Integer, Long> endpointBySocket = new HashMap<>();
        final Map<Long, Integer> socketByEndpoint = new HashMap<>();
        long timerGeneration;
        long received;
        long timersFired;
        long sent;

        Host(String name, Site site, int primaryIp, DatagramMachine<E> machine, long edgeLatencyNs, double lossRate) {
            this.name = name;
            this.site = site;
            this.primaryIp = primaryIp;
            this.machine = machine;
            this.edgeLatencyNs = edgeLatencyNs;
            this.lossRate = lossRate;
        }

        void bind(int socket, long endpoint) {
            if (socketByEndpoint.containsKey(endpoint) || endpointBySocket.containsKey(socket)) {
                throw new IllegalArgumentException(name + ": socket " + socket + " or "
                        + Endpoints.toString(endpoint) + " already bound");
            }
            endpointBySocket.put(socket, endpoint);
            socketByEndpoint.put(endpoint, socket);
        }

        long endpointOf(int socket) {
            Long e = endpointBySocket.get(socket);
            if (e == null) {
                e = Endpoints.of(primaryIp, EXTRA_SOCKET_BASE_PORT + socket);
                bind(socket, e);
            }
            return e;
        }

        /** The address of socket 0. */
        public InetSocketAddress address() {
            return address(0);
        }

        /** The address of socket {@code socket}. */
        public InetSocketAddress address(int socket) {
            return Endpoints.toSocketAddress(endpointOf(socket));
        }

        public DatagramMachine<E> machine() {
            return machine;
        }

        /** Every event the machine has emitted so far. */
        public List<E> events() {
            return events;
        }

        public long received() {
            return received;
        }

        /** How often this host's machine was woken by its own timer. */
        public long timersFired() {
            return timersFired;
        }

        /** Datagrams the machine has handed to the network so far, dropped ones included. */
        public long sent() {
            return sent;
        }

        public String name() {
            return name;
        }
    }

    private abstract static sealed class Event implements Comparable<Event> permits Timer, AtCore, AtEdge {
        final long atNs;
        final long seq;

        Event(long atNs, long seq) {
            this.atNs = atNs;
            this.seq = seq;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(atNs, o.atNs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Timer extends Event {
        final Host<?> host;
        final long generation;

        Timer(long atNs, long seq, Host<?> host, long generation) {
            super(atNs, seq);
            this.host = host;
            this.generation = generation;
        }
    }

    /** A packet that left its edge and now crosses the core. */
    private static final class AtCore extends Event {
        final long src;
        final long dst;
        final byte[] data;
        final int ttl;

        AtCore(long atNs, long seq, long src, long dst, byte[] data, int ttl) {
            super(atNs, seq);
            this.src = src;
            this.dst = dst;
            this.data = data;
            this.ttl = ttl;
        }
    }

    /** A packet reaching the far edge (a NAT's public side, a host on the internet, or a LAN peer). */
    private static final class AtEdge extends Event {
        final Site site;
        final long src;
        final long dst;
        final byte[] data;
        final int ttl;

        AtEdge(long atNs, long seq, Site site, long src, long dst, byte[] data, int ttl) {
            super(atNs, seq);
            this.site = site;
            this.src = src;
            this.dst = dst;
            this.data = data;
            this.ttl = ttl;
        }
    }

    /**
     * The one-way latency of the core between two public addresses, on top of both edges' latencies:
     * a geographic placement of sites (regions). Called once per packet crossing the core.
     */
    @FunctionalInterface
    public interface CoreLatency {
        /** Nanoseconds, >= 0, from public address {@code srcIp} to public address {@code dstIp}. */
        long oneWayNs(int srcIp, int dstIp);
    }

    public Site internet() {
        return internet;
    }

    /** Replaces the core latency (none by default: only edge latencies count). */
    public void setCoreLatency(CoreLatency coreLatency) {
        this.coreLatency = java.util.Objects.requireNonNull(coreLatency, "coreLatency");
    }

    public long nowNs() {
        return nowNs;
    }

    /** A site behind a NAT with external address {@code publicIp} in {@code parent}. */
    public Site addNat(String name, Site parent, NatConfig config, String publicIp, long edgeLatencyNs, double lossRate) {
        int ip = Endpoints.parseIp(publicIp);
        NatBox nat = new NatBox(config, ip, random.split());
        Site site = new Site(name, parent, nat, edgeLatencyNs, lossRate);
        requireFree(parent, ip);
        parent.children.put(ip, site);
        return site;
    }

    /** Attaches {@code machine} at {@code ip:port} in {@code site}, and lets it start (drains it). */
    public <E> Host<E> addHost(String name, Site site, String ip, int port, DatagramMachine<E> machine,
            long edgeLatencyNs, double lossRate) {
        return addHost(name, site, List.of(ip + ":" + port), machine, edgeLatencyNs, lossRate);
    }

    /**
     * Attaches {@code machine} with socket {@code i} bound to {@code sockets.get(i)} ("ip:port"), and
     * lets it start. Every distinct address becomes the host's in {@code site}.
     */
    public <E> Host<E> addHost(String name, Site site, List<String> sockets, DatagramMachine<E> machine,
            long edgeLatencyNs, double lossRate) {
        long[] endpoints = new long[sockets.size()];
        for (int i = 0; i < endpoints.length; i++) {
            String spec = sockets.get(i);
            int colon = spec.lastIndexOf(':');
            endpoints[i] = Endpoints.of(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
        }
        Host<E> host = new Host<>(name, site, Endpoints.ip(endpoints[0]), machine, edgeLatencyNs, lossRate);
        for (int i = 0; i < endpoints.length; i++) {
            int ip = Endpoints.ip(endpoints[i]);
            if (site.hosts.get(ip) != host) {
                requireFree(site, ip);
                site.hosts.put(ip, host);
            }
            host.bind(i, endpoints[i]);
        }
        drain(host);
        return host;
    }

    private static void requireFree(Site site, int ip) {
        if (site.hosts.containsKey(ip) || site.children.containsKey(ip)) {
            throw new IllegalArgumentException(Endpoints.ipToString(ip) + " is taken in " + site.name);
        }
    }

    /** Runs events until virtual time {@code untilNs} (inclusive). */
    public void runUntil(long untilNs) {
        while (!queue.isEmpty() && queue.peek().atNs <= untilNs) {
            step();
        }
        nowNs = Math.max(nowNs, untilNs);
    }

    public void runFor(long durationNs) {
        runUntil(nowNs + durationNs);
    }

    /**
     * Runs until {@code done} holds (checked after each event) or {@code maxDurationNs} passes.
     *
     * @return whether {@code done} became true
     */
    public boolean runUntil(BooleanSupplier done, long maxDurationNs) {
        long limit = nowNs + maxDurationNs;
        while (!done.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().atNs > limit) {
                nowNs = Math.max(nowNs, limit);
                return done.getAsBoolean();
            }
            step();
        }
        return true;
    }

    /** Lets a test poke a machine (a command from its application) and then drains it. */
    public <E> void act(Host<E> host, java.util.function.Consumer<DatagramMachine<E>> command) {
        command.accept(host.machine);
        drain(host);
    }

    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    /** A digest of every delivery (time, endpoints, bytes): equal runs give equal digests. */
    public long traceDigest() {
        return digest;
    }

    private void step() {
        Event e = queue.poll();
        if (e.atNs == nowNs) {
            // A machine that keeps asking to be woken at the same instant never lets time move: a
            // livelock in the protocol, which a test must see as a failure rather than a hang.
            if (++eventsAtThisInstant > LIVELOCK_EVENTS) {
                throw new IllegalStateException("livelock: " + eventsAtThisInstant + " events at t=" + nowNs
                        + " ns, the last " + describe(e));
            }
        } else {
            eventsAtThisInstant = 0;
        }
        nowNs = e.atNs;
        switch (e) {
            case Timer t -> fireTimer(t);
            case AtCore c -> crossCore(c);
            case AtEdge a -> arriveAtEdge(a);
        }
    }

    private static String describe(Event e) {
        return switch (e) {
            case Timer t -> "a timer of " + t.host.name + " (" + t.host.machine.getClass().getSimpleName() + ")";
            case AtCore c -> "a packet " + Endpoints.toString(c.src) + " -> " + Endpoints.toString(c.dst);
            case AtEdge a -> "a packet " + Endpoints.toString(a.src) + " -> " + Endpoints.toString(a.dst);
        };
    }

    private void fireTimer(Timer t) {
        Host<?> h = t.host;
        if (t.generation != h.timerGeneration || h.down) {
            return;
        }
        h.timersFired++;
        h.machine.handleTimeout(nowNs);
        drain(h);
    }

    private <E> void drain(Host<E> h) {
        if (h.down) {
            return;
        }
        Transmit tx;
        while ((tx = h.machine.pollTransmit()) != null) {
            send(h, tx);
        }
        E ev;
        while ((ev = h.machine.pollEvent()) != null) {
            h.events.add(ev);
        }
        long deadline = h.machine.pollTimeoutNs();
        h.timerGeneration++;
        if (deadline != DatagramMachine.NO_DEADLINE) {
            queue.add(new Timer(Math.max(deadline, nowNs), sequence++, h, h.timerGeneration));
        }
    }

    /**
     * Takes a host off the network (a crash: nothing in or out, no timers) or brings it back. A host
     * brought back with a fresh machine ({@link #replaceMachine}) models a restart that lost its state.
     */
    public void setDown(Host<?> host, boolean down) {
        host.down = down;
        if (!down) {
            drain(host);
        }
    }

    /** Gives {@code host} a new machine (a restarted process), and lets it start. */
    public <E> void replaceMachine(Host<E> host, DatagramMachine<E> machine) {
        host.machine = machine;
        drain(host);
    }

    private void send(Host<?> h, Transmit tx) {
        h.sent++;
        long src = h.endpointOf(tx.socket());
        long dst = Endpoints.fromSocketAddress(tx.to());
        byte[] data = tx.payload().toArray();
        int ttl = tx.ttl() == Transmit.DEFAULT_TTL ? DEFAULT_TTL : tx.ttl();
        Site s = h.site;
        long edgeLatencyNs = h.edgeLatencyNs;
        double loss = h.lossRate;
        // Up through our own NATs until the destination is inside the current site.
        while (!s.hosts.containsKey(Endpoints.ip(dst)) && !s.children.containsKey(Endpoints.ip(dst))) {
            if (s.nat == null) {
                dropped++;
                return;
            }
            if (s.nat.isOwnAddress(dst)) {
                hairpin(s, src, dst, data);
                return;
            }
            src = s.nat.outbound(nowNs, src, dst);
            if (src == Endpoints.NONE || --ttl == 0) {
                dropped++;
                return;
            }
            edgeLatencyNs = s.edgeLatencyNs;
            loss = s.lossRate;
            s = s.parent;
        }
        if (s != internet) {
            // Both ends in the same private site: a LAN hop.
            queue.add(new AtEdge(nowNs, sequence++, s, src, dst, data, ttl));
            return;
        }
        if (loss > 0 && random.nextDouble() < loss) {
            dropped++;
            return;
        }
        queue.add(new AtCore(nowNs + edgeLatencyNs, sequence++, src, dst, data, ttl));
    }

    private void hairpin(Site s, long src, long dst, byte[] data) {
        if (!s.nat.config().hairpinning()) {
            dropped++;
            return;
        }
        long outside = s.nat.outbound(nowNs, src, dst);
        long inside = outside == Endpoints.NONE ? Endpoints.NONE : s.nat.inbound(nowNs, outside, dst);
        if (inside == Endpoints.NONE) {
            dropped++;
            return;
        }
        deliver(s, outside, inside, data);
    }

    private void crossCore(AtCore c) {
        int ttl = c.ttl - CORE_HOPS;
        int ip = Endpoints.ip(c.dst);
        Host<?> host = internet.hosts.get(ip);
        Site site = internet.children.get(ip);
        if (ttl <= 0 || (host == null && site == null)) {
            dropped++;
            return;
        }
        long latency = host != null ? host.edgeLatencyNs : site.edgeLatencyNs;
        double loss = host != null ? host.lossRate : site.lossRate;
        if (loss > 0 && random.nextDouble() < loss) {
            dropped++;
            return;
        }
        long coreNs = coreLatency.oneWayNs(Endpoints.ip(c.src), ip);
        queue.add(new AtEdge(nowNs + latency + coreNs, sequence++, internet, c.src, c.dst, c.data, ttl));
    }

    private void arriveAtEdge(AtEdge a) {
        long dst = a.dst;
        int ttl = a.ttl;
        Site s = a.site;
        Host<?> h;
        // Down through NATs until a host owns the address (translation happens now, on arrival).
        while ((h = s.hosts.get(Endpoints.ip(dst))) == null) {
            Site child = s.children.get(Endpoints.ip(dst));
            if (child == null) {
                dropped++;
                return;
            }
            dst = child.nat.inbound(nowNs, a.src, dst);
            if (dst == Endpoints.NONE || --ttl == 0) {
                dropped++;
                return;
            }
            s = child;
        }
        deliver(s, a.src, dst, a.data);
    }

    private void deliver(Site s, long src, long dst, byte[] data) {
        Host<?> h = s.hosts.get(Endpoints.ip(dst));
        Integer socket = h == null || h.down ? null : h.socketByEndpoint.get(dst);
        if (socket == null) {
            dropped++;
            return;
        }
        delivered++;
        h.received++;
        mix(nowNs);
        mix(src);
        mix(dst);
        mix(java.util.Arrays.hashCode(data));
        h.machine.handleDatagram(nowNs, socket, Endpoints.toSocketAddress(src), data, 0, data.length);
        drain(h);
    }

    private void mix(long v) {
        digest = (digest ^ v) * 0x100000001b3L;
        digest ^= digest >>> 29;
    }
}
