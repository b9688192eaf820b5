package net.overlay.core.netsim;

import java.util.Arrays;
import java.util.Objects;
import net.overlay.core.proto.transport.Transport;
import net.overlay.core.proto.transport.TransportEvent;
import net.overlay.core.proto.transport.TransportException;
import net.overlay.core.proto.wire.WireException;

/**
 * Two whole {@link Transport}s joined by two {@link ModelPath}s in virtual time, for experiments
 * with the real transport over modelled links (the lab's {@code video-qos}: a camera behind a
 * trace-driven cellular bottleneck, its viewer behind a fixed delay). quinn's {@code Pair::drive}
 * shape: each step lets both applications act, drains every packet each transport will send now
 * into its path, hands the applications the transports' events, jumps to the earliest deadline
 * (a transport timer, a path event, an application wake-up) and delivers what arrived. No
 * encryption: packets travel as plaintext frames with their packet numbers.
 *
 * <p>Deterministic: no clock, no randomness, a fixed order of work within a step. Single-threaded.
 */
public final class TransportTracePair {
    /** The application on one end; called on the driver's thread. */
    public interface Endpoint {
        /** Called every step, before the transport's packets are drained: queue data here. */
        void onTick(Transport transport, long nowNs);

        void onEvent(Transport transport, TransportEvent event, long nowNs);

        /** When this application next wants {@link #onTick} without any other event; MAX_VALUE: never. */
        default long nextWakeNs() {
            return Long.MAX_VALUE;
        }
    }

    private static final int MAX_STEPS_AT_SAME_TIME = 1_000_000;

    private final Transport a;
    private final Transport b;
    private final Endpoint appA;
    private final Endpoint appB;
    private final ModelPath aToB;
    private final ModelPath bToA;
    private final byte[] buf = new byte[65_536];
    private long nowNs;

    public TransportTracePair(Transport a, Endpoint appA, ModelPath aToB, Transport b, Endpoint appB, ModelPath bToA) {
        this.a = Objects.requireNonNull(a, "a");
        this.b = Objects.requireNonNull(b, "b");
        this.appA = Objects.requireNonNull(appA, "appA");
        this.appB = Objects.requireNonNull(appB, "appB");
        this.aToB = Objects.requireNonNull(aToB, "aToB");
        this.bToA = Objects.requireNonNull(bToA, "bToA");
    }

    public long nowNs() {
        return nowNs;
    }

    /**
     * Runs every step up to and including {@code untilNs}; the next call continues from there.
     *
     * @throws IllegalStateException when a transport refuses a packet of the other (a bug, as
     *     both ends are well-behaved) or the run stops making progress in time
     */
    public void run(long untilNs) {
        int stepsAtSameTime = 0;
        while (true) {
            appA.onTick(a, nowNs);
            appB.onTick(b, nowNs);
            flush(a, aToB);
            flush(b, bToA);
            drainEvents(a, appA);
            drainEvents(b, appB);
            long next = Math.min(Math.min(a.pollTimeoutNs(), b.pollTimeoutNs()),
                    Math.min(aToB.nextEventNs(), bToA.nextEventNs()));
            next = Math.min(next, Math.min(appA.nextWakeNs(), appB.nextWakeNs()));
            if (next > untilNs) {
                // Time moves to the end of the run; the next call takes its first step there.
                nowNs = Math.max(nowNs, untilNs);
                return;
            }
            if (next <= nowNs) {
                if (++stepsAtSameTime > MAX_STEPS_AT_SAME_TIME) {
                    throw new IllegalStateException("no progress at " + nowNs + " ns");
                }
            } else {
                stepsAtSameTime = 0;
                nowNs = next;
            }
            aToB.advance(nowNs);
            bToA.advance(nowNs);
            deliver(aToB, b);
            deliver(bToA, a);
            if (a.pollTimeoutNs() <= nowNs) {
                a.handleTimeout(nowNs);
            }
            if (b.pollTimeoutNs() <= nowNs) {
                b.handleTimeout(nowNs);
            }
        }
    }

    private void flush(Transport t, ModelPath path) {
        int len;
        long pn = t.nextPacketNumber();
        while ((len = t.pollPacket(nowNs, pn, buf, 0, buf.length)) > 0) {
            path.send(nowNs, pn, Arrays.copyOf(buf, len));
            pn = t.nextPacketNumber();
        }
    }

    private void deliver(ModelPath path, Transport t) {
        ModelPath.Delivery d;
        while ((d = path.poll(nowNs)) != null) {
            try {
                t.handlePacket(nowNs, d.packetNumber(), d.payload(), 0, d.payload().length);
            } catch (WireException | TransportException e) {
                throw new IllegalStateException("a well-behaved peer's packet was refused: " + e, e);
            }
        }
    }

    private void drainEvents(Transport t, Endpoint app) {
        TransportEvent e;
        while ((e = t.pollEvent()) != null) {
            app.onEvent(t, e, nowNs);
        }
    }
}
