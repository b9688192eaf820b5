package net.overlay.sim.device;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.testing.TraversalWorld;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's cross-check: for every pair of NAT presets (device side, client side) the simulator
 * and overlay-core's in-memory harness ({@link TraversalWorld}, as NatPairMatrixTest drives it)
 * reach the same outcome, direct or relayed, on the same links (device edge 20 ms, client 30 ms,
 * rendezvous 10 ms). Pairs whose outcome depends on luck (birthday probing against a
 * port-restricted NAT) run several times on both sides; there both must succeed at least once.
 */
class HarnessCrossCheckTest {
    private static final NatPreset[] PRESETS = NatPreset.values();
    /** Tries per pair on each side. */
    private static final int TRIES = 2;

    /** The harness: the device and the client register, then the client connects; 15 s to go direct. */
    static boolean harnessDirect(NatPreset device, NatPreset client, long seed) {
        TraversalWorld w = new TraversalWorld(seed);
        w.addDevice(device, 20 * MS);
        w.addClient(client, 30 * MS);
        w.net.runUntil(() -> w.deviceMachine().isRegistered() && w.has(w.client, AgentEvent.RendezvousReady.class),
                20 * SECOND);
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class), 15 * SECOND);
        return w.has(w.client, AgentEvent.PathUpgraded.class);
    }

    /** The simulator: one device and one client per (pair, try), all in one run. */
    static DeviceSimResult simulate() {
        int n = PRESETS.length * PRESETS.length * TRIES;
        NatPreset[] deviceNat = new NatPreset[n];
        NatPreset[] clientNat = new NatPreset[n];
        int[] target = new int[n];
        long[] clientStart = new long[n];
        long[] deviceStart = new long[n];
        for (int i = 0; i < n; i++) {
            int pair = i / TRIES;
            deviceNat[i] = PRESETS[pair / PRESETS.length];
            clientNat[i] = PRESETS[pair % PRESETS.length];
            target[i] = i;
            deviceStart[i] = (i % 50) * 20 * MS;
            clientStart[i] = 10 * SECOND + (i % 50) * 20 * MS;
        }
        DeviceSimSpec b = DeviceSimSpec.bench(n, 1, n, 5);
        DeviceSimSpec spec = new DeviceSimSpec(n, n, 45 * SECOND, 5, b.regions().subList(0, 1),
                List.of(b.regions().getFirst().name()), b.natMix(), 0, NatPreset.CGNAT_CELLULAR,
                new DeviceSimSpec.Links(20 * MS, 30 * MS, 10 * MS, 20 * MS, 0, 0), SECOND, 10 * SECOND, 30 * SECOND);
        Topology topology = new Topology(spec, new Topology.Pinned(deviceNat, clientNat, target, clientStart, deviceStart));
        try (var runner = net.overlay.sim.SimRunner.start(1)) {
            return DeviceSimulation.prepare(topology, 1, 1).run(runner);
        }
    }

    @Test
    void simulatorAndHarnessAgreeOnEveryNatPair() {
        DeviceSimResult sim = simulate();
        Map<String, long[]> simByPair = sim.outcomesByPair();
        List<String> disagreements = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%ndevice / client: harness direct, simulator [direct, relayed, failed]%n"));
        for (NatPreset d : PRESETS) {
            for (NatPreset c : PRESETS) {
                int harness = 0;
                for (int t = 0; t < TRIES; t++) {
                    if (harnessDirect(d, c, 7919L * (t + 1) + d.ordinal() * 31 + c.ordinal())) harness++;
                }
                long[] s = simByPair.getOrDefault(d.id() + "/" + c.id(), new long[3]);
                long simDirect = s[0];
                table.append(String.format("%-21s %-21s %d/%d %s%n", d.id(), c.id(), harness, TRIES, Arrays.toString(s)));
                boolean harnessSure = harness == 0 || harness == TRIES;
                boolean agree = harnessSure && (simDirect == 0 || simDirect == TRIES)
                        ? (harness == 0) == (simDirect == 0)
                        : harness > 0 && simDirect > 0;
                if (s[2] > 0 || !agree) disagreements.add(d.id() + "/" + c.id());
            }
        }
        System.out.println(table);
        assertThat(disagreements).as(table.toString()).isEmpty();
    }
}
