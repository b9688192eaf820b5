package net.overlay.sim.device;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.noise.DhFunction;
import net.overlay.core.proto.relay.RelayConfig;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.spi.RandomSource;

/**
 * Who takes part, and the immutable configurations they share: one rendezvous identity for all
 * rendezvous nodes (a cluster's), one owner, one device key pair and one user key pair for the whole
 * population (the benchmark's simplification; see {@link SyntheticDirectory}), and per rendezvous node
 * one {@link AgentConfig} that every NATed device and client using it shares, since they all sit at
 * 10.0.0.2 behind their own NAT. Only hosts on public addresses get a config of their own.
 *
 * <p>Built once before the run; immutable afterwards, hence safe to share between regions.
 */
final class Population {
    /** Wall-clock milliseconds at virtual time 0 (tickets and grants expire in wall time). */
    static final long WALL_MS = 1_750_000_000_000L;

    private final Topology topology;
    private final Identity rendezvousId;
    private final Identity owner;
    private final Identity device;
    private final Identity user;
    private final SyntheticDirectory directory;
    private final List<AgentConfig> deviceConfigs = new ArrayList<>();
    private final List<AgentConfig> clientConfigs = new ArrayList<>();
    private final long[] usersPerNode;
    private final long[] clientsPerNode;

    Population(Topology topology) {
        this.topology = topology;
        this.clientsPerNode = clientsPerNode(topology);
        this.usersPerNode = usersPerNode(topology, clientsPerNode);
        RandomSource keys = RandomSource.seeded(topology.spec().seed());
        this.rendezvousId = Identity.generate(keys);
        this.owner = Identity.generate(keys);
        this.device = Identity.generate(keys);
        this.user = Identity.generate(keys);
        this.directory = new SyntheticDirectory(topology.spec().devices(), owner, device.peerId(), user.peerId(),
                WALL_MS + topology.spec().durationNs() / 1_000_000L + 86_400_000L);
        for (int j = 0; j < topology.spec().rendezvous().size(); j++) {
            deviceConfigs.add(agentConfig(device, j, Topology.PRIVATE_IP));
            clientConfigs.add(agentConfig(user, j, Topology.PRIVATE_IP));
        }
    }

    RendezvousMachine rendezvous(int j, RandomSource random) {
        RendezvousMachine.Config base = RendezvousMachine.Config.of(rendezvousSockets(j), WALL_MS);
        RendezvousMachine.Config config = new RendezvousMachine.Config(base.sockets(), base.epochMsAtZeroNs(),
                base.broker(), relayFor(j, base.relay()), sessionsFor(j), base.relayLifetimeMs(), base.relayRole());
        return new RendezvousMachine(config, rendezvousId, directory, random);
    }

    /**
     * The node's session limits sized for the devices and clients that use it: the deployment default
     * holds 65,536 sessions, which a node of a 1M-device run (250k devices) would hit, so that devices
     * past it were never registered. Twice the users, for sessions of clients that have gone but not
     * yet timed out; half-open room for a region's registration burst.
     */
    SessionEndpointConfig sessionsFor(int j) {
        SessionEndpointConfig d = SessionEndpointConfig.DEFAULT;
        long users = usersPerNode[j];
        int max = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(d.maxSessions(), 2 * users + 4096));
        int halfOpen = Math.max(d.maxHalfOpen(), Math.min(max, 16_384));
        return new SessionEndpointConfig(d.session(), max, halfOpen, d.initiationsPerSecondPerSource(),
                d.initiationBurst(), d.trackedSources(), d.replayCacheNs(), d.replayCacheEntries(), dh());
    }

    /**
     * The node's relay with room for an allocation per client that connects through it. The
     * deployment default (10,000 per node, a bandwidth budget, docs/relay.md) would refuse the
     * connects of a 1M-device benchmark: 100,000 connects in 10 minutes, each allocation held for the
     * client's life plus the relay's idle timeout, keep about 44,000 allocations live on four nodes.
     * The benchmark measures the protocol, not that capacity setting; every other relay setting is the
     * deployment's.
     */
    RelayConfig relayFor(int j, RelayConfig deployment) {
        long wanted = clientsPerNode[j] + 64;
        return wanted <= deployment.maxAllocations() ? deployment
                : deployment.withMaxAllocations((int) Math.min(Integer.MAX_VALUE / 2, wanted));
    }

    /** Clients per rendezvous node (that of the device each connects to). */
    private static long[] clientsPerNode(Topology topology) {
        long[] clients = new long[topology.spec().rendezvous().size()];
        for (int c = 0; c < topology.spec().connects(); c++) {
            clients[topology.rendezvousOfDevice(topology.targetDevice(c))]++;
        }
        return clients;
    }

    /** Devices and clients per rendezvous node. */
    private static long[] usersPerNode(Topology topology, long[] clientsPerNode) {
        long[] users = clientsPerNode.clone();
        for (int i = 0; i < topology.spec().devices(); i++) {
            users[topology.rendezvousOfDevice(i)]++;
        }
        return users;
    }


    private List<InetSocketAddress> rendezvousSockets(int j) {
        int node = topology.rendezvousNode(j);
        int ip1 = Topology.PUBLIC_BASE + node;
        int ip2 = Topology.SECOND_BASE + node;
        return List.of(address(ip1, Hosts.RENDEZVOUS_PORT), address(ip1, Hosts.RENDEZVOUS_PORT + 1),
                address(ip2, Hosts.RENDEZVOUS_PORT), address(ip2, Hosts.RENDEZVOUS_PORT + 1));
    }

    /** The device's config for rendezvous {@code j}: shared when behind a NAT, own when on {@code publicIp} (>= 0 then). */
    AgentConfig agentConfig(int j, int publicIp) {
        return publicIp == -1 ? deviceConfigs.get(j) : agentConfig(device, j, publicIp);
    }

    AgentConfig clientConfig(int j, int publicIp) {
        return publicIp == -1 ? clientConfigs.get(j) : agentConfig(user, j, publicIp);
    }

    private AgentConfig agentConfig(Identity id, int j, int localIp) {
        List<InetSocketAddress> sockets = new ArrayList<>();
        sockets.add(address(localIp, Hosts.AGENT_PRIMARY_PORT));
        for (int k = 1; k <= 3; k++) sockets.add(address(localIp, Hosts.EXTRA_SOCKET_BASE_PORT + k));
        AgentConfig c = AgentConfig.of(id, rendezvousSockets(j).getFirst(), rendezvousId.staticPublicKey(),
                rendezvousId.peerId(), sockets, WALL_MS);
        return c.withSessions(c.sessions().withDh(dh()));
    }

    /** X25519, or the insecure stand-in when the scenario models crypto (DeviceSimSpec.Crypto). */
    private DhFunction dh() {
        return topology.spec().crypto() == DeviceSimSpec.Crypto.MODELLED ? DhFunction.SIMULATED : DhFunction.X25519;
    }

    PeerId ownerKey() {
        return owner.peerId();
    }

    List<String> services() {
        return List.of(SyntheticDirectory.SERVICE);
    }

    private static InetSocketAddress address(int ip, int port) {
        return Endpoints.toSocketAddress(Endpoints.of(ip, port));
    }
}
