package net.overlay.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.node.tunnel.DevDirectoryFile;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.traversal.KeepalivePolicy;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6's headline: three nodes on loopback (two in this JVM, the third in a child JVM), a
 * thousand devices ({@code -Doverlay.failover.devices=N} for another number) on real UDP registered
 * across them, the child killed with SIGKILL; every device that was on it registers with another
 * node within two keepalive intervals, and a client connects again to a moved device through a
 * node that is not the device's new home. All agents share 127.0.0.1, as devices behind one
 * carrier-grade NAT would: the nodes' default per-source limits must let them through.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ThreeNodeFailoverTest {
    private static final int DEVICES = Integer.getInteger("overlay.failover.devices", 1000);
    // 4 s, not 25 s, to keep the test short; 1000 devices then send 250 keepalives/s and the registry
    // takes as many refreshes, which two busy cores carry (at 2 s, shared cores starved the nodes).
    private static final int KEEPALIVE_S = 4;
    private static final long S = 1_000_000_000L;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<Integer, Long> readyAtNs = new ConcurrentHashMap<>();
    private final Map<Integer, InetSocketAddress> homeOf = new ConcurrentHashMap<>();
    private final Map<Integer, Long> lostAtNs = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<AgentEvent> clientEvents = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void devicesOnAKilledNodeReRegisterWithinTwoKeepaliveIntervalsAndConnectsWorkAgain() throws Exception {
        RandomSource random = RandomSource.seeded(6);
        Identity cluster = Identity.generate(random);
        Identity owner = Identity.generate(random);
        Identity user = Identity.generate(random);
        Path keys = tmp.resolve("cluster-keys");
        KeyDirectory.write(keys, cluster, false);
        KeyDirectory.write(tmp.resolve("owner-keys"), owner, false);
        List<Identity> devices = new ArrayList<>();
        StringBuilder dir = new StringBuilder("devices = [\n");
        StringBuilder grants = new StringBuilder("grants = [\n");
        for (int i = 0; i < DEVICES; i++) {
            Identity d = Identity.generate(random);
            devices.add(d);
            dir.append("{ name = \"dev-").append(i).append("\", peer-id = \"").append(d.peerId())
                    .append("\", owner = \"").append(owner.peerId()).append("\" }\n");
            if (i % 3 != 0) {
                grants.append("{ owner-keys = \"owner-keys\", user = \"").append(user.peerId()).append("\", device = \"dev-")
                        .append(i).append("\", services = [http], valid-days = 1 }\n");
            }
        }
        Path directoryFile = TestCluster.write(tmp, "directory.conf", dir + "]\n" + grants + "]\n");

        int[] ports = {TestCluster.freeTcpPort(), TestCluster.freeTcpPort(), TestCluster.freeTcpPort()};
        ClusterNode n0 = start(keys, ports[0], ports[0], directoryFile);
        ClusterNode n1 = start(keys, ports[1], ports[0], directoryFile);
        Path victimConf = TestCluster.write(tmp, "node2.conf", TestCluster.nodeConfig(keys, ports[2], ports[0], KEEPALIVE_S));
        TestCluster.ChildNode victim = TestCluster.ChildNode.start(victimConf, directoryFile, 60);
        toClose.add(victim);
        await("three members up", 30, () -> n0.upMembers() == 3 && n1.upMembers() == 3);

        List<InetSocketAddress> nodes = List.of(n0.udpAddresses().getFirst(), n1.udpAddresses().getFirst(),
                victim.udp.getFirst());
        AgentSwarm swarm = new AgentSwarm(this::onEvent);
        toClose.add(swarm);
        KeepalivePolicy.Config keepalive = new KeepalivePolicy.Config(KEEPALIVE_S * S, KEEPALIVE_S * S, 0.8, 30 * S, 10 * S);
        for (int i = 0; i < DEVICES; i++) {
            DatagramChannel[] chans = swarm.bindSockets();
            // Devices on the victim fail over to node 0 or node 1 (half each); the others to the next node.
            List<InetSocketAddress> order = i % 3 == 2 ? (i % 2 == 0 ? List.of(nodes.get(2), nodes.get(0), nodes.get(1))
                    : List.of(nodes.get(2), nodes.get(1), nodes.get(0)))
                    : List.of(nodes.get(i % 3), nodes.get((i + 1) % 3), nodes.get((i + 2) % 3));
            AgentConfig c = swarm.agentConfig(devices.get(i), cluster, order, chans).withKeepalive(keepalive);
            swarm.add(new DeviceMachine(c, RandomSource.seeded(1000 + i), new DeviceId("dev-" + i), owner.peerId(),
                    List.of("http")), chans);
        }
        DatagramChannel[] clientChans = swarm.bindSockets();
        // The client keeps the default request schedule (7.5 s): longer than a forward's timeout, so a
        // forward lost with the killed node ends in a refusal, not in the client leaving node 0.
        AgentConfig clientConfig = swarm.agentConfig(user, cluster, List.of(nodes.get(0), nodes.get(1)), clientChans)
                .withRequestRetry(500_000_000L, 4);
        AgentSwarm.Agent client = swarm.add(new ClientMachine(clientConfig, RandomSource.seeded(77)), clientChans);
        // Devices boot over one keepalive interval, the client last.
        swarm.start(KEEPALIVE_S * S);

        long t0 = System.nanoTime();
        long kernelDrops0 = TestCluster.udpReceiveBufferDrops();
        await("all devices registered", 60, () -> readyAtNs.size() == DEVICES + 1, () -> readyAtNs.size() + " of "
                + (DEVICES + 1) + " agents ready; kernel receive-buffer drops " + (TestCluster.udpReceiveBufferDrops() - kernelDrops0)
                + "; n0 " + n0.metrics().snapshot() + "; n1 " + n1.metrics().snapshot());
        double registerS = (System.nanoTime() - t0) / 1e9;
        long[] readyS = readyAtNs.values().stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("registered (s after the first): p10 %.1f, p50 %.1f, p90 %.1f, last %.1f%n",
                (readyS[readyS.length / 10] - readyS[0]) / 1e9, (readyS[readyS.length / 2] - readyS[0]) / 1e9,
                (readyS[readyS.length * 9 / 10] - readyS[0]) / 1e9, (readyS[readyS.length - 1] - readyS[0]) / 1e9);
        System.out.printf("registration: %d agents in %.1f s, kernel receive-buffer drops %d, n0 %s, n1 %s%n", DEVICES + 1,
                registerS, TestCluster.udpReceiveBufferDrops() - kernelDrops0, n0.metrics().snapshot(), n1.metrics().snapshot());
        List<Integer> onVictim = new ArrayList<>();
        homeOf.forEach((i, home) -> {
            if (i < DEVICES && home.equals(nodes.get(2))) {
                onVictim.add(i);
            }
        });
        assertThat(onVictim).hasSizeGreaterThan(DEVICES / 4);

        // Before the kill: a cross-node connect (client on node 0, device homed on node 1).
        int steady = firstGrantedOn(nodes.get(1));
        assertThat(connectWithin(swarm, client, "dev-" + steady, 10)).as("connect to a device on node 1").isTrue();

        long killNs = swarm.nowNs();
        victim.kill();
        await("moved devices re-registered", 30, () -> onVictim.stream().allMatch(i -> readyAtNs.get(i) > killNs));
        long worstNs = onVictim.stream().mapToLong(i -> readyAtNs.get(i) - killNs).max().orElseThrow();
        long medianNs = median(onVictim.stream().mapToLong(i -> readyAtNs.get(i) - killNs).toArray());
        // Where the time goes: noticing the loss (next keepalive unanswered), then handshake and register.
        long detectMedianNs = median(onVictim.stream().mapToLong(i -> lostAtNs.getOrDefault(i, killNs) - killNs).toArray());
        long rejoinMedianNs = median(onVictim.stream().mapToLong(i -> readyAtNs.get(i) - lostAtNs.getOrDefault(i, killNs))
                .toArray());
        long[] detectNs = onVictim.stream().mapToLong(i -> lostAtNs.getOrDefault(i, killNs) - killNs).sorted().toArray();
        System.out.printf("after the kill: loss noticed after %.2f..%.2f s (median %.2f s), re-registered median %.2f s"
                        + " after that%n", detectNs[0] / 1e9, detectNs[detectNs.length - 1] / 1e9, detectMedianNs / 1e9,
                rejoinMedianNs / 1e9);

        // After the kill: a device that moved to node 1, reached through node 0 (registry + forwarding).
        int moved = onVictim.stream().filter(i -> homeOf.get(i).equals(nodes.get(1)) && i % 3 == 2)
                .findFirst().orElseThrow();
        long connectFromNs = swarm.nowNs();
        // Up to 30 s: the registry entry may have lived on the killed node, and is written again only
        // once the survivors have downed it and taken its shards (seconds on a loaded machine).
        boolean connected = connectWithin(swarm, client, "dev-" + moved, 30);
        double connectAfterKillS = (swarm.nowNs() - killNs) / 1e9;
        System.out.printf("three-node failover: %d devices registered in %.1f s; %d on the killed node re-registered,"
                        + " median %.2f s, worst %.2f s after the kill (limit %d s); connect to a moved device ok=%s,"
                        + " %.2f s after the kill (%.2f s of tries); node metrics: n0 %s, n1 %s%n",
                DEVICES, registerS, onVictim.size(), medianNs / 1e9, worstNs / 1e9, 2 * KEEPALIVE_S, connected,
                connectAfterKillS, (swarm.nowNs() - connectFromNs) / 1e9, n0.metrics().snapshot(), n1.metrics().snapshot());
        assertThat(worstNs).as("re-registered within two keepalive intervals").isLessThanOrEqualTo(2L * KEEPALIVE_S * S);
        assertThat(connected).as("connect to a moved device through another node").isTrue();
        await("survivors hold every device", 10, () -> n0.metrics().snapshot().registeredDevices()
                + n1.metrics().snapshot().registeredDevices() == DEVICES);
    }

    private ClusterNode start(Path keys, int port, int seedPort, Path directoryFile) throws Exception {
        ClusterNode n = ClusterNode.start(TestCluster.parse(TestCluster.nodeConfig(keys, port, seedPort, KEEPALIVE_S)),
                ClusterNodeExtensions.of(DevDirectoryFile.load(directoryFile)));
        toClose.add(n);
        return n;
    }

    private void onEvent(AgentSwarm.Agent a, AgentEvent e) {
        switch (e) {
            case AgentEvent.RendezvousReady r -> {
                readyAtNs.put(a.index, r.atNs());
                homeOf.put(a.index, a.machine.currentRendezvous());
            }
            case AgentEvent.RendezvousLost l -> lostAtNs.put(a.index, l.atNs());
            case AgentEvent.PeerConnected p when a.index == DEVICES -> clientEvents.add(e);
            case AgentEvent.ConnectFailed f when a.index == DEVICES -> clientEvents.add(e);
            default -> { }
        }
    }

    private int firstGrantedOn(InetSocketAddress node) {
        return homeOf.entrySet().stream().filter(en -> en.getKey() < DEVICES && en.getKey() % 3 == 1
                && en.getValue().equals(node)).mapToInt(Map.Entry::getKey).min().orElseThrow();
    }

    /** Connects again after each refusal (a client would), until a session is up or time runs out. */
    private boolean connectWithin(AgentSwarm swarm, AgentSwarm.Agent client, String device, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * S;
        while (System.nanoTime() < deadline) {
            clientEvents.clear();
            swarm.submit(client, now -> ((ClientMachine) client.machine).connect(now, device, "http"));
            AgentEvent e = clientEvents.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L), TimeUnit.MILLISECONDS);
            if (e instanceof AgentEvent.PeerConnected) {
                return true;
            }
            if (e instanceof AgentEvent.ConnectFailed f) {
                System.out.println("connect to " + device + " refused: " + f.code() + " " + f.message());
                Thread.sleep(250);   // bounded by the deadline: a client's retry pause
            }
        }
        return false;
    }

    private static long median(long[] values) {
        java.util.Arrays.sort(values);
        return values[values.length / 2];
    }

    private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        await(what, seconds, condition, () -> "");
    }

    private static void await(String what, int seconds, BooleanSupplier condition,
            java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * S;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what + " " + state.get());
            }
            Thread.sleep(50);   // a bounded wait for real sockets and real cluster membership
        }
    }
}
