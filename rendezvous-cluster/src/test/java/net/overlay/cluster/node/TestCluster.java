package net.overlay.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for tests that start real nodes: free ports, node configs, a node in a child JVM. */
public final class TestCluster {
    private TestCluster() {}

    static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    public static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * A node's config on loopback with short intervals: keepalives every {@code keepaliveS} seconds,
     * the registry refreshed every three (as in deployment, less often than keepalives), failure
     * detection and downing within a few seconds.
     */
    public static String nodeConfig(Path keys, int clusterPort, int seedPort, int keepaliveS) {
        return """
                overlay.rendezvous {
                  udp { host = "127.0.0.1", alternate-host = "127.0.0.2", port = 0 }
                  keys-dir = "%s"
                  keepalive-interval = %ds
                  registration-timeout = %ds
                  registry { refresh-interval = %ds, shards = 30 }
                  routing.forward-timeout = 2s
                  rate-limit { per-source-datagrams-per-second = 1000000, per-source-burst = 1000000 }
                  cluster { host = "127.0.0.1", port = %d, seed-nodes = ["127.0.0.1:%d"], downing-stable-after = 2s }
                }
                pekko.loglevel = WARNING
                pekko.cluster.jmx.enabled = off
                pekko.cluster.failure-detector { heartbeat-interval = 500ms, acceptable-heartbeat-pause = 2s }
                pekko.cluster.sharding.distributed-data.majority-min-cap = 2
                """.formatted(keys.toAbsolutePath().toString().replace("\\", "/"), keepaliveS, 5 * keepaliveS,
                3 * keepaliveS, clusterPort, seedPort);
    }

    /**
     * The kernel's count of UDP datagrams dropped for a full receive buffer (/proc/net/snmp,
     * RcvbufErrors, this network namespace), or -1 where it cannot be read.
     */
    static long udpReceiveBufferDrops() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp:")).toList();
            List<String> names = List.of(udp.get(0).split("\\s+"));
            return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * A node that forms a cluster by itself on loopback: UDP on 127.0.0.1 with 127.0.0.2 as the
     * RFC 5780 alternate (ports P and P+1 on each), keys generated into {@code keys}, any free
     * artery port; {@code extra} HOCON is laid over it.
     */
    static String loneNodeConfig(Path keys, String extra) {
        return """
                overlay.rendezvous {
                  udp { host = "127.0.0.1", alternate-host = "127.0.0.2", port = 0 }
                  keys-dir = "%s"
                  generate-keys = true
                  cluster { host = "127.0.0.1", port = 0 }
                }
                pekko.loglevel = WARNING
                pekko.cluster.jmx.enabled = off
                # Alone, there is no one to hand registry shards to: do not wait 10 s for it on close.
                pekko.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout = 1s
                %s
                """.formatted(keys.toAbsolutePath().toString().replace("\\", "/"), extra);
    }

    static Config parse(String hocon) {
        return ConfigFactory.parseString(hocon);
    }

    /** A node in its own JVM (so it can be killed without any goodbye), started from this class path. */
    static final class ChildNode implements AutoCloseable {
        final Process process;
        final String clusterAddress;
        final List<InetSocketAddress> udp;

        private ChildNode(Process process, String clusterAddress, List<InetSocketAddress> udp) {
            this.process = process;
            this.clusterAddress = clusterAddress;
            this.udp = udp;
        }

        static ChildNode start(Path config, Path directory, long readyTimeoutS) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(),
                    config.toString(), directory.toString());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            java.util.concurrent.CompletableFuture<String> ready = new java.util.concurrent.CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("READY ")) {
                            ready.complete(line);
                        }
                    }
                } catch (IOException e) {
                    // the child died: the future stays incomplete and the wait below times out
                }
                ready.complete(null);
            });
            String line;
            try {
                line = ready.get(readyTimeoutS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                line = null;
            }
            if (line == null) {
                p.destroyForcibly();
                throw new IOException("child node did not start within " + readyTimeoutS + " s");
            }
            String[] parts = line.split(" ", 3);
            List<InetSocketAddress> udp = new ArrayList<>();
            for (String a : parts[2].replace("[", "").replace("]", "").split(",\\s*")) {
                udp.add(WireForm.parse(a.trim()));
            }
            return new ChildNode(p, parts[1], udp);
        }

        /** SIGKILL: no leave, no goodbye; the sockets die with the process. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    public static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
