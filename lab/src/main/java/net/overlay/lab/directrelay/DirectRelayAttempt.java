package net.overlay.lab.directrelay;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.nat.Endpoints;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.session.PingProbe;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.traversal.PunchConfig;
import net.overlay.core.testing.TraversalWorld;

/**
 * One attempt of direct versus relay: a device and a client placed in regions with access latencies,
 * the rendezvous and relay in a third (or the same) region, the full protocol between them on a
 * {@link TraversalWorld} whose core latency follows {@link Regions}; after the connect, the client
 * pings the device inside the session ({@link PingProbe}) over the relay first and over the direct
 * path once the session has moved there. Stateless; each call builds its own world, so attempts may
 * run on several threads at once.
 */
public final class DirectRelayAttempt {
    /** Virtual time for discovery and registration: round trips across the world are ~0.3 s. */
    private static final long SETUP_LIMIT_NS = 30 * SECOND;

    private DirectRelayAttempt() {}

    /** Where the three parties sit; latencies in ms. */
    public record Placement(int deviceRegion, int clientRegion, int relayRegion, int deviceAccessMs, int clientAccessMs,
            int relayAccessMs) {

        /** The round trip a direct path must take in this placement (edges and core, both ways). */
        double modelDirectRttMs() {
            return 2 * (deviceAccessMs + clientAccessMs) + Regions.rttMs(deviceRegion, clientRegion);
        }

        /** The round trip through the relay: each side to the relay and back. */
        double modelRelayRttMs() {
            return 2 * (deviceAccessMs + clientAccessMs + 2 * relayAccessMs) + Regions.rttMs(deviceRegion, relayRegion)
                    + Regions.rttMs(clientRegion, relayRegion);
        }
    }

    /**
     * What one attempt measured (times in ms from the connect command; RTTs are medians of the samples;
     * NaN where there was none).
     */
    public record Result(DirectRelaySettings.Pair pair, int attempt, long seed, Placement placement, boolean connected,
            boolean direct, double directAtMs, double relayRttMs, double directRttMs, int relaySamples,
            int directSamples, long mixedSamples) {

        /** Relayed over direct round trip; NaN unless both were measured. */
        public double stretch() {
            return relayRttMs / directRttMs;
        }
    }

    static Result run(DirectRelaySettings.Pair pair, int attempt, long seed, DirectRelaySettings s) {
        SplittableRandom random = new SplittableRandom(seed);
        Placement at = place(random, s);
        TraversalWorld w = new TraversalWorld(random.nextLong(), at.relayAccessMs() * MS, PunchConfig.DEFAULT);
        int deviceIp = Endpoints.parseIp(TraversalWorld.DEVICE_PUBLIC_IP);
        int clientIp = Endpoints.parseIp(TraversalWorld.CLIENT_PUBLIC_IP);
        w.net.setCoreLatency((src, dst) -> Regions.oneWayNs(regionOf(at, src, deviceIp, clientIp),
                regionOf(at, dst, deviceIp, clientIp)));
        w.addDevice(pair.device(), at.deviceAccessMs() * MS);
        w.deviceMachine().setPayloadFactory(PingProbe::echoer);
        w.addClient(pair.client(), at.clientAccessMs() * MS);
        boolean ready = w.net.runUntil(() -> w.deviceMachine().isRegistered()
                && w.has(w.client, AgentEvent.RendezvousReady.class), SETUP_LIMIT_NS);
        if (!ready) {
            return new Result(pair, attempt, seed, at, false, false, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
        }
        long startNs = w.net.nowNs();
        long endNs = startNs + s.measureMs() * MS;
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), TraversalWorld.CAMERA.name(), "http"));
        if (!w.net.runUntil(() -> w.has(w.client, AgentEvent.PeerConnected.class), endNs - startNs)) {
            return new Result(pair, attempt, seed, at, false, false, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
        }
        // Only round trips whose two legs took the same kind of path count: one taken while the two
        // ends migrated one after the other is neither relayed nor direct.
        List<Long> relayed = new ArrayList<>();
        List<Long> directs = new ArrayList<>();
        long[] mixed = new long[1];
        Session session = w.events(w.client, AgentEvent.PeerConnected.class).getFirst().session();
        PingProbe probe = PingProbe.pinger(session, s.pingIntervalMs() * MS, (sentNs, arrivedNs, pingerDirect, echoerDirect) -> {
            if (pingerDirect != echoerDirect) {
                mixed[0]++;
            } else {
                (pingerDirect ? directs : relayed).add(arrivedNs - sentNs);
            }
        });
        w.net.act(w.client, c -> session.attach(probe));
        w.net.runUntil(endNs);
        boolean direct = w.has(w.client, AgentEvent.PathUpgraded.class) && w.has(w.device, AgentEvent.PathUpgraded.class);
        double directAtMs = direct ? (Math.max(w.events(w.client, AgentEvent.PathUpgraded.class).getFirst().atNs(),
                w.events(w.device, AgentEvent.PathUpgraded.class).getFirst().atNs()) - startNs) / (double) MS : Double.NaN;
        return new Result(pair, attempt, seed, at, true, direct, directAtMs, medianMs(relayed), medianMs(directs),
                relayed.size(), directs.size(), mixed[0]);
    }

    private static Placement place(SplittableRandom random, DirectRelaySettings s) {
        List<String> rs = s.regions();
        int device = Regions.index(rs.get(random.nextInt(rs.size())));
        int client = Regions.index(rs.get(random.nextInt(rs.size())));
        int drawn = Regions.index(rs.get(random.nextInt(rs.size())));
        int relay = switch (s.relayPlacement()) {
            case "device" -> device;
            case "client" -> client;
            default -> drawn;
        };
        int deviceAccess = draw(random, s.accessMinMs(), s.accessMaxMs());
        int clientAccess = draw(random, s.accessMinMs(), s.accessMaxMs());
        return new Placement(device, client, relay, deviceAccess, clientAccess, s.relayAccessMs());
    }

    /** The region of a public address: the device's, the client's, or else the rendezvous's (and relay's). */
    private static int regionOf(Placement at, int ip, int deviceIp, int clientIp) {
        return ip == deviceIp ? at.deviceRegion() : ip == clientIp ? at.clientRegion() : at.relayRegion();
    }

    private static int draw(SplittableRandom random, int low, int high) {
        return low == high ? low : low + random.nextInt(high - low + 1);
    }

    private static double medianMs(List<Long> rttNs) {
        if (rttNs.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = rttNs.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(sorted.length - 1) / 2] / (double) MS;
    }
}
