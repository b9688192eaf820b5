package net.overlay.core.proto.agent;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.session.SessionEvent;
import net.overlay.core.proto.session.SessionScratch;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.traversal.PunchPlanner;
import net.overlay.core.proto.traversal.Puncher;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The client's protocol: asks the rendezvous for (device, service), opens a Noise IK session to
 * the device through the relay at once (data flows after one relayed round trip), measures that
 * round trip, tells the device when to punch (libp2p DCUtR's sync) and punches half a round trip
 * later so that both NATs open at about the same moment.
 *
 * <p>Sans-IO, single-threaded. Accepts no sessions from anyone.
 */
public final class ClientMachine extends AgentMachine {
    private record Wanted(String device, String service) {}

    private record Attempt(String device, String service, Signal.Answer answer, long sentAtNs) {}

    private final ArrayDeque<Wanted> queued = new ArrayDeque<>();
    private final Map<Long, Wanted> inFlight = new HashMap<>();
    private final Map<Session, Attempt> attempts = new HashMap<>();
    private final Map<Session, Long> punchAtNs = new HashMap<>();
    /** The attempt number of each session's latest sync, which its puncher carries. */
    private final Map<Session, Integer> punchAttempts = new HashMap<>();
    private final Map<Session, SyncResend> syncResends = new HashMap<>();

    private record SyncResend(Signal.PunchSync sync, long atNs, long everyNs, int left) {}

    /** A later punch attempt on a session left on the relay: when, and the relay path's round trip. */
    private record Repunch(long atNs, long rttNs) {}

    private final Map<Session, Long> rtts = new HashMap<>();
    private final Map<Session, Long> repunchDelays = new HashMap<>();
    private final Map<Session, Repunch> repunches = new HashMap<>();
    private boolean ready;
    private int nextAttemptId = 1;

    public ClientMachine(AgentConfig config, RandomSource random) {
        this(config, random, null);
    }

    /** With session buffers shared with other machines on the same thread (see {@link SessionScratch}); null for its own. */
    public ClientMachine(AgentConfig config, RandomSource random, SessionScratch scratch) {
        super(config, random, scratch);
    }

    /** Asks for a session to {@code service} on {@code device}; answered by events. */
    public void connect(long nowNs, String device, String service) {
        Wanted w = new Wanted(device, service);
        if (ready) {
            send(nowNs, w);
        } else {
            queued.add(w);
        }
        pump(nowNs);
    }

    private void send(long nowNs, Wanted w) {
        long id = nextRequestId();
        byte[] nonce = new byte[16];
        random.nextKeyBytes(nonce);
        inFlight.put(id, w);
        request(nowNs, id, new Signal.Connect(id, w.device(), w.service(), Bytes.wrapOwned(nonce), ownCandidates(), nat));
    }

    @Override
    protected Signal.Hello hello() {
        return new Signal.Hello(Signal.PeerRole.CLIENT, config.identity().peerId().key(), "",
                StaticKeyBinding.sign(config.identity()), Bytes.EMPTY);
    }

    @Override
    protected Authorizer.Decision authorize(long nowNs, Bytes remoteStatic, Bytes payload) {
        return new Authorizer.Reject("clients accept no sessions");
    }

    @Override
    protected void onRendezvousReady(long nowNs) {
        ready = true;
        emit(new AgentEvent.RendezvousReady(reflexive, nowNs));
        while (!queued.isEmpty()) {
            send(nowNs, queued.poll());
        }
    }

    @Override
    protected void onRendezvousSignal(long nowNs, Signal signal, boolean isReply) {
        if (!isReply) {
            return;
        }
        switch (signal) {
            case Signal.Answer a -> {
                Wanted w = inFlight.remove(a.requestId());
                if (w == null) {
                    return;
                }
                Signal.AccessRequest access = new Signal.AccessRequest(w.service(), a.ticket(), a.grant());
                Session s = endpoint.connect(nowNs, a.deviceStaticKey(), SignalCodec.encode(access),
                        Path.relayed(0, a.relay().relay(), a.relay().token()));
                attachPayload(s);
                attempts.put(s, new Attempt(w.device(), w.service(), a, nowNs));
            }
            case Signal.Refused r -> {
                if (inFlight.remove(r.requestId()) != null) {
                    emit(new AgentEvent.ConnectFailed(r.code(), r.message(), nowNs));
                }
            }
            default -> { }
        }
    }

    @Override
    protected void onPeerEvent(long nowNs, Session session, SessionEvent event) {
        Attempt a = attempts.get(session);
        if (a == null) {
            return;
        }
        switch (event) {
            case SessionEvent.Established e -> {
                emit(new AgentEvent.PeerConnected(session, new PeerId(a.answer().devicePeerId()), a.service(), nowNs));
                // The handshake went through the relay: its round trip times the punch (DCUtR).
                long rttNs = nowNs - a.sentAtNs();
                rtts.put(session, rttNs);
                startPunch(nowNs, session, rttNs);
            }
            case SessionEvent.HandshakeFailed f -> {
                attempts.remove(session);
                emit(new AgentEvent.ConnectFailed(null, "device did not answer: " + f.reason(), nowNs));
            }
            case SessionEvent.Closed c -> {
                attempts.remove(session);
                punchAtNs.remove(session);
                punchAttempts.remove(session);
                syncResends.remove(session);
                rtts.remove(session);
                repunchDelays.remove(session);
                repunches.remove(session);
            }
            default -> { }
        }
    }

    /** Tells the device to punch (DCUtR: it acts on the first copy) and punches half a round trip later. */
    private void startPunch(long nowNs, Session session, long rttNs) {
        Signal.PunchSync sync = new Signal.PunchSync(nextAttemptId++);
        punchAttempts.put(session, sync.attemptId());
        sendSignal(nowNs, session, sync);
        // Control frames are not retransmitted: two more copies, a round trip apart, cover a lost one.
        syncResends.put(session, new SyncResend(sync, nowNs + rttNs, rttNs, 2));
        punchAtNs.put(session, nowNs + rttNs / 2);
    }

    @Override
    protected void onPathUpgraded(long nowNs, Session session) {
        if (attempts.containsKey(session)) {
            report(nowNs, true);
        }
    }

    /**
     * Tells the rendezvous how a punch ended, for the service's punch-outcome counters (it cannot
     * see a direct path itself): direct when a session's path turns direct, relayed when a punch
     * ends with the session still on the relay.
     */
    private void report(long nowNs, boolean direct) {
        if (rendezvous != null && !rendezvous.isClosed()) {
            sendSignal(nowNs, rendezvous, new Signal.PunchReport(direct));
        }
    }

    @Override
    protected void onPunchDone(long nowNs, Session session, Puncher puncher) {
        boolean direct = !session.isClosed() && session.activePath().isDirect();
        if (!direct && !puncher.plan().relayOnly()) {
            report(nowNs, false);
        }
        long first = config.punch().repunchDelayNs();
        if (first == 0 || session.isClosed() || session.activePath().isDirect() || puncher.plan().relayOnly()
                || !rtts.containsKey(session)) {
            return;
        }
        // Still on the relay: try again later, each wait twice the last (a NAT's colliding entry
        // expires, or a path that was down comes back), up to the configured longest wait.
        long delay = repunchDelays.getOrDefault(session, first);
        repunchDelays.put(session, Math.min(delay * 2, config.punch().repunchMaxDelayNs()));
        repunches.put(session, new Repunch(nowNs + delay, rtts.get(session)));
    }

    @Override
    protected void onRoleTimeout(long nowNs) {
        repunches.entrySet().removeIf(e -> {
            if (e.getValue().atNs() > nowNs) {
                return false;
            }
            if (!e.getKey().isClosed() && !e.getKey().activePath().isDirect()) {
                startPunch(nowNs, e.getKey(), e.getValue().rttNs());
            }
            return true;
        });
        syncResends.entrySet().removeIf(e -> {
            SyncResend r = e.getValue();
            if (r.atNs() > nowNs) {
                return false;
            }
            if (!e.getKey().isClosed()) {
                sendSignal(nowNs, e.getKey(), r.sync());
            }
            if (r.left() > 1 && !e.getKey().isClosed()) {
                e.setValue(new SyncResend(r.sync(), nowNs + r.everyNs(), r.everyNs(), r.left() - 1));
                return false;
            }
            return true;
        });
        punchAtNs.entrySet().removeIf(e -> {
            if (e.getValue() > nowNs) {
                return false;
            }
            Attempt a = attempts.get(e.getKey());
            if (a != null && !e.getKey().isClosed()) {
                punch(nowNs, e.getKey(), new Puncher(e.getKey(), PunchPlanner.plan(nat, a.answer().nat(),
                        a.answer().candidates(), config.punch()), config.punch(), random.generator(),
                        punchAttempts.getOrDefault(e.getKey(), 0)));
            }
            return true;
        });
    }

    @Override
    protected long roleDeadlineNs() {
        long t = NO_DEADLINE;
        for (long at : punchAtNs.values()) {
            t = Math.min(t, at);
        }
        for (SyncResend r : syncResends.values()) {
            t = Math.min(t, r.atNs());
        }
        for (Repunch r : repunches.values()) {
            t = Math.min(t, r.atNs());
        }
        return t;
    }
}
