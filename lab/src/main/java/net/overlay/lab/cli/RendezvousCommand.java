package net.overlay.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import net.overlay.cluster.node.ClusterNode;
import net.overlay.cluster.service.RendezvousService;
import net.overlay.cluster.node.config.ConfigError;
import net.overlay.core.node.DevRendezvous;
import net.overlay.core.node.LinuxUdpSocket;
import net.overlay.core.node.tunnel.DevDirectoryFile;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay rendezvous start --dev}: one rendezvous node, on loopback by default (STUN with
 * RFC 5780 discovery on 127.0.0.1 and 127.0.0.2, or the two {@code --addresses}, ports P and P+1,
 * relay, broker with an empty in-memory directory), running until Ctrl-C. {@code --config FILE}: the
 * rendezvous service ({@link RendezvousService}: cluster node, durable store, admin endpoint;
 * settings in rendezvous-cluster's reference.conf, docs/cluster.md); a bad setting is reported by
 * name with exit status 2.
 */
@Command(name = "rendezvous", description = "A rendezvous node: start --dev | start --config FILE.",
        subcommands = RendezvousCommand.Start.class)
final class RendezvousCommand {

    @Command(name = "start", description = "Start a rendezvous node and run until interrupted (Ctrl-C).")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Mode mode;

        static final class Mode {
            @Option(names = "--dev", required = true,
                    description = "One node on loopback with an in-memory directory.")
            boolean dev;

            @Option(names = "--config", required = true, paramLabel = "FILE",
                    description = "A cluster node configured by this HOCON file (docs/cluster.md).")
            Path config;
        }

        @Option(names = "--port", defaultValue = "3478", paramLabel = "P",
                description = "First of the two ports on each address (default: ${DEFAULT-VALUE}; 0: any free pair).")
        int port;

        @Option(names = "--addresses", defaultValue = "127.0.0.1,127.0.0.2", split = ",", paramLabel = "IP1,IP2",
                description = "The two IPv4 addresses to bind, for RFC 5780 discovery (default: ${DEFAULT-VALUE}).")
        List<String> addresses;

        @Option(names = "--keys", paramLabel = "DIR",
                description = "Key directory: loaded if it holds keys, else new keys are written to it (default: a new temporary directory).")
        Path keys;

        @Option(names = "--directory", paramLabel = "FILE",
                description = "Dev directory (HOCON: devices and grants, docs/tunnels.md); default: empty.")
        Path directory;

        @Override
        public Integer call() throws IOException {
            if (!mode.dev) {
                return startClusterNode();
            }
            if (port < 0 || port > 65_534) {
                spec.commandLine().getErr().println("overlay rendezvous start: --port must be 0..65534 (P and P+1 are bound)");
                return 2;
            }
            if (addresses.size() != 2 || !addresses.stream().allMatch(a -> a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
                spec.commandLine().getErr().println("overlay rendezvous start: --addresses takes two IPv4 literals, IP1,IP2");
                return 2;
            }
            Path dir = keys != null ? keys : Files.createTempDirectory("overlay-rendezvous-keys-");
            PrintWriter out = spec.commandLine().getOut();
            InMemoryDirectory devices;
            try {
                devices = directory == null ? new InMemoryDirectory() : DevDirectoryFile.load(directory);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("overlay rendezvous start: " + e.getMessage());
                return 2;
            }
            DevRendezvous node = DevRendezvous.start(addresses.get(0), addresses.get(1), port, dir, devices, e -> report(out, e));
            // Loading coordinated shutdown registers its JVM shutdown hook (run-by-jvm-shutdown-hook):
            // Ctrl-C then terminates the actor system, whose driver closes the sockets, and join returns.
            CoordinatedShutdown.get(node.system());
            List<InetSocketAddress> at = node.sockets();
            out.println("rendezvous (dev) listening on udp " + at.stream().map(RendezvousCommand::show).toList());
            out.println("  keys:       " + dir.toAbsolutePath() + (node.keysGenerated() ? " (generated)" : " (loaded)"));
            out.println("  peer id:    " + node.identity().peerId());
            out.println("  static key: " + Base64.getEncoder().encodeToString(node.identity().staticPublicKey().toArray()));
            out.println("  per-send TTL: " + (LinuxUdpSocket.isAvailable() ? "yes (FFM sockets)" : "no (NIO fallback)"));
            out.println("  directory:  " + (directory == null
                    ? "in memory, empty (--directory FILE for a dev directory; enrolling arrives with issue #6)"
                    : "in memory, from " + directory.toAbsolutePath()));
            out.println("Ctrl-C stops it.");
            out.flush();
            node.system().getWhenTerminated().toCompletableFuture().join();
            return 0;
        }

        private Integer startClusterNode() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(mode.config)) {
                err.println("overlay rendezvous start: no such config file: " + mode.config);
                return 2;
            }
            RendezvousService service;
            try {
                InMemoryDirectory devices = directory == null ? null : DevDirectoryFile.load(directory);
                service = RendezvousService.start(ConfigFactory.parseFile(mode.config.toFile()), devices,
                        e -> report(out, e));
            } catch (ConfigError e) {
                err.println("overlay rendezvous start: bad setting in " + mode.config + ": " + e.getMessage());
                return 2;
            } catch (ConfigException | IllegalArgumentException | IOException e) {
                err.println("overlay rendezvous start: " + e.getMessage());
                return 2;
            } catch (IllegalStateException e) {
                err.println("overlay rendezvous start: " + e.getMessage());
                return 1;
            }
            ClusterNode node = service.node();
            CoordinatedShutdown.get(node.system());
            out.println("rendezvous cluster node " + node.clusterAddress() + " roles " + node.settings().roles());
            out.println("  udp:        " + node.udpAddresses().stream().map(RendezvousCommand::show).toList());
            out.println("  keys:       " + node.settings().keysDir().toAbsolutePath() + (node.keysGenerated() ? " (generated)" : " (loaded)"));
            out.println("  peer id:    " + node.identity().peerId());
            out.println("  static key: " + Base64.getEncoder().encodeToString(node.identity().staticPublicKey().toArray()));
            out.println("  seeds:      " + node.settings().cluster().seedNodes());
            out.println("  directory:  " + (service.hasStore() ? "durable store (docs/store.md)" : directory));
            if (service.adminAddress() != null) {
                out.println("  admin http: http://" + show(service.adminAddress()) + " (/health /ready /metrics /api)");
            }
            out.println("Ctrl-C stops it.");
            out.flush();
            node.system().getWhenTerminated().toCompletableFuture().join();
            return 0;
        }

        private static void report(PrintWriter out, RendezvousMachine.Event e) {
            switch (e) {
                case RendezvousMachine.Event.PeerAdmitted a -> out.println("admitted " + a.role() + " " + a.peer());
                case RendezvousMachine.Event.PeerRefused r -> out.println("refused a peer: " + r.reason());
                case RendezvousMachine.Event.Routed r -> { }
            }
            out.flush();
        }
    }

    private static String show(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
