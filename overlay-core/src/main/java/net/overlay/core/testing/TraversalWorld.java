package net.overlay.core.testing;

import static net.overlay.core.testing.VirtualNetwork.MS;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.nat.NatConfig;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.rendezvous.BrokerConfig;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.testing.VirtualNetwork.Host;
import net.overlay.core.testing.VirtualNetwork.Site;

/**
 * A rendezvous on the internet, a device and a client each behind a NAT of a given kind, on the
 * in-memory network, with keys, a directory and a grant: the stage for traversal tests and the
 * lab's full-protocol scenarios. Fields are public for tests to poke at; not thread-safe.
 */
public final class TraversalWorld {
    public static final long WALL_MS = 1_750_000_000_000L;
    public static final DeviceId CAMERA = new DeviceId("camera-1");
    public static final List<String> RENDEZVOUS_SOCKETS = List.of(
            "198.51.100.1:3478", "198.51.100.1:3479", "198.51.100.2:3478", "198.51.100.2:3479");
    /** Public addresses of the device's and the client's sites (or hosts, when open). */
    public static final String DEVICE_PUBLIC_IP = "203.0.113.10";
    public static final String CLIENT_PUBLIC_IP = "203.0.113.20";
    /** The rendezvous's edge latency when the caller does not choose one. */
    public static final long DEFAULT_RENDEZVOUS_EDGE_NS = 10 * MS;

    public final VirtualNetwork net;
    public final RandomSource random;
    public final Identity rendezvousId;
    public final Identity owner;
    public final Identity deviceId;
    public final Identity userId;
    public final InMemoryDirectory directory = new InMemoryDirectory();
    private final BrokerConfig brokerConfig;
    private final PunchConfig punch;
    public final Host<RendezvousMachine.Event> rendezvous;
    public Site deviceSite;
    public Site clientSite;
    public Host<AgentEvent> device;
    public Host<AgentEvent> client;

    public TraversalWorld(long seed) {
        this(seed, DEFAULT_RENDEZVOUS_EDGE_NS, PunchConfig.DEFAULT, BrokerConfig.DEFAULT);
    }

    /** A world whose rendezvous runs with {@code broker} settings (e.g. another keepalive interval). */
    public TraversalWorld(long seed, BrokerConfig broker) {
        this(seed, DEFAULT_RENDEZVOUS_EDGE_NS, PunchConfig.DEFAULT, broker);
    }

    /**
     * A world whose rendezvous (and relay) sits behind an edge of {@code rendezvousEdgeNs}, and whose
     * agents punch with {@code punch}.
     */
    public TraversalWorld(long seed, long rendezvousEdgeNs, PunchConfig punch) {
        this(seed, rendezvousEdgeNs, punch, BrokerConfig.DEFAULT);
    }

    private TraversalWorld(long seed, long rendezvousEdgeNs, PunchConfig punch, BrokerConfig broker) {
        this.punch = java.util.Objects.requireNonNull(punch, "punch");
        net = new VirtualNetwork(seed);
        random = RandomSource.seeded(seed);
        rendezvousId = Identity.generate(random);
        owner = Identity.generate(random);
        deviceId = Identity.generate(random);
        userId = Identity.generate(random);
        brokerConfig = broker;
        directory.addDevice(new DeviceRecord(CAMERA, deviceId.peerId(), owner.peerId()));
        directory.addGrant(Grant.issue(owner, userId.peerId(), CAMERA, Set.of("http"), Role.USER,
                WALL_MS + 86_400_000L, random));
        rendezvous = net.addHost("rendezvous", net.internet(), RENDEZVOUS_SOCKETS, newRendezvous(seed + 1),
                rendezvousEdgeNs, 0);
    }

    private RendezvousMachine newRendezvous(long seed) {
        RendezvousMachine.Config c = RendezvousMachine.Config.of(
                RENDEZVOUS_SOCKETS.stream().map(TraversalWorld::addr).toList(), WALL_MS);
        return new RendezvousMachine(new RendezvousMachine.Config(c.sockets(), c.epochMsAtZeroNs(), brokerConfig,
                c.relay(), c.sessions(), c.relayLifetimeMs()), rendezvousId, directory, RandomSource.seeded(seed));
    }

    public RendezvousMachine rendezvousMachine() {
        return (RendezvousMachine) rendezvous.machine();
    }

    /** The rendezvous process restarts: same keys and directory (durable), no soft state. */
    public void restartRendezvous() {
        net.replaceMachine(rendezvous, newRendezvous(net.nowNs() + 101));
        net.setDown(rendezvous, false);
    }

    public static InetSocketAddress addr(String spec) {
        int colon = spec.lastIndexOf(':');
        return Endpoints.toSocketAddress(Endpoints.of(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1))));
    }

    /** A site with {@code preset}'s NAT (or the internet itself for OPEN) at {@code publicIp}. */
    public Site site(String name, NatPreset preset, String publicIp, long latencyNs) {
        return site(name, preset.config(), publicIp, latencyNs);
    }

    /** A site behind a NAT configured as {@code c}, or the internet itself when {@code c} is null. */
    public Site site(String name, NatConfig c, String publicIp, long latencyNs) {
        return site(name, c, publicIp, latencyNs, 0);
    }

    /** As {@link #site(String, NatConfig, String, long)}, dropping {@code lossRate} of the packets crossing its edge. */
    public Site site(String name, NatConfig c, String publicIp, long latencyNs, double lossRate) {
        return c == null ? net.internet() : net.addNat(name, net.internet(), c, publicIp, latencyNs, lossRate);
    }

    private AgentConfig agentConfig(Identity id, String ip) {
        List<java.net.InetSocketAddress> sockets = List.of(addr(ip + ":40000"), addr(ip + ":50001"),
                addr(ip + ":50002"), addr(ip + ":50003"));
        AgentConfig d = AgentConfig.of(id, addr(RENDEZVOUS_SOCKETS.getFirst()), rendezvousId.staticPublicKey(),
                rendezvousId.peerId(), sockets, WALL_MS);
        return new AgentConfig(d.identity(), d.rendezvous(), d.rendezvousStaticKey(), d.rendezvousKey(),
                d.localSockets(), d.epochMsAtZeroNs(), d.discovery(), punch, d.sessions(), d.requestRetryNs(),
                d.requestAttempts());
    }

    public Host<AgentEvent> addDevice(NatPreset preset, long latencyNs) {
        return addDevice(preset.config(), latencyNs);
    }

    /** The device behind a NAT configured as {@code nat} (null: no NAT). */
    public Host<AgentEvent> addDevice(NatConfig nat, long latencyNs) {
        return addDevice(nat, latencyNs, 0);
    }

    /** The device behind a NAT configured as {@code nat} (null: no NAT) on a link losing {@code lossRate}. */
    public Host<AgentEvent> addDevice(NatConfig nat, long latencyNs, double lossRate) {
        deviceSite = site("device-site", nat, DEVICE_PUBLIC_IP, latencyNs, lossRate);
        String ip = deviceSite == net.internet() ? DEVICE_PUBLIC_IP : "10.0.0.2";
        DeviceMachine m = new DeviceMachine(agentConfig(deviceId, ip), RandomSource.seeded(net.nowNs() + 11),
                CAMERA, owner.peerId(), List.of("http", "ssh"));
        boolean open = deviceSite == net.internet();
        device = net.addHost("device", deviceSite, ip, 40000, m, open ? latencyNs : 0, open ? lossRate : 0);
        net.act(device, d -> ((DeviceMachine) d).start(net.nowNs()));
        return device;
    }

    public Host<AgentEvent> addClient(NatPreset preset, long latencyNs) {
        return addClient(preset, latencyNs, 0);
    }

    /** The client behind {@code preset}'s NAT on a link losing {@code lossRate} of its packets. */
    public Host<AgentEvent> addClient(NatPreset preset, long latencyNs, double lossRate) {
        clientSite = site("client-site", preset.config(), CLIENT_PUBLIC_IP, latencyNs, lossRate);
        String ip = clientSite == net.internet() ? CLIENT_PUBLIC_IP : "10.0.0.2";
        ClientMachine m = new ClientMachine(agentConfig(userId, ip), RandomSource.seeded(net.nowNs() + 13));
        boolean open = clientSite == net.internet();
        client = net.addHost("client", clientSite, ip, 40000, m, open ? latencyNs : 0, open ? lossRate : 0);
        net.act(client, c -> ((ClientMachine) c).start(net.nowNs()));
        return client;
    }

    public DeviceMachine deviceMachine() {
        return (DeviceMachine) device.machine();
    }

    public ClientMachine clientMachine() {
        return (ClientMachine) client.machine();
    }

    public <T extends AgentEvent> List<T> events(Host<AgentEvent> h, Class<T> type) {
        return h.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends AgentEvent> boolean has(Host<AgentEvent> h, Class<T> type) {
        return h.events().stream().anyMatch(type::isInstance);
    }
}
