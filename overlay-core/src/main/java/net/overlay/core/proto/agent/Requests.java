package net.overlay.core.proto.agent;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;

/**
 * Requests to the rendezvous that wait for their answer: each is resent with exponential backoff
 * until a reply with its request id arrives or the attempts run out. Control frames are not
 * reliable by themselves (the rendezvous keeps no stream state per peer), and the rendezvous
 * handles a repeated request idempotently.
 */
final class Requests {
    private record Pending(Signal request, long nextSendNs, long backoffNs, int sent) {}

    private final long firstRetryNs;
    private final int attempts;
    private Map<Long, Pending> pending = Collections.emptyMap();
    private boolean gaveUp;

    Requests(long firstRetryNs, int attempts) {
        this.firstRetryNs = firstRetryNs;
        this.attempts = attempts;
    }

    /** Sends {@code request} now on {@code session} and keeps it until answered. */
    void send(long nowNs, Session session, long requestId, Signal request) {
        transmit(nowNs, session, request);
        pending = LazyMaps.writable(pending);
        pending.put(requestId, new Pending(request, nowNs + firstRetryNs, firstRetryNs * 2, 1));
    }

    /** Whether {@code reply} answers a pending request (which is then forgotten). */
    boolean answered(Signal reply) {
        OptionalLong id = requestIdOf(reply);
        boolean answered = id.isPresent() && pending.remove(id.getAsLong()) != null;
        pending = LazyMaps.compact(pending);
        return answered;
    }

    /** Resends what is due; a request out of attempts marks the rendezvous as lost. */
    void handleTimeout(long nowNs, Session session) {
        for (Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Pending> e = it.next();
            Pending p = e.getValue();
            if (p.nextSendNs() > nowNs) {
                continue;
            }
            if (p.sent() >= attempts) {
                it.remove();
                gaveUp = true;
                continue;
            }
            transmit(nowNs, session, p.request());
            e.setValue(new Pending(p.request(), nowNs + p.backoffNs(), p.backoffNs() * 2, p.sent() + 1));
        }
        pending = LazyMaps.compact(pending);
    }

    /** True once, after a request ran out of attempts. */
    boolean takeGaveUp() {
        boolean g = gaveUp;
        gaveUp = false;
        return g;
    }

    void clear() {
        pending = Collections.emptyMap();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    long pollTimeoutNs() {
        if (pending.isEmpty()) {
            // Asked after every input: an empty map's table still costs a walk of its buckets.
            return DatagramMachine.NO_DEADLINE;
        }
        long t = DatagramMachine.NO_DEADLINE;
        for (Pending p : pending.values()) {
            t = Math.min(t, p.nextSendNs());
        }
        return t;
    }

    private static void transmit(long nowNs, Session session, Signal s) {
        if (session != null && !session.isClosed()) {
            session.sendControl(nowNs, s.kind().code(), SignalCodec.encode(s));
        }
    }

    static OptionalLong requestIdOf(Signal s) {
        return switch (s) {
            case Signal.Registered r -> OptionalLong.of(r.requestId());
            case Signal.KeepaliveAck k -> OptionalLong.of(k.requestId());
            case Signal.Answer a -> OptionalLong.of(a.requestId());
            case Signal.Refused r -> OptionalLong.of(r.requestId());
            default -> OptionalLong.empty();
        };
    }
}
