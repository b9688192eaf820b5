package net.overlay.core.proto.agent;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.testing.TraversalWorld;
import net.overlay.core.proto.traversal.PunchTheoryTest;
import net.overlay.core.proto.traversal.PunchTheoryTest.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The full protocol (discovery, registration, brokering, relay-first session, punch) for every
 * pair of NAT kinds, device on one side and client on the other: each pair must reach the outcome
 * the theory allows ({@link PunchTheoryTest} states it with the reasoning), with data flowing over
 * the relay first and the direct path following within bounds derived from the round trips.
 */
class NatPairMatrixTest {
    private static final List<NatPreset> TYPES = List.of(NatPreset.OPEN, NatPreset.FULL_CONE, NatPreset.RESTRICTED,
            NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_SEQUENTIAL, NatPreset.SYMMETRIC_RANDOM);
    static final long DEVICE_EDGE_NS = 20 * MS;
    static final long CLIENT_EDGE_NS = 30 * MS;
    static final long RENDEZVOUS_EDGE_NS = 10 * MS;

    record Result(boolean connected, boolean direct, long firstByteNs, long directNs) {}

    static Result run(NatPreset device, NatPreset client, long seed) {
        TraversalWorld w = new TraversalWorld(seed);
        w.addDevice(device, DEVICE_EDGE_NS);
        w.addClient(client, CLIENT_EDGE_NS);
        w.net.runUntil(() -> w.deviceMachine().isRegistered() && w.has(w.client, AgentEvent.RendezvousReady.class),
                20 * SECOND);
        long start = w.net.nowNs();
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class) && w.has(w.device, AgentEvent.PathUpgraded.class),
                15 * SECOND);
        List<AgentEvent.PeerConnected> connected = w.events(w.client, AgentEvent.PeerConnected.class);
        List<AgentEvent.PathUpgraded> upgraded = w.events(w.client, AgentEvent.PathUpgraded.class);
        boolean direct = !upgraded.isEmpty() && w.has(w.device, AgentEvent.PathUpgraded.class);
        return new Result(!connected.isEmpty(), direct,
                connected.isEmpty() ? -1 : connected.getFirst().atNs() - start,
                direct ? upgraded.getFirst().atNs() - start : -1);
    }

    @Test
    void everyPairReachesItsTheoreticalOutcomeWithinBounds() {
        // Relayed handshake: client -> relay -> device -> relay -> client, plus the connect request.
        long rttClientRendezvous = 2 * (CLIENT_EDGE_NS + RENDEZVOUS_EDGE_NS);
        long rttRelayed = 2 * (CLIENT_EDGE_NS + RENDEZVOUS_EDGE_NS) + 2 * (DEVICE_EDGE_NS + RENDEZVOUS_EDGE_NS);
        long rttDirect = 2 * (CLIENT_EDGE_NS + DEVICE_EDGE_NS);
        long firstByteBoundNs = rttClientRendezvous + rttRelayed + 20 * MS;
        // Sync and half a relayed round trip, one probe interval for the primes, a direct round trip,
        // and two more probe intervals for challenges that crossed before both NATs were open.
        long directBoundNs = firstByteBoundNs + rttRelayed + 3 * 50 * MS + 2 * rttDirect;
        StringBuilder table = new StringBuilder(String.format(
                "%nfull protocol, device x client: expected, direct runs, first byte ms, direct ms (bounds %d / %d)%n",
                firstByteBoundNs / MS, directBoundNs / MS));
        List<String> wrong = new ArrayList<>();
        for (NatPreset d : TYPES) {
            for (NatPreset c : TYPES) {
                Outcome expected = PunchTheoryTest.expected(d, c);
                int runs = expected == Outcome.PROBABILISTIC ? 10 : 2;
                int direct = 0;
                long worstFirst = 0;
                long worstDirect = 0;
                for (int seed = 1; seed <= runs; seed++) {
                    Result r = run(d, c, seed * 7919L + d.ordinal() * 31 + c.ordinal());
                    if (!r.connected() || r.firstByteNs() > firstByteBoundNs) {
                        wrong.add(d.id() + "/" + c.id() + " seed " + seed + ": first byte " + r);
                    }
                    worstFirst = Math.max(worstFirst, r.firstByteNs());
                    if (r.direct()) {
                        direct++;
                        worstDirect = Math.max(worstDirect, r.directNs());
                        if (expected == Outcome.DIRECT && r.directNs() > directBoundNs) {
                            wrong.add(d.id() + "/" + c.id() + " seed " + seed + ": direct after " + r.directNs() / MS + " ms");
                        }
                    }
                }
                boolean fits = switch (expected) {
                    case DIRECT -> direct == runs;
                    case RELAY -> direct == 0;
                    case PROBABILISTIC -> direct >= runs / 2;
                };
                if (!fits) {
                    wrong.add(d.id() + "/" + c.id() + ": expected " + expected + ", direct " + direct + "/" + runs);
                }
                table.append(String.format("%-21s %-21s %-13s %2d/%-2d %5d %6s%n", d.id(), c.id(), expected, direct, runs,
                        worstFirst / MS, direct > 0 ? String.valueOf(worstDirect / MS) : "-"));
            }
        }
        System.out.println(table);
        assertThat(wrong).as(table.toString()).isEmpty();
    }
}
