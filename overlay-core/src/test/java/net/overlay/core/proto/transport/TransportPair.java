package net.overlay.core.proto.transport;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import net.overlay.core.proto.wire.WireException;

/**
 * Two transports joined by two {@link Link}s in virtual time, after quinn's {@code Pair::drive}:
 * each step delivers the packets that are due, fires due timers, lets each side's {@link App}
 * react to events, drains every packet each side wants to send into its link, and jumps to the
 * next deadline. No encryption: packets are plaintext frames with their packet numbers.
 */
final class TransportPair {
    /** The application on one end: reacts to events and to its own wake-ups. */
    interface App {
        void onEvent(Transport transport, TransportEvent event, long nowNs);

        void onTick(Transport transport, long nowNs);

        default long nextWakeNs() {
            return Long.MAX_VALUE;
        }
    }

    private static final int MAX_STEPS_WITHOUT_PROGRESS = 100_000;

    final Transport client;
    final Transport server;
    final Link toServer;
    final Link toClient;
    private final App clientApp;
    private final App serverApp;
    private final byte[] buf = new byte[65_536];
    long nowNs;

    TransportPair(Transport client, App clientApp, Transport server, App serverApp,
                  Impairment impairment, long seed) {
        this.client = client;
        this.server = server;
        this.clientApp = clientApp;
        this.serverApp = serverApp;
        this.toServer = new Link(impairment, seed);
        this.toClient = new Link(impairment, seed * 31 + 7);
    }

    /**
     * Runs until {@code done} holds or virtual time passes {@code untilNs}.
     *
     * @return whether {@code done} held
     */
    boolean drive(long untilNs, BooleanSupplier done) {
        int stepsAtSameTime = 0;
        while (nowNs <= untilNs) {
            clientApp.onTick(client, nowNs);
            serverApp.onTick(server, nowNs);
            flush(client, toServer);
            flush(server, toClient);
            drainEvents(client, clientApp);
            drainEvents(server, serverApp);
            if (done.getAsBoolean()) {
                return true;
            }
            long next = Math.min(Math.min(client.pollTimeoutNs(), server.pollTimeoutNs()),
                    Math.min(toServer.nextDeliveryNs(), toClient.nextDeliveryNs()));
            next = Math.min(next, Math.min(clientApp.nextWakeNs(), serverApp.nextWakeNs()));
            if (next == Long.MAX_VALUE) {
                return done.getAsBoolean();
            }
            if (next <= nowNs) {
                if (++stepsAtSameTime > MAX_STEPS_WITHOUT_PROGRESS) {
                    throw new AssertionError("no progress at " + nowNs + " ns");
                }
            } else {
                stepsAtSameTime = 0;
                nowNs = next;
            }
            deliver(toServer, server);
            deliver(toClient, client);
            if (client.pollTimeoutNs() <= nowNs) {
                client.handleTimeout(nowNs);
            }
            if (server.pollTimeoutNs() <= nowNs) {
                server.handleTimeout(nowNs);
            }
        }
        return done.getAsBoolean();
    }

    private void flush(Transport t, Link link) {
        int len;
        long pn = t.nextPacketNumber();
        while ((len = t.pollPacket(nowNs, pn, buf, 0, buf.length)) > 0) {
            link.send(nowNs, pn, Arrays.copyOf(buf, len));
            pn = t.nextPacketNumber();
        }
    }

    private void deliver(Link link, Transport t) {
        Link.Delivery d;
        while ((d = link.poll(nowNs)) != null) {
            try {
                t.handlePacket(nowNs, d.packetNumber(), d.payload(), 0, d.payload().length);
            } catch (WireException | TransportException e) {
                throw new AssertionError("a well-behaved peer's packet was refused: " + e, e);
            }
        }
    }

    private void drainEvents(Transport t, App app) {
        TransportEvent e;
        while ((e = t.pollEvent()) != null) {
            app.onEvent(t, e, nowNs);
        }
    }
}
