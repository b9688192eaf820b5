package net.overlay.cluster.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import net.overlay.cluster.admin.AdminClient;
import net.overlay.cluster.node.AgentSwarm;
import net.overlay.cluster.store.ThrowawayPostgres;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.agent.AgentConfig;
import net.overlay.core.proto.agent.AgentEvent;
import net.overlay.core.proto.agent.ClientMachine;
import net.overlay.core.proto.agent.DeviceMachine;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.Role;
import net.overlay.core.proto.traversal.KeepalivePolicy;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6's robustness check on the durable store: three {@link RendezvousService} nodes in child
 * JVMs on one throwaway PostgreSQL; users, a thousand devices and grants enrolled through the
 * signed admin API; a thousand device agents on real UDP registered across the nodes. The oldest
 * node (host of the store's aggregate singleton and of the sharding coordinator) is killed with
 * SIGKILL right after it acknowledged two writes; the writes survive (the singleton recovers them
 * from the journal on a survivor), devices re-register within two keepalive intervals, and a
 * client connects with the grant written just before the kill. Then the survivors are killed too
 * and three fresh nodes started on the same database: users, devices and grants are exactly what
 * was written, and a client connects again. Skips without PostgreSQL.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DurableClusterKillTest {
    private static final int DEVICES = Integer.getInteger("overlay.durable.devices", 1000);
    private static final int OWNERS = 10;
    private static final int KEEPALIVE_S = 4;   // as ThreeNodeFailoverTest, and for the same reason
    private static final long S = 1_000_000_000L;
    private static final KeepalivePolicy.Config KEEPALIVE =
            new KeepalivePolicy.Config(KEEPALIVE_S * S, KEEPALIVE_S * S, 0.8, 30 * S, 10 * S);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<Integer, Long> readyAtNs = new ConcurrentHashMap<>();
    private final Map<Integer, InetSocketAddress> homeOf = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<AgentEvent> clientEvents = new LinkedBlockingQueue<>();
    private final RandomSource random = RandomSource.seeded(66);
    private final Identity clusterKeys = Identity.generate(random);
    private final Identity admin = Identity.generate(random);
    private final Identity client = Identity.generate(random);
    private final Identity lastUser = Identity.generate(random);
    private final List<Identity> owners = new ArrayList<>();
    private final List<Identity> devices = new ArrayList<>();
    private final Set<String> expectedUsers = new TreeSet<>();
    private final Set<String> expectedDevices = new TreeSet<>();
    private final Set<String> expectedGrants = new TreeSet<>();
    private KillTestNodes cluster;
    private volatile int clientIndex = DEVICES;
    /** The device whose grant is the last write before the kill (chosen once devices registered). */
    private int late;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
    }

    @Test
    void killingTheSingletonHostLosesNoAcknowledgedWriteAndARestartFindsEverything() throws Exception {
        Optional<Path> bin = ThrowawayPostgres.binDir();
        assumeTrue(bin.isPresent(), "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin "
                + "(apt-get install postgresql); skipping the durable three-node kill test");
        long pgNs = System.nanoTime();
        ThrowawayPostgres pg = ThrowawayPostgres.start(bin.get());
        toClose.add(pg);
        System.out.printf("throwaway PostgreSQL started in %.1f s%n", (System.nanoTime() - pgNs) / 1e9);
        Path keys = tmp.resolve("cluster-keys");
        KeyDirectory.write(keys, clusterKeys, false);
        cluster = new KillTestNodes(tmp, keys, pg.jdbcUrl(), admin.peerId().text(), KEEPALIVE_S);
        toClose.add(cluster);
        List<ServiceProcess> nodes = cluster.startAll("a");
        AdminCalls api = new AdminCalls(nodes.stream().map(ServiceProcess::adminUri).toList(), admin, 12);
        toClose.add(api);
        enrol(api);

        AgentSwarm swarm = new AgentSwarm(this::onEvent);
        toClose.add(swarm);
        List<InetSocketAddress> udp = nodes.stream().map(ServiceProcess::udp).toList();
        AgentSwarm.Agent clientAgent = addAgents(swarm, udp);
        long t0 = System.nanoTime();
        swarm.start(KEEPALIVE_S * S);
        await("all agents registered", 60, () -> readyAtNs.size() == DEVICES + 1,
                () -> readyAtNs.size() + " of " + (DEVICES + 1));
        System.out.printf("durable kill: %d devices and a client registered in %.1f s%n", DEVICES,
                (System.nanoTime() - t0) / 1e9);
        List<Integer> onVictim = readyAtNs.keySet().stream()
                .filter(i -> i < DEVICES && homeOf.get(i).equals(udp.get(0))).toList();
        assertThat(onVictim).hasSizeGreaterThan(DEVICES / 4);
        // Under load a device may leave a slow node while registering, so pick by where they are now.
        // Before the kill: a device on node 0 through the client's node 1 (forwarded), grant from the store.
        int steady = onVictim.stream().filter(i -> i % 5 == 0).min(Integer::compare).orElseThrow();
        assertThat(connectWithin(swarm, clientAgent, "dev-" + steady, 15)).as("connect before the kill").isTrue();
        // The last write before the kill: a grant for a device on node 0 that has none yet and fails over
        // to node 2 (so the connect after the kill is forwarded from the client's node 1).
        late = onVictim.stream().filter(i -> i % 3 == 0 && (i / 3) % 2 == 1 && i % 5 != 0).min(Integer::compare)
                .orElseThrow();
        killTheSingletonHost(api, nodes.get(0), swarm, clientAgent, onVictim);
        restartAll(nodes, swarm);
    }

    /**
     * Two writes acknowledged by node 0's API, then node 0 (the oldest: the singleton's host) dies;
     * checks re-registration, the hand-over, a connect with the grant just written, the lists.
     */
    private void killTheSingletonHost(AdminCalls api, ServiceProcess victim, AgentSwarm swarm,
            AgentSwarm.Agent clientAgent, List<Integer> onVictim) throws Exception {
        Grant lateGrant = grant(late);
        expectOk(api.send(0, "POST", "/api/grants", AdminCalls.grantBody(lateGrant)), 201);
        expectOk(api.send(0, "POST", "/api/users", AdminCalls.userBody(lastUser, "user")), 201);
        expectedGrants.add(AdminCalls.base64(lateGrant));
        expectedUsers.add(lastUser.peerId().text() + " user");
        long killNs = swarm.nowNs();
        long killWallNs = System.nanoTime();
        victim.kill();

        CompletableFuture<String> handover = CompletableFuture.supplyAsync(() -> firstWriteAfterKill(api, killWallNs));
        await("devices of the killed node re-registered", 30,
                () -> onVictim.stream().allMatch(i -> readyAtNs.get(i) > killNs),
                () -> onVictim.stream().filter(i -> readyAtNs.get(i) > killNs).count() + " of " + onVictim.size());
        long[] reRegNs = onVictim.stream().mapToLong(i -> readyAtNs.get(i) - killNs).sorted().toArray();
        boolean connected = connectWithin(swarm, clientAgent, "dev-" + late, 30);
        double connectAfterKillS = (swarm.nowNs() - killNs) / 1e9;
        String handoverReport = handover.get(60, TimeUnit.SECONDS);
        System.out.printf("durable kill: %d on the killed node re-registered median %.2f s, worst %.2f s after the kill"
                        + " (limit %d s); connect with the grant written just before the kill ok=%s %.2f s after the"
                        + " kill; %s%n", onVictim.size(), reRegNs[reRegNs.length / 2] / 1e9,
                reRegNs[reRegNs.length - 1] / 1e9, 2 * KEEPALIVE_S, connected, connectAfterKillS, handoverReport);
        assertThat(reRegNs[reRegNs.length - 1]).as("re-registered within two keepalive intervals")
                .isLessThanOrEqualTo(2L * KEEPALIVE_S * S);
        assertThat(connected).as("connect to a moved device with the grant written before the kill").isTrue();
        for (int n = 1; n < 3; n++) {
            assertDirectoryIntact(api, n);
        }
    }

    /**
     * Kills the survivors, starts three fresh nodes on the same database, checks the directory on
     * each, then registers the late device and the client with them and connects. The thousand
     * agents are closed first: kept, they took most of the first fresh node's CPU while it started
     * (about 15 s more per restart here) for a check the issue does not ask for.
     */
    private void restartAll(List<ServiceProcess> old, AgentSwarm swarm) throws Exception {
        swarm.close();
        // SIGKILL again (no shutdown, no flush): acknowledged writes must not depend on a clean stop.
        old.get(1).kill();
        old.get(2).kill();
        long t0 = System.nanoTime();
        List<ServiceProcess> fresh = cluster.startAll("b");
        double readyS = (System.nanoTime() - t0) / 1e9;
        try (AdminCalls api = new AdminCalls(fresh.stream().map(ServiceProcess::adminUri).toList(), admin, 3)) {
            for (int n = 0; n < 3; n++) {
                assertDirectoryIntact(api, n);
            }
        }
        readyAtNs.clear();
        clientIndex = 1;
        try (AgentSwarm again = new AgentSwarm(this::onEvent)) {
            List<InetSocketAddress> udp = fresh.stream().map(ServiceProcess::udp).toList();
            DatagramChannel[] chans = again.bindSockets();
            AgentConfig dc = again.agentConfig(devices.get(late), clusterKeys,
                    List.of(udp.get(2), udp.get(0), udp.get(1)), chans)
                    .withKeepalive(KEEPALIVE);
            again.add(new DeviceMachine(dc, RandomSource.seeded(5000), new DeviceId("dev-" + late),
                    owners.get(late % OWNERS).peerId(), List.of("http")), chans);
            AgentSwarm.Agent c = addClient(again, udp);
            long startNs = System.nanoTime();
            again.start();
            await("the late device and the client registered with the fresh nodes", 30, () -> readyAtNs.size() == 2);
            boolean connected = connectWithin(again, c, "dev-" + late, 30);
            System.out.printf("durable restart: survivors killed; three fresh nodes ready %.1f s after the first was"
                            + " launched; directory intact on each (%d users, %d devices, %d grants); the late device"
                            + " registered and a client connected (through another node) ok=%s %.1f s after that%n",
                    readyS, expectedUsers.size(), expectedDevices.size(), expectedGrants.size(), connected,
                    (System.nanoTime() - startNs) / 1e9);
            assertThat(connected).as("connect after all nodes restarted").isTrue();
        }
    }

    /** Users (owners, the client), the devices (each owned by one of the owners) and grants to the client. */
    private void enrol(AdminCalls api) throws Exception {
        List<AdminCalls.Call> users = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            owners.add(Identity.generate(random));
            users.add(new AdminCalls.Call("POST", "/api/users", AdminCalls.userBody(owners.get(i), "user")));
            expectedUsers.add(owners.get(i).peerId().text() + " user");
        }
        users.add(new AdminCalls.Call("POST", "/api/users", AdminCalls.userBody(client, "user")));
        expectedUsers.add(client.peerId().text() + " user");
        List<AdminCalls.Call> devs = new ArrayList<>();
        List<AdminCalls.Call> grants = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Identity d = Identity.generate(random);
            devices.add(d);
            String owner = owners.get(i % OWNERS).peerId().text();
            devs.add(new AdminCalls.Call("POST", "/api/devices", "{\"name\":\"dev-" + i + "\",\"key\":\"" + d.peerId()
                    + "\",\"owner\":\"" + owner + "\"}"));
            expectedDevices.add("dev-" + i + " " + d.peerId().text() + " " + owner);
            if (i % 5 == 0) {
                Grant g = grant(i);
                grants.add(new AdminCalls.Call("POST", "/api/grants", AdminCalls.grantBody(g)));
                expectedGrants.add(AdminCalls.base64(g));
            }
        }
        long t0 = System.nanoTime();
        int retried = api.sendAll(users);
        long t1 = System.nanoTime();
        retried += api.sendAll(devs);
        long t2 = System.nanoTime();
        retried += api.sendAll(grants);
        long t3 = System.nanoTime();
        System.out.printf("enrolment through the admin API (12 requests at once over 3 nodes): %d users %.1f s,"
                        + " %d devices %.1f s (%.0f/s), %d grants %.1f s (%.0f/s); %d sent again after a 503%n",
                users.size(), (t1 - t0) / 1e9, devs.size(), (t2 - t1) / 1e9, devs.size() / ((t2 - t1) / 1e9),
                grants.size(), (t3 - t2) / 1e9, grants.size() / ((t3 - t2) / 1e9), retried);
    }

    private Grant grant(int device) {
        return Grant.issue(owners.get(device % OWNERS), client.peerId(), new DeviceId("dev-" + device), Set.of("http"),
                Role.USER, System.currentTimeMillis() + 86_400_000L, random);
    }

    /**
     * Writes through node 1 until the aggregate answers again; the write names {@code lastUser} as
     * owner, so it is accepted only if the aggregate recovered the user acknowledged before the kill.
     */
    private String firstWriteAfterKill(AdminCalls api, long killWallNs) {
        String key = Identity.generate(RandomSource.seeded(99)).peerId().text();
        String body = "{\"name\":\"late-device\",\"key\":\"" + key + "\",\"owner\":\"" + lastUser.peerId() + "\"}";
        int refused = 0;
        while (System.nanoTime() - killWallNs < 60 * S) {
            try {
                AdminClient.Response r = api.send(1, "POST", "/api/devices", body);
                if (r.status() == 201) {
                    // Accepted at once would mean the singleton was not on the killed node: nothing proven.
                    assertThat(refused).as("writes refused while the singleton moved off the killed node")
                            .isPositive();
                    expectedDevices.add("late-device " + key + " " + lastUser.peerId().text());
                    return String.format("aggregate singleton handed over: first write accepted %.2f s after the kill"
                            + " (%d refused before)", (System.nanoTime() - killWallNs) / 1e9, refused);
                }
                assertThat(r.status()).as("a write after the kill: %s", r.body()).isEqualTo(503);
                refused++;
            } catch (java.io.IOException e) {
                refused++;
            }
        }
        throw new AssertionError("no write accepted within 60 s of the kill");
    }

    private void assertDirectoryIntact(AdminCalls api, int node) throws Exception {
        assertThat(api.users(node)).as("users on node %d", node).isEqualTo(expectedUsers);
        assertThat(api.devices(node)).as("devices on node %d", node).isEqualTo(expectedDevices);
        assertThat(api.grants(node)).as("grants on node %d", node).isEqualTo(expectedGrants);
    }

    private AgentSwarm.Agent addAgents(AgentSwarm swarm, List<InetSocketAddress> udp) throws Exception {
        for (int i = 0; i < DEVICES; i++) {
            DatagramChannel[] chans = swarm.bindSockets();
            // Devices of node 0 (the victim) fail over to node 1 or node 2, half each.
            List<InetSocketAddress> order = i % 3 == 0
                    ? ((i / 3) % 2 == 0 ? List.of(udp.get(0), udp.get(1), udp.get(2))
                            : List.of(udp.get(0), udp.get(2), udp.get(1)))
                    : List.of(udp.get(i % 3), udp.get((i + 1) % 3), udp.get((i + 2) % 3));
            AgentConfig c = swarm.agentConfig(devices.get(i), clusterKeys, order, chans).withKeepalive(KEEPALIVE);
            swarm.add(new DeviceMachine(c, RandomSource.seeded(1000 + i), new DeviceId("dev-" + i),
                    owners.get(i % OWNERS).peerId(), List.of("http")), chans);
        }
        return addClient(swarm, udp);
    }

    /**
     * The client, on node 1 first. Its requests give up after 0.5 + 1 + 2 s: longer than a
     * forward's timeout (2 s), so a forward lost with a killed node ends in a refusal, not in the
     * client leaving a live node.
     */
    private AgentSwarm.Agent addClient(AgentSwarm swarm, List<InetSocketAddress> udp) throws java.io.IOException {
        DatagramChannel[] chans = swarm.bindSockets();
        AgentConfig c = swarm.agentConfig(client, clusterKeys, List.of(udp.get(1), udp.get(2), udp.get(0)), chans)
                .withRequestRetry(500_000_000L, 3);
        return swarm.add(new ClientMachine(c, RandomSource.seeded(77)), chans);
    }

    private void onEvent(AgentSwarm.Agent a, AgentEvent e) {
        switch (e) {
            case AgentEvent.RendezvousReady r -> {
                readyAtNs.put(a.index, r.atNs());
                homeOf.put(a.index, a.machine.currentRendezvous());
            }
            case AgentEvent.PeerConnected p when a.index == clientIndex -> clientEvents.add(e);
            case AgentEvent.ConnectFailed f when a.index == clientIndex -> clientEvents.add(e);
            default -> { }
        }
    }

    /** Connects again after each refusal (a client would), until a session is up or time runs out. */
    private boolean connectWithin(AgentSwarm swarm, AgentSwarm.Agent agent, String device, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * S;
        while (System.nanoTime() < deadline) {
            clientEvents.clear();
            swarm.submit(agent, now -> ((ClientMachine) agent.machine).connect(now, device, "http"));
            // At most 10 s per try: a connect whose node died unseen may end in neither outcome.
            long waitMs = Math.min(10_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            AgentEvent e = clientEvents.poll(waitMs, TimeUnit.MILLISECONDS);
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

    private static void expectOk(AdminClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        await(what, seconds, condition, () -> "");
    }

    static void await(String what, int seconds, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * S;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what + " " + state.get());
            }
            Thread.sleep(50);   // a bounded wait for real sockets, processes and cluster membership
        }
    }
}
