package net.overlay.cluster.service;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import net.overlay.cluster.node.TestCluster;
import net.overlay.cluster.store.ThrowawayPostgres;

/**
 * Three service nodes in child JVMs on loopback sharing one PostgreSQL database and one key
 * directory, with the same UDP ports every time they are started (so agents find a restarted
 * cluster where they left it) and fresh artery ports. Node 0 is started first and alone, so it is
 * the oldest member: the host of the store's aggregate singleton and of the sharding coordinator.
 */
final class KillTestNodes implements AutoCloseable {
    private static final int NODES = 3;

    private final Path dir;
    private final Path keys;
    private final String jdbcUrl;
    private final String adminPeerId;
    private final int keepaliveS;
    private final int[] udpPorts = new int[NODES];
    private final List<ServiceProcess> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    KillTestNodes(Path dir, Path keys, String jdbcUrl, String adminPeerId, int keepaliveS) throws IOException {
        this.dir = dir;
        this.keys = keys;
        this.jdbcUrl = jdbcUrl;
        this.adminPeerId = adminPeerId;
        this.keepaliveS = keepaliveS;
        for (int i = 0; i < NODES; i++) {
            udpPorts[i] = freeUdpQuad(i == 0 ? 0 : udpPorts[i - 1]);
        }
    }

    /**
     * Starts the nodes one after another, each once the previous one's {@code /ready} says yes (an Up
     * member whose store answers), and returns them. One at a time because two JVMs starting
     * together on this loaded machine starved each other's cluster heartbeats for seconds, and
     * a joining node was downed. {@code label} names the config files.
     */
    List<ServiceProcess> startAll(String label) throws Exception {
        int[] clusterPorts = {TestCluster.freeTcpPort(), TestCluster.freeTcpPort(), TestCluster.freeTcpPort()};
        List<ServiceProcess> nodes = new ArrayList<>();
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            long t0 = System.nanoTime();
            ServiceProcess n = launch(label, i, clusterPorts).awaitReady(90);
            awaitReady(n, 60);
            nodes.add(n);
            times.append(String.format(" %.1f s", (System.nanoTime() - t0) / 1e9));
        }
        System.out.println("service nodes (" + label + ") started and ready, one after another:" + times);
        return nodes;
    }

    private ServiceProcess launch(String label, int i, int[] clusterPorts) throws IOException {
        String conf = TestCluster.nodeConfig(keys, clusterPorts[i], clusterPorts[0], keepaliveS) + """
                overlay.rendezvous.udp.port = %d
                overlay.store {
                  jdbc { url = "%s", driver = "org.postgresql.Driver", profile = "slick.jdbc.PostgresProfile$",
                         user = "%s", password = "" }
                  admin.port = 0
                  bootstrap-admins = ["%s"]
                  read-model-refresh = 50ms
                  # Short, so that the test sees the singleton's hand-over to within a couple of seconds.
                  ask-timeout = 2s
                }
                # Three JVMs, PostgreSQL and a thousand agents share two loaded cores: heartbeats were
                # seen 1.4 to 2 s late, at the edge of ThreeNodeFailoverTest's 2 s pause.
                pekko.cluster.failure-detector.acceptable-heartbeat-pause = 3s
                """.formatted(udpPorts[i], jdbcUrl, ThrowawayPostgres.USER, adminPeerId);
        ServiceProcess p = ServiceProcess.launch(TestCluster.write(dir, "node-" + label + i + ".conf", conf));
        started.add(p);
        return p;
    }

    private void awaitReady(ServiceProcess node, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        HttpRequest ready = HttpRequest.newBuilder(node.adminUri().resolve("/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node " + node.adminUri() + " not ready within " + seconds + " s; its log:\n"
                        + node.logText());
            }
            Thread.sleep(200);   // bounded by the deadline
        }
    }

    /**
     * A port P such that P and P+1 are free on 127.0.0.1 and 127.0.0.2 (a node binds all four:
     * RFC 5780's two addresses and two ports), above {@code after + 1}.
     */
    private static int freeUdpQuad(int after) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (Math.abs(p - after) < 2) {
                continue;
            }
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (String host : List.of("127.0.0.1", "127.0.0.2")) {
                    held.add(new DatagramSocket(new InetSocketAddress(host, p)));
                    held.add(new DatagramSocket(new InetSocketAddress(host, p + 1)));
                }
                return p;
            } catch (IOException e) {
                // taken: try another
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("no free UDP port pair on 127.0.0.1 and 127.0.0.2");
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess p : started) {
            p.close();
        }
    }
}
