package net.overlay.lab.punch;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;

import java.util.List;
import java.util.SplittableRandom;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.traversal.PunchPlan;
import net.overlay.core.testing.TraversalWorld;
import net.overlay.core.testing.VirtualNetwork.Host;

/**
 * One attempt of the full protocol between two NAT presets on a fresh {@link TraversalWorld}: the
 * device agent behind one NAT and the client behind the other discover their NATs (RFC 5780) and
 * register with the rendezvous; then the client connects, the Noise IK session comes up over the
 * relay, and both sides punch as the rendezvous and the relayed round trip time them. The attempt
 * succeeds when both sides moved the session to a direct path. Side a runs the device in even
 * attempts and the client in odd ones, so each unordered pair is tried both ways round.
 * Stateless; every call builds its own world, so attempts may run on several threads at once.
 */
public final class ProtocolAttempt {
    /** Virtual time the agents get for discovery and registration before the connect. */
    private static final long SETUP_LIMIT_NS = 20 * SECOND;

    private ProtocolAttempt() {}

    /** Runs one attempt; everything random in it derives from {@code seed}. */
    public static PunchAttempt.Result run(NatPreset a, NatPreset b, int attempt, long seed, PunchSettings settings) {
        SplittableRandom random = new SplittableRandom(seed);
        int latA = PunchAttempt.draw(random, settings.latencyMinMs(), settings.latencyMaxMs());
        int latB = PunchAttempt.draw(random, settings.latencyMinMs(), settings.latencyMaxMs());
        boolean aIsDevice = attempt % 2 == 0;
        TraversalWorld w = new TraversalWorld(random.nextLong(), settings.rendezvousLatencyMs() * MS,
                settings.punchConfig());
        w.addDevice(aIsDevice ? a : b, (aIsDevice ? latA : latB) * MS);
        w.addClient(aIsDevice ? b : a, (aIsDevice ? latB : latA) * MS);
        Host<AgentEvent> hostA = aIsDevice ? w.device : w.client;
        Host<AgentEvent> hostB = aIsDevice ? w.client : w.device;
        String deviceSide = aIsDevice ? "a" : "b";
        boolean ready = w.net.runUntil(() -> w.deviceMachine().isRegistered()
                && w.has(w.client, AgentEvent.RendezvousReady.class), SETUP_LIMIT_NS);
        if (!ready) {
            return new PunchAttempt.Result(a, b, attempt, seed, deviceSide, latA, latB, 0, "no-rendezvous", false, false,
                    false, Double.NaN, Double.NaN, 0, 0, 0);
        }
        long startNs = w.net.nowNs();
        long sentA = hostA.sent();
        long sentB = hostB.sent();
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), TraversalWorld.CAMERA.name(), "http"));
        boolean direct = w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class)
                && w.has(w.device, AgentEvent.PathUpgraded.class), settings.attemptTimeoutMs() * MS);
        List<AgentEvent.PeerConnected> connected = w.events(w.client, AgentEvent.PeerConnected.class);
        double firstMs = connected.isEmpty() ? Double.NaN : PunchAttempt.toMs(connected.getFirst().atNs() - startNs);
        double directMs = direct ? PunchAttempt.toMs(Math.max(firstUpgradeNs(w, w.client), firstUpgradeNs(w, w.device))
                - startNs) : Double.NaN;
        int fallbacks = w.events(w.client, AgentEvent.FellBackToRelay.class).size()
                + w.events(w.device, AgentEvent.FellBackToRelay.class).size();
        return new PunchAttempt.Result(a, b, attempt, seed, deviceSide, latA, latB, 0, strategy(w), !connected.isEmpty(),
                direct, !connected.isEmpty() && !direct, firstMs, directMs, fallbacks, hostA.sent() - sentA,
                hostB.sent() - sentB);
    }

    private static long firstUpgradeNs(TraversalWorld w, Host<AgentEvent> h) {
        return w.events(h, AgentEvent.PathUpgraded.class).getFirst().atNs();
    }

    /** The strategy the two agents' own plans add up to; "no-punch" if either never started punching. */
    private static String strategy(TraversalWorld w) {
        List<AgentEvent.PunchStarted> c = w.events(w.client, AgentEvent.PunchStarted.class);
        List<AgentEvent.PunchStarted> d = w.events(w.device, AgentEvent.PunchStarted.class);
        if (c.isEmpty() || d.isEmpty()) {
            return "no-punch";
        }
        PunchPlan pc = c.getFirst().plan();
        PunchPlan pd = d.getFirst().plan();
        return PunchAttempt.strategy(pd, pc);
    }
}
