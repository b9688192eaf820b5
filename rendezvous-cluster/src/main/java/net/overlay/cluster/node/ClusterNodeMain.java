package net.overlay.cluster.node;

import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import net.overlay.cluster.node.config.ConfigError;
import net.overlay.core.node.tunnel.DevDirectoryFile;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;

/**
 * A bare cluster node process: {@code ClusterNodeMain CONFIG_FILE [DIRECTORY_FILE]} starts a node
 * with an in-memory directory (empty, or read from a dev directory file, docs/tunnels.md) and runs
 * until killed. It prints one line {@code READY <cluster address>
 * <udp addresses>} once started, which is what the multi-process test waits for. The deployable
 * command is {@code ./overlay rendezvous start --config FILE}; this exists so a test can kill a node
 * without warning (SIGKILL on a separate JVM). Exit status 2 on a bad configuration.
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = System.out;
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ClusterNodeMain CONFIG_FILE [DIRECTORY_FILE]");
            System.exit(2);
        }
        ClusterNode node;
        try {
            InMemoryDirectory directory = args.length == 2
                    ? DevDirectoryFile.load(java.nio.file.Path.of(args[1])) : new InMemoryDirectory();
            node = ClusterNode.start(ConfigFactory.parseFile(new File(args[0])), ClusterNodeExtensions.of(directory));
        } catch (ConfigError | IllegalArgumentException | com.typesafe.config.ConfigException e) {
            System.err.println("overlay rendezvous: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        out.println("READY " + node.clusterAddress() + " " + node.udpAddresses().stream().map(WireForm::show).toList());
        out.flush();
        node.system().getWhenTerminated().toCompletableFuture().join();
    }
}
