package net.overlay.core.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.overlay.core.node.keys.KeyDirectory;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.rendezvous.Directory;
import net.overlay.core.proto.rendezvous.InMemoryDirectory;
import net.overlay.core.proto.rendezvous.RendezvousMachine;
import net.overlay.core.spi.NanoClock;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A single development rendezvous node ({@code ./overlay rendezvous start --dev}): one
 * {@link RendezvousMachine} in a {@link MachineDriver} that is the guardian of its own
 * {@link ActorSystem}, on the four RFC 5780 sockets {@code ip1:port, ip1:port+1, ip2:port,
 * ip2:port+1}, with an in-memory directory and its identity loaded from (or first generated into) a
 * key directory. The clustered node with durable state is issue #6.
 *
 * <p>Threading: {@link #start} and {@link #close()} from any thread; the machine runs on the actor.
 */
public final class DevRendezvous implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ActorSystem<MachineDriver.Command<RendezvousMachine.Event>> system;
    private final List<InetSocketAddress> sockets;
    private final Identity identity;
    private final boolean keysGenerated;

    private DevRendezvous(ActorSystem<MachineDriver.Command<RendezvousMachine.Event>> system,
            List<InetSocketAddress> sockets, Identity identity, boolean keysGenerated) {
        this.system = system;
        this.sockets = sockets;
        this.identity = identity;
        this.keysGenerated = keysGenerated;
    }

    /**
     * Binds the sockets (port 0: a free ephemeral pair), loads or generates the keys in
     * {@code keysDir}, and starts the node; {@code events} is called on the actor.
     */
    public static DevRendezvous start(String ip1, String ip2, int port, Path keysDir,
            Consumer<RendezvousMachine.Event> events) throws IOException {
        // Empty: the dev node answers STUN and relays; enrolling devices needs the cluster's store (#6).
        return start(ip1, ip2, port, keysDir, new InMemoryDirectory(), events);
    }

    /**
     * As {@link #start(String, String, int, Path, Consumer)}, with the devices and grants of
     * {@code directory} (a dev directory file, docs/tunnels.md).
     */
    public static DevRendezvous start(String ip1, String ip2, int port, Path keysDir, Directory directory,
            Consumer<RendezvousMachine.Event> events) throws IOException {
        boolean generate = KeyDirectory.existingFiles(keysDir).isEmpty();
        Identity identity;
        if (generate) {
            identity = Identity.generate(new SystemRandomSource());
            KeyDirectory.write(keysDir, identity, false);
        } else {
            identity = KeyDirectory.read(keysDir);
        }
        UdpSockets udp = UdpSockets.bindRendezvous(ip1, ip2, port);
        List<InetSocketAddress> at = udp.localAddresses();
        NanoClock clock = NanoClock.system();
        RendezvousMachine machine = new RendezvousMachine(
                RendezvousMachine.Config.of(at, MachineDriver.epochMsAtZeroNs(clock)), identity, directory,
                new SystemRandomSource());
        ActorSystem<MachineDriver.Command<RendezvousMachine.Event>> system = ActorSystem.create(
                MachineDriver.create(machine, udp, events::accept, clock, MachineDriver.Settings.DEFAULT),
                "overlay-rendezvous");
        return new DevRendezvous(system, at, identity, generate);
    }

    /** The bound sockets: 0 = ip1:p1, 1 = ip1:p2, 2 = ip2:p1, 3 = ip2:p2. */
    public List<InetSocketAddress> sockets() {
        return sockets;
    }

    public Identity identity() {
        return identity;
    }

    /** Whether the keys were generated at start rather than loaded. */
    public boolean keysGenerated() {
        return keysGenerated;
    }

    /** The node's actor system, e.g. to wait for its termination. */
    public ActorSystem<MachineDriver.Command<RendezvousMachine.Event>> system() {
        return system;
    }

    /** Stops the node and waits (bounded) until its sockets are closed. */
    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // termination failed or stalled: the process is ending anyway; nothing else to release
        }
    }
}
