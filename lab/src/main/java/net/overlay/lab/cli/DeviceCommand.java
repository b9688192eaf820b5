package net.overlay.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.overlay.core.node.SystemRandomSource;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.node.tunnel.AgentFile;
import net.overlay.core.proto.identity.DeviceClaimCode;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.node.tunnel.TunnelNode;
import net.overlay.core.proto.agent.AgentEvent;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay device run --config FILE}: the device agent on real UDP sockets, serving its
 * configured local services through tunnels (docs/tunnels.md) until Ctrl-C.
 */
@Command(name = "device", description = "The device agent: run --config FILE.", subcommands = DeviceCommand.Run.class)
final class DeviceCommand {

    @Command(name = "run", description = "Run the device agent until interrupted (Ctrl-C).")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "HOCON: keys, rendezvous {address, peer-id, static-key}, device {name, owner}, services.")
        Path config;

        @Override
        public Integer call() throws IOException {
            AgentFile file;
            try {
                file = AgentFile.load(config);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("overlay device run: " + e.getMessage());
                return 2;
            }
            if (file.device().isEmpty()) {
                spec.commandLine().getErr().println("overlay device run: " + config + " has no device section");
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (KeyDirectory.existingFiles(file.keys()).isEmpty()) {
                // First start: the device makes its own keys, and prints the code its owner enrols it with.
                Identity id = Identity.generate(new SystemRandomSource());
                KeyDirectory.write(file.keys(), id, false);
                DeviceClaimCode claim = new DeviceClaimCode(file.device().get().name(), id.peerId());
                out.println("first start: generated the device's keys in " + file.keys());
                out.println("claim code: " + claim.encode());
                out.println("  the owner enrols this device with: ./overlay admin devices claim " + claim.encode()
                        + " --key OWNER_KEYS");
            }
            TunnelNode node = TunnelNode.startDevice(file, e -> report(out, e));
            CoordinatedShutdown.get(node.system());
            out.println("device " + file.device().get().name().name() + " serving " + file.services());
            out.println("Ctrl-C stops it.");
            out.flush();
            node.system().getWhenTerminated().toCompletableFuture().join();
            return 0;
        }
    }

    /** One line per agent event worth a user's attention. */
    static void report(PrintWriter out, AgentEvent e) {
        String line = switch (e) {
            case AgentEvent.RendezvousReady r -> "rendezvous ready, seen as " + r.observed();
            case AgentEvent.RendezvousLost l -> "rendezvous lost: " + l.reason();
            case AgentEvent.PeerConnected c -> "session with " + c.peer() + " for " + c.service();
            case AgentEvent.ConnectFailed f -> "connect failed: " + f.code() + " " + f.message();
            case AgentEvent.NatDiscovered n -> "NAT: mapping " + n.nat().mapping() + ", filtering " + n.nat().filtering()
                    + ", ports " + n.nat().allocation();
            case AgentEvent.PunchStarted p -> p.plan().relayOnly() ? "relay only: " + p.plan().reason()
                    : "punching toward " + p.plan().targets() + (p.plan().prime() ? " (primed)" : "") + ": " + p.plan().reason();
            case AgentEvent.PathUpgraded u -> "direct path " + u.path().remote();
            case AgentEvent.FellBackToRelay f -> "back on the relay";
            case AgentEvent.PeerClosed c -> "session closed: " + c.reason();
            default -> null;
        };
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }
}
