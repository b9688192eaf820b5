package net.overlay.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.overlay.core.node.tunnel.AgentFile;
import net.overlay.core.node.tunnel.TunnelNode;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay connect DEVICE SERVICE [--local 127.0.0.1:PORT] --config FILE}: a client that
 * listens on a local TCP port and tunnels each connection to SERVICE on DEVICE (docs/tunnels.md),
 * until Ctrl-C.
 */
@Command(name = "connect", description = "Open a tunnel: connect DEVICE SERVICE [--local 127.0.0.1:PORT] --config FILE.")
final class ConnectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "Device name.")
    String device;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "Service name on the device (e.g. http).")
    String service;

    @Option(names = "--local", defaultValue = "127.0.0.1:0", paramLabel = "IP:PORT",
            description = "Where to listen (default: ${DEFAULT-VALUE}; port 0: any, printed).")
    String local;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "HOCON: keys, rendezvous {address, peer-id, static-key}.")
    Path config;

    @Override
    public Integer call() throws IOException {
        AgentFile file;
        InetSocketAddress listenAt;
        try {
            file = AgentFile.load(config);
            listenAt = AgentFile.parseAddress(local);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("overlay connect: " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        TunnelNode node = TunnelNode.startClient(file, device, service, listenAt, e -> DeviceCommand.report(out, e));
        CoordinatedShutdown.get(node.system());
        InetSocketAddress at = node.listening();
        out.println("tunnel to " + service + " on " + device + " listening on tcp "
                + at.getAddress().getHostAddress() + ":" + at.getPort());
        out.println("Ctrl-C stops it.");
        out.flush();
        node.system().getWhenTerminated().toCompletableFuture().join();
        return 0;
    }
}
