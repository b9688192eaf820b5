package net.overlay.sim.device;

import static net.overlay.core.testing.VirtualNetwork.MS;
import static net.overlay.core.testing.VirtualNetwork.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.overlay.core.nat.NatPreset;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.spi.RandomSource;
import net.overlay.core.testing.TraversalWorld;
import net.overlay.core.testing.VirtualNetwork.Site;
import org.junit.jupiter.api.Test;

/**
 * Cascaded NAT (a home NAT behind a carrier-grade NAT): a device behind both connects in the
 * simulator, and the outcome (direct or relayed) agrees with overlay-core's in-memory harness,
 * which nests the same two NAT models (a {@code VirtualNetwork} site inside a site), for the same
 * pairs on the same edges (device 20 ms, client 30 ms, rendezvous 10 ms).
 */
class CascadeCrossCheckTest {
    /** {home NAT, CGNAT, client NAT}: an easy cascade, a hard inner NAT, a hard client, a hard carrier. */
    private static final NatPreset[][] PAIRS = {
            {NatPreset.PORT_RESTRICTED, NatPreset.CGNAT_CELLULAR, NatPreset.PORT_RESTRICTED},
            {NatPreset.FULL_CONE, NatPreset.FULL_CONE, NatPreset.SYMMETRIC_RANDOM},
            {NatPreset.SYMMETRIC_RANDOM, NatPreset.CGNAT_CELLULAR, NatPreset.SYMMETRIC_RANDOM},
            {NatPreset.PORT_RESTRICTED, NatPreset.CLOUD_NAT, NatPreset.SYMMETRIC_RANDOM},
            {NatPreset.LINUX_MASQUERADE, NatPreset.FULL_CONE, NatPreset.OPEN},
    };
    private static final int TRIES = 2;

    /** The harness: the device's site (home NAT) nested in the carrier's site (CGNAT); 15 s to go direct. */
    static boolean harnessDirect(NatPreset home, NatPreset carrier, NatPreset client, long seed) {
        TraversalWorld w = new TraversalWorld(seed);
        Site carrierSite = w.net.addNat("carrier", w.net.internet(), carrier.config(), TraversalWorld.DEVICE_PUBLIC_IP,
                20 * MS, 0);
        w.deviceSite = w.net.addNat("home", carrierSite, home.config(), "100.64.0.2", 0, 0);
        List<java.net.InetSocketAddress> sockets = List.of(TraversalWorld.addr("10.0.0.2:40000"),
                TraversalWorld.addr("10.0.0.2:50001"), TraversalWorld.addr("10.0.0.2:50002"), TraversalWorld.addr("10.0.0.2:50003"));
        AgentConfig config = AgentConfig.of(w.deviceId, TraversalWorld.addr(TraversalWorld.RENDEZVOUS_SOCKETS.getFirst()),
                w.rendezvousId.staticPublicKey(), w.rendezvousId.peerId(), sockets, TraversalWorld.WALL_MS);
        DeviceMachine m = new DeviceMachine(config, RandomSource.seeded(seed + 11), TraversalWorld.CAMERA, w.owner.peerId(),
                List.of("http"));
        w.device = w.net.addHost("device", w.deviceSite, "10.0.0.2", 40000, m, 0, 0);
        w.net.act(w.device, d -> ((DeviceMachine) d).start(w.net.nowNs()));
        w.addClient(client, 30 * MS);
        w.net.runUntil(() -> w.deviceMachine().isRegistered() && w.has(w.client, AgentEvent.RendezvousReady.class),
                20 * SECOND);
        w.net.act(w.client, c -> ((ClientMachine) c).connect(w.net.nowNs(), "camera-1", "http"));
        w.net.runUntil(() -> w.has(w.client, AgentEvent.PathUpgraded.class), 15 * SECOND);
        return w.has(w.client, AgentEvent.PathUpgraded.class);
    }

    /** The simulator: per pair, TRIES devices each behind its own home NAT behind its own box, one client each. */
    static List<DeviceSimResult> simulate() {
        List<DeviceSimResult> out = new ArrayList<>();
        for (NatPreset[] pair : PAIRS) {
            int n = TRIES;
            NatPreset[] deviceNat = new NatPreset[n];
            NatPreset[] clientNat = new NatPreset[n];
            int[] target = new int[n];
            long[] clientStart = new long[n];
            long[] deviceStart = new long[n];
            for (int i = 0; i < n; i++) {
                deviceNat[i] = pair[0];
                clientNat[i] = pair[2];
                target[i] = i;
                deviceStart[i] = i * 20 * MS;
                clientStart[i] = 10 * SECOND + i * 20 * MS;
            }
            DeviceSimSpec b = DeviceSimSpec.bench(n, 1, n, 5);
            DeviceSimSpec spec = new DeviceSimSpec(n, n, 45 * SECOND, 5, b.regions().subList(0, 1),
                    List.of(b.regions().getFirst().name()), Map.of(NatPreset.PORT_RESTRICTED, 1.0), 0, pair[1],
                    new DeviceSimSpec.Links(20 * MS, 30 * MS, 10 * MS, 20 * MS, 0, 0), SECOND, 10 * SECOND, 30 * SECOND)
                    .withCarrier(new DeviceSimSpec.Cgnat(1, pair[1], 0, false), 1.0, 0);
            Topology topology = new Topology(spec, new Topology.Pinned(deviceNat, clientNat, target, clientStart, deviceStart));
            assertThat(topology.boxes()).isEqualTo(n);
            try (var runner = net.overlay.sim.SimRunner.start(1)) {
                out.add(DeviceSimulation.prepare(topology, 1, 1).run(runner));
            }
        }
        return out;
    }

    @Test
    void aDeviceBehindACascadeConnectsAsTheHarnessSays() {
        List<DeviceSimResult> sims = simulate();
        StringBuilder table = new StringBuilder(String.format("%nhome / carrier / client: harness direct, simulator direct, relayed%n"));
        List<String> disagreements = new ArrayList<>();
        for (int p = 0; p < PAIRS.length; p++) {
            NatPreset[] pair = PAIRS[p];
            int harness = 0;
            for (int t = 0; t < TRIES; t++) if (harnessDirect(pair[0], pair[1], pair[2], 4099L * (t + 1) + p)) harness++;
            DeviceSimResult r = sims.get(p);
            assertThat(r.devicesRegistered()).as("registered through the cascade").isEqualTo(TRIES);
            long direct = r.count(ConnectRecord.Outcome.DIRECT);
            long relayed = r.count(ConnectRecord.Outcome.RELAYED);
            table.append(String.format("%s / %s / %s: %d/%d, %d, %d%n", pair[0].id(), pair[1].id(), pair[2].id(), harness,
                    TRIES, direct, relayed));
            boolean sure = harness == 0 || harness == TRIES;
            boolean agree = sure && (direct == 0 || direct == TRIES) ? (harness == 0) == (direct == 0) : harness > 0 && direct > 0;
            if (direct + relayed != TRIES || !agree) disagreements.add(pair[0].id() + "/" + pair[1].id() + "/" + pair[2].id());
        }
        System.out.println(table);
        assertThat(disagreements).as(table.toString()).isEmpty();
    }
}
