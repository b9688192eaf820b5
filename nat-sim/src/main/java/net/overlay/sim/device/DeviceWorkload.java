package net.overlay.sim.device;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatBox;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.session.PingProbe;
import net.overlay.core.proto.session.SessionScratch;
import net.overlay.core.spi.RandomSource;
import net.overlay.sim.Region;
import net.overlay.sim.SplitMix64;
import net.overlay.sim.Workload;
import net.overlay.sim.device.Hosts.AgentHost;
import net.overlay.sim.device.Hosts.ClientHost;
import net.overlay.sim.device.Hosts.Datagram;
import net.overlay.sim.device.Hosts.DeviceHost;
import net.overlay.sim.device.Hosts.Host;
import net.overlay.sim.device.Hosts.RendezvousHost;
import org.HdrHistogram.Histogram;

/**
 * The device workload: hosts overlay-core's real {@code DeviceMachine}, {@code ClientMachine} and
 * {@code RendezvousMachine} on the engine's nodes, with a {@link NatBox} in front of each device and
 * client. A machine's deadline becomes a node timer; each datagram it sends is translated by its
 * NAT, crosses the links as an engine message carrying the bytes, and is translated by the far NAT
 * on arrival, as the in-memory harness ({@code VirtualNetwork}) does (see {@link Wire}). Shared
 * carrier-grade NAT boxes are nodes of their own ({@link BoxForwarding}); a device's downlink may
 * have a bottleneck ({@link Downlink}), served by node timers.
 *
 * <p>Deterministic: machines draw from a per-node seeded {@link RandomSource}, NATs from a per-node
 * seeded generator, links from the node's engine stream; time is the engine's virtual time.
 * Threading: shared by all regions, but every array slot and host belongs to one node, hence one
 * region, hence one thread at a time; counters are per region.
 */
final class DeviceWorkload implements Workload {
    private static final long DEADLINE = 0;
    private static final long START = 1;
    private static final long END = 2;
    /** A datagram may leave the host's downlink bottleneck. */
    private static final long DOWNLINK = 3;
    /**
     * Rendezvous nodes play their timers in batches, at most once per tick, and do not ask for their
     * deadline after each datagram: {@code SessionEndpoint.pollTimeoutNs()} and {@code handleTimeout}
     * walk every session, so asking per datagram would cost O(devices) per keepalive. Their timers
     * (session retransmissions and idle expiry, offer retries, sweeps) therefore fire up to a tick
     * late. The tick is 100 ms up to 25,000 devices per node and grows with the node's devices up to
     * 1 s at 250,000, so that the walks cost the same per device whatever the scale.
     */
    static final long MIN_RENDEZVOUS_TICK_NS = 100_000_000L;
    static final long MAX_RENDEZVOUS_TICK_NS = 1_000_000_000L;
    private static final long TICK_NS_PER_DEVICE = 4_000L;
    /** Between two sweeps of a NAT's expired mappings. */
    private static final long NAT_SWEEP_NS = 60_000_000_000L;
    private static final long SALT_MACHINE = 0x6A09E667F3BCC909L;
    private static final long SALT_NAT = 0xBB67AE8584CAA73BL;

    private final Topology topology;
    private final Population population;
    private final Host[] hosts;
    private final Wire wire;
    private final long endNs;
    private final long rendezvousTickNs;
    private final AccessLinks access;
    /**
     * Per region: the session buffers and AEAD engine its agents share (a region runs one node at a
     * time, on one thread), instead of about 4 KB and two JDK ciphers per agent (issue #5).
     */
    private final SessionScratch[] scratches;
    /**
     * Per region: the source addresses handed to machines, by endpoint, direct-mapped. Most datagrams
     * come from a few rendezvous endpoints; machines keep the address they are given in paths and
     * registrations, so one shared object per endpoint instead of one per datagram saves about a
     * hundred bytes per device (issue #5). InetSocketAddress is immutable: sharing changes nothing else.
     */
    private final AddressCache[] addresses;

    static final class AddressCache {
        private static final int SIZE = 4096;
        private final long[] keys = new long[SIZE];
        private final InetSocketAddress[] values = new InetSocketAddress[SIZE];

        InetSocketAddress of(long endpoint) {
            int i = (int) (SplitMix64.mix(endpoint) & (SIZE - 1));
            InetSocketAddress a = values[i];
            if (a == null || keys[i] != endpoint) {
                a = Endpoints.toSocketAddress(endpoint);
                keys[i] = endpoint;
                values[i] = a;
            }
            return a;
        }
    }

    /** Per region, and one more for the clients finished after the run: RTT histograms. */
    private final RttTally[] tallies;

    /**
     * A region's round-trip histograms: a scratch one for a single connection, and the region's
     * relayed and direct round trips (those whose two legs took the same kind of path).
     */
    static final class RttTally {
        final Histogram connection = RttSummary.newHistogram();
        final Histogram relayed = RttSummary.newHistogram();
        final Histogram direct = RttSummary.newHistogram();
    }

    DeviceWorkload(Topology topology, Population population, int regions) {
        this.topology = topology;
        this.population = population;
        this.hosts = new Host[topology.nodes()];
        this.wire = new Wire(topology, regions);
        this.access = new AccessLinks(topology);
        this.scratches = new SessionScratch[regions];
        this.addresses = new AddressCache[regions];
        for (int r = 0; r < regions; r++) addresses[r] = new AddressCache();
        this.tallies = new RttTally[regions + 1];
        for (int r = 0; r <= regions; r++) tallies[r] = new RttTally();
        this.endNs = topology.spec().durationNs();
        long perNode = topology.spec().devices() / topology.spec().rendezvous().size();
        this.rendezvousTickNs = Math.clamp(perNode * TICK_NS_PER_DEVICE, MIN_RENDEZVOUS_TICK_NS, MAX_RENDEZVOUS_TICK_NS);
    }

    Host host(int node) {
        return hosts[node];
    }

    NetworkCounters.Counter[] counters() {
        return wire.counters();
    }

    /** Per-entity counters, with the rendezvous nodes' own counters as they stand now. */
    EntityCounters entities() {
        EntityCounters e = wire.entities();
        for (int n = 0; n < hosts.length; n++) {
            if (hosts[n] instanceof RendezvousHost r && r.machine instanceof RendezvousMachine m) e.snapshot(n, m);
        }
        return e;
    }

    /** Every region's tally, and the one of clients finished after the run; read them once the run is over. */
    RttTally[] tallies() {
        return tallies;
    }

    @Override
    public void onStart(Region region, int node) {
        switch (topology.role(node)) {
            case RENDEZVOUS -> {
                int j = topology.rendezvousIndex(node);
                RendezvousHost h = new RendezvousHost(Topology.PUBLIC_BASE + node, Topology.SECOND_BASE + node);
                h.machine = population.rendezvous(j, random(node));
                hosts[node] = h;
                drain(region, node, h, 0);
            }
            case DEVICE -> region.setTimer(node, topology.deviceStartNs(topology.deviceIndex(node)), START);
            case CLIENT -> region.setTimer(node, topology.clientStartNs(topology.clientIndex(node)), START);
            case IDLE -> { }
            case CGNAT -> hosts[node] = new Hosts.BoxHost(new CarrierNat(topology.spec().cgnat().config(),
                    Topology.PUBLIC_BASE + node, topology.spec().cgnat().portBlock(),
                    SplitMix64.seedFor(topology.spec().seed() ^ SALT_NAT, node)));
        }
    }

    @Override
    public void onTimer(Region region, int node, long nowNs, long payload) {
        if (nowNs >= endNs) return;
        if (payload == START) {
            start(region, node, nowNs);
            return;
        }
        Host h = hosts[node];
        if (payload == END) {
            ClientHost c = (ClientHost) h;
            if (c != null && c.machine != null && topology.spec().clientExit() == DeviceSimSpec.ClientExit.CLOSE) {
                // The Close frames leave through the client's NAT, before it goes with the client.
                ((ClientMachine) c.machine).shutdown(nowNs);
                drainOutputs(region, node, c, nowNs);
            }
            finishClient(c, tallies[region.index()]);
            return;
        }
        if (payload == DOWNLINK) {
            leaveDownlink(region, node, h, nowNs);
            return;
        }
        if (h == null || h.machine == null || h.timerAtNs != nowNs) return; // superseded by an earlier deadline
        h.timerAtNs = Hosts.NO_TIMER;
        if (h.machine.pollTimeoutNs() <= nowNs) h.machine.handleTimeout(nowNs);
        if (h instanceof RendezvousHost) {
            drainOutputs(region, node, h, nowNs);
            long deadline = h.machine.pollTimeoutNs();
            if (deadline != DatagramMachine.NO_DEADLINE) schedule(region, node, h, Math.max(deadline, nowNs + rendezvousTickNs));
        } else {
            sweepNat((AgentHost) h, nowNs);
            drain(region, node, h, nowNs);
        }
    }

    /** Now and then, forgets the NAT's expired mappings (NatBox drops them lazily otherwise, keeping their memory). */
    private static void sweepNat(AgentHost h, long nowNs) {
        if (h.nat != null && nowNs >= h.nextNatSweepNs) {
            h.nat.expire(nowNs);
            h.nextNatSweepNs = nowNs + NAT_SWEEP_NS;
        }
    }

    private static void schedule(Region region, int node, Host h, long atNs) {
        h.timerAtNs = atNs;
        region.setTimer(node, atNs, DEADLINE);
    }

    private void start(Region region, int node, long nowNs) {
        boolean device = topology.role(node) == Topology.Role.DEVICE;
        int index = device ? topology.deviceIndex(node) : topology.clientIndex(node);
        NatPreset preset = topology.hostNat(node);
        Hosts.Access extras = access.forNode(node);
        boolean boxed = extras != null && extras.boxNode() >= 0;
        int publicIp = Topology.PUBLIC_BASE + node;
        // Behind a shared box, the home NAT's outside is on the carrier's network.
        NatBox nat = preset.config() == null ? null : new NatBox(preset.config(),
                boxed ? Topology.SUBSCRIBER_BASE + node : publicIp,
                new SplittableRandom(SplitMix64.seedFor(topology.spec().seed() ^ SALT_NAT, node)));
        int localIp = nat == null && !boxed ? publicIp : Topology.PRIVATE_IP;
        int ownConfigIp = localIp == publicIp ? publicIp : -1; // hosts at 10.0.0.2 share one config
        if (device) {
            DeviceHost h = new DeviceHost(localIp, nat);
            h.access = extras;
            AgentConfig config = population.agentConfig(topology.rendezvousOfDevice(index), ownConfigIp);
            DeviceMachine m = new DeviceMachine(config, random(node), new DeviceId(Topology.deviceName(index)),
                    population.ownerKey(), population.services(), scratch(region, config));
            if (topology.spec().pingIntervalNs() > 0) m.setPayloadFactory(PingProbe::echoer);
            h.machine = m;
            hosts[node] = h;
            m.start(nowNs);
            drain(region, node, h, nowNs);
        } else {
            ClientHost h = new ClientHost(node, localIp, nat, nowNs);
            h.access = extras;
            int target = topology.targetDevice(index);
            AgentConfig config = population.clientConfig(topology.rendezvousOfDevice(target), ownConfigIp);
            ClientMachine m = new ClientMachine(config, random(node), scratch(region, config));
            long pingNs = topology.spec().pingIntervalNs();
            if (pingNs > 0) m.setPayloadFactory(s -> PingProbe.pinger(s, pingNs, h));
            h.machine = m;
            hosts[node] = h;
            m.start(nowNs);
            m.connect(nowNs, Topology.deviceName(target), SyntheticDirectory.SERVICE);
            region.setTimer(node, Math.min(nowNs + topology.spec().clientLifetimeNs(), endNs - 1), END);
            drain(region, node, h, nowNs);
        }
    }

    private SessionScratch scratch(Region region, AgentConfig config) {
        int r = region.index();
        // Every config of a population has the same session settings; the endpoint checks the size.
        if (scratches[r] == null) scratches[r] = new SessionScratch(config.sessions().session().maxDatagramBytes());
        return scratches[r];
    }

    private RandomSource random(int node) {
        return RandomSource.seeded(SplitMix64.seedFor(topology.spec().seed() ^ SALT_MACHINE, node));
    }

    /** The client's lifetime is over: keep its record, let its machine and NAT go. */
    void finishClient(ClientHost h, RttTally tally) {
        if (h == null || h.record != null) return;
        h.machine = null;
        h.nat = null;
        h.record = record(h, rtt(h, tally));
        h.rtts = null;
    }

    /** The client's round trips as a summary; the region's histograms get those of one kind of path. */
    private static RttSummary rtt(ClientHost h, RttTally tally) {
        if (h.rttCount == 0) return RttSummary.NONE;
        tally.connection.reset();
        for (int i = 0; i < h.rttCount; i++) {
            long ns = (h.rtts[i] >>> 2) * 1_000L;
            RttSummary.record(tally.connection, ns);
            switch (h.rtts[i] & 3) {
                case ClientHost.RELAYED -> RttSummary.record(tally.relayed, ns);
                case ClientHost.DIRECT -> RttSummary.record(tally.direct, ns);
                default -> { }
            }
        }
        return RttSummary.of(tally.connection);
    }

    private ConnectRecord record(ClientHost h, RttSummary rtt) {
        int client = topology.clientIndex(h.node);
        int device = topology.targetDevice(client);
        int deviceNode = topology.deviceNode(device);
        int rendezvousNode = topology.rendezvousNode(topology.rendezvousOfDevice(device));
        ConnectRecord.Outcome outcome = h.directNs >= 0 ? ConnectRecord.Outcome.DIRECT
                : h.firstByteNs >= 0 ? ConnectRecord.Outcome.RELAYED : ConnectRecord.Outcome.FAILED;
        long relayRttNs = 2 * (topology.oneWayNs(h.node, rendezvousNode) + topology.oneWayNs(rendezvousNode, deviceNode));
        return new ConnectRecord(client, device, topology.deviceNat(device), topology.clientNat(client),
                topology.cellular(device), outcome, h.startNs, h.firstByteNs, h.directNs, h.strategy, relayRttNs,
                2 * topology.directOneWayNs(h.node, deviceNode),
                outcome != ConnectRecord.Outcome.FAILED ? "" : h.failure != null ? h.failure : "timeout", rtt);
    }

    @Override
    public void onMessage(Region region, int node, long nowNs, int source, long payload) {
        throw new IllegalStateException("device workload messages carry datagrams");
    }

    @Override
    public void onMessage(Region region, int node, long nowNs, int source, long payload, Object attachment) {
        if (nowNs >= endNs) return;
        Host h = hosts[node];
        Datagram d = (Datagram) attachment;
        wire.entities().onReceive(node, d.data().length);
        if (h instanceof Hosts.BoxHost b) {
            wire.boxes().atBox(region, node, b, source, d, nowNs);
            return;
        }
        if (h != null && h.access != null && h.access.downlink() != null) {
            enterDownlink(region, node, h, d, nowNs);
            return;
        }
        receive(region, node, h, d, nowNs);
    }

    /** The datagram reaches the host: its edge, its NAT, its machine. */
    private void receive(Region region, int node, Host h, Datagram d, long nowNs) {
        int socket = wire.arrive(region, node, h, d, nowNs);
        if (socket < 0) return;
        h.machine.handleDatagram(nowNs, socket, addresses[region.index()].of(d.src()), d.data(), 0, d.data().length);
        if (h instanceof RendezvousHost) {
            drainOutputs(region, node, h, nowNs);
            if (h.timerAtNs == Hosts.NO_TIMER || h.timerAtNs > nowNs + rendezvousTickNs) {
                schedule(region, node, h, nowNs + rendezvousTickNs);
            }
        } else {
            drain(region, node, h, nowNs);
        }
    }

    private void enterDownlink(Region region, int node, Host h, Datagram d, long nowNs) {
        Downlink link = h.access.downlink();
        if (!link.offer(nowNs, d)) {
            wire.counter(region).droppedQueue++;
            return;
        }
        scheduleDownlink(region, node, link, nowNs);
    }

    private void leaveDownlink(Region region, int node, Host h, long nowNs) {
        Downlink link = h == null || h.access == null ? null : h.access.downlink();
        if (link == null || link.timerAtNs != nowNs) return; // superseded
        link.timerAtNs = Hosts.NO_TIMER;
        for (Datagram d; (d = link.poll(nowNs)) != null; ) receive(region, node, h, d, nowNs);
        scheduleDownlink(region, node, link, nowNs);
    }

    private static void scheduleDownlink(Region region, int node, Downlink link, long nowNs) {
        long next = link.nextNs();
        if (next != Long.MAX_VALUE && (link.timerAtNs == Hosts.NO_TIMER || next < link.timerAtNs)) {
            link.timerAtNs = Math.max(next, nowNs);
            region.setTimer(node, link.timerAtNs, DOWNLINK);
        }
    }

    /** Sends what the machine queued, records its events, and makes its next deadline a timer. */
    private void drain(Region region, int node, Host h, long nowNs) {
        drainOutputs(region, node, h, nowNs);
        long deadline = h.machine.pollTimeoutNs();
        if (deadline != DatagramMachine.NO_DEADLINE && (h.timerAtNs == Hosts.NO_TIMER || deadline < h.timerAtNs)) {
            schedule(region, node, h, Math.max(deadline, nowNs));
        }
    }

    private void drainOutputs(Region region, int node, Host h, long nowNs) {
        DatagramMachine<?> m = h.machine;
        Transmit tx;
        while ((tx = m.pollTransmit()) != null) wire.transmit(region, node, h, tx, nowNs);
        Object event;
        while ((event = m.pollEvent()) != null) onEvent(h, event, nowNs);
    }

    private static void onEvent(Host h, Object event, long nowNs) {
        switch (h) {
            case DeviceHost d when event instanceof AgentEvent.RendezvousReady && d.registeredNs < 0 -> d.registeredNs = nowNs;
            case ClientHost c -> {
                switch (event) {
                    case AgentEvent.PeerConnected p when c.firstByteNs < 0 -> c.firstByteNs = nowNs - c.startNs;
                    case AgentEvent.PathUpgraded p when c.directNs < 0 -> c.directNs = nowNs - c.startNs;
                    case AgentEvent.PunchStarted p when "none".equals(c.strategy) -> c.strategy = Hosts.strategy(p.plan());
                    case AgentEvent.ConnectFailed f when c.failure == null -> c.failure = f.code() == null ? "no-answer"
                            : f.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                    default -> { }
                }
            }
            default -> { }
        }
    }

    /** Drops the machines of one role (and devices' NATs): lets a benchmark weigh what each part costs. */
    void drop(Topology.Role role, boolean natsOnly) {
        for (int n = 0; n < hosts.length; n++) {
            Host h = hosts[n];
            if (h == null || topology.role(n) != role) continue;
            if (natsOnly) {
                if (h instanceof AgentHost a) a.nat = null;
                if (h instanceof Hosts.BoxHost) hosts[n] = null;
            } else {
                hosts[n] = null;
            }
        }
    }
}
