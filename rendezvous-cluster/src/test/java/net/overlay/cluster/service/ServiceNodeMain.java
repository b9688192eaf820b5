package net.overlay.cluster.service;

import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.net.InetSocketAddress;

/**
 * The rendezvous service in a process of its own, as {@code ./overlay rendezvous start --config
 * FILE} runs it (cluster node, durable store, HTTP endpoint), for tests that must kill a node
 * without warning: {@code ServiceNodeMain CONFIG_FILE}. Once started it prints one line
 * {@code READY <cluster address> <admin port> <udp address>} and runs until killed or sent
 * SIGTERM (Pekko's coordinated shutdown then leaves the cluster). Exit status 2 when it cannot start.
 */
public final class ServiceNodeMain {
    private ServiceNodeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ServiceNodeMain CONFIG_FILE");
            System.exit(2);
        }
        RendezvousService service;
        try {
            service = RendezvousService.start(ConfigFactory.parseFile(new File(args[0])), null, e -> { });
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(2);
            return;
        }
        InetSocketAddress udp = service.node().udpAddresses().getFirst();
        System.out.println("READY " + service.node().clusterAddress() + " " + service.adminAddress().getPort() + " "
                + udp.getAddress().getHostAddress() + ":" + udp.getPort());
        System.out.flush();
        service.node().system().getWhenTerminated().toCompletableFuture().join();
    }
}
