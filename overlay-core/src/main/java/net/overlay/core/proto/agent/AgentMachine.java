package net.overlay.core.proto.agent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.SmallQueue;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Path;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEvent;
import net.overlay.core.proto.session.SessionPayload;
import net.overlay.core.proto.session.SessionScratch;
import net.overlay.core.proto.session.SessionUpdate;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.NatSummary;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalException;
import net.overlay.core.proto.signal.SignalKind;
import net.overlay.core.proto.traversal.LocalSocket;
import net.overlay.core.proto.traversal.NatBehavior;
import net.overlay.core.proto.traversal.NatDiscovery;
import net.overlay.core.proto.traversal.PortAllocation;
import net.overlay.core.proto.traversal.Puncher;
import net.overlay.core.proto.traversal.Verdict;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * What device agents and clients share: NAT discovery against the rendezvous (RFC 5780), a Noise
 * session to it with retransmitted requests, sessions with peers on the same socket, and the
 * punchers that upgrade those sessions to direct paths. Sans-IO: a {@link DatagramMachine} whose host
 * (a real driver, the simulator, the in-memory network) delivers datagrams and time.
 *
 * <p>Call {@link #start(long)} once; then feed datagrams and timeouts. Not thread-safe.
 */
public abstract sealed class AgentMachine implements DatagramMachine<AgentEvent> permits DeviceMachine, ClientMachine {
    /** Sessions run Noise IK with AES-GCM and BLAKE2s (WireGuard's hash; AES-GCM is 4x faster here). */
    static final NoiseProtocol PROTOCOL = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);
    private static final long RECONNECT_DELAY_NS = 1_000_000_000L;

    protected final AgentConfig config;
    protected final RandomSource random;
    protected final SessionEndpoint endpoint;
    protected final Requests requests;
    // Small first: they hold a few items between two polls, and a simulator keeps a million (issue #5).
    private final SmallQueue<Transmit> out = new SmallQueue<>();
    private final SmallQueue<AgentEvent> events = new SmallQueue<>();
    private Map<Session, Puncher> punchers = Collections.emptyMap();
    private final java.util.Set<Session> retiredRendezvous = new java.util.HashSet<>();
    private NatDiscovery discovery;
    protected NatSummary nat = NatSummary.unknown();
    protected InetSocketAddress reflexive;
    /** With sequential allocation: the port our NAT will give the next new destination, or 0. */
    private int nextPort;
    protected Session rendezvous;
    private long reconnectAtNs = NO_DEADLINE;
    /** Index into {@link AgentConfig#rendezvousNodes()} of the node we use now. */
    private int rendezvousIndex;
    private Function<Session, SessionPayload> payloadFactory;
    private long nextRequestId;
    private long discardedSignals;
    /** After {@link #shutdown}: inputs are ignored, no deadline. */
    private boolean stopped;

    /** @param scratch session buffers shared with other machines on this thread, or null for its own (SessionScratch) */
    protected AgentMachine(AgentConfig config, RandomSource random, SessionScratch scratch) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.endpoint = new SessionEndpoint(config.sessions(), PROTOCOL,
                config.identity().staticKeyPair(), random, this::authorize, scratch);
        this.endpoint.setStunHandler(this::onStun);
        this.requests = new Requests(config.requestRetryNs(), config.requestAttempts());
        this.nextRequestId = 1 + (random.generator().nextLong() >>> 2);
    }

    /** Attaches a payload (the stream transport, or a test's datagram channel) to every peer session. */
    public void setPayloadFactory(Function<Session, SessionPayload> factory) {
        this.payloadFactory = factory;
        endpoint.setPayloadFactory(factory);
    }

    /** Gives a session we started toward a peer its payload, as the endpoint does for sessions it accepts. */
    protected void attachPayload(Session session) {
        if (payloadFactory != null) {
            session.attach(payloadFactory.apply(session));
        }
    }

    /**
     * Sends what the application queued on sessions since the last input (data written to a
     * session's payload goes out at the next flush; hosts call this after application commands).
     */
    public void flush(long nowNs) {
        pump(nowNs);
    }

    /** Begins: discovers the NAT, then connects to the rendezvous. */
    public void start(long nowNs) {
        List<LocalSocket> sockets = new ArrayList<>();
        for (int i = 0; i < config.localSockets().size(); i++) {
            sockets.add(new LocalSocket(i, config.localSockets().get(i)));
        }
        discovery = NatDiscovery.start(nowNs, random, config.rendezvous(), sockets, config.discovery());
        pump(nowNs);
    }

    public NatSummary nat() {
        return nat;
    }

    /** Datagrams of signals that could not be decoded or came out of turn. */
    public long discardedSignals() {
        return discardedSignals;
    }

    // --- role hooks ---------------------------------------------------------------------------

    /** The payload of our first handshake message to the rendezvous. */
    protected abstract Signal.Hello hello();

    /** Whether an initiator with this key and payload gets an answer (devices); clients accept nobody. */
    protected abstract Authorizer.Decision authorize(long nowNs, Bytes remoteStatic, Bytes payload);

    /** The rendezvous session is up. */
    protected abstract void onRendezvousReady(long nowNs);

    /** A reply to one of our requests, or a signal the rendezvous sent by itself. */
    protected abstract void onRendezvousSignal(long nowNs, Signal signal, boolean isReply);

    /** An event of a session with a peer that the base did not handle. */
    protected abstract void onPeerEvent(long nowNs, Session session, SessionEvent event);

    /** The rendezvous session was lost; the base reconnects by itself shortly. */
    protected void onRendezvousLost(long nowNs) {
    }

    /** Role timers (keepalives). */
    protected void onRoleTimeout(long nowNs) {
    }

    protected long roleDeadlineNs() {
        return NO_DEADLINE;
    }

    // --- services for the roles -----------------------------------------------------------------

    /**
     * Where peers may find us: our primary socket's own address, the address the rendezvous sees,
     * and with a sequential NAT the port it will hand out next (the first new destination after
     * discovery is the punch).
     */
    protected List<Candidate> ownCandidates() {
        List<Candidate> cs = new ArrayList<>();
        InetSocketAddress local = config.localSockets().getFirst();
        cs.add(new Candidate(Candidate.Type.HOST, local));
        if (reflexive != null && !reflexive.equals(local)) {
            cs.add(new Candidate(
                    Candidate.Type.SERVER_REFLEXIVE, reflexive));
            if (nextPort > 0 && nextPort <= 65535) {
                cs.add(new Candidate(Candidate.Type.PREDICTED,
                        new InetSocketAddress(reflexive.getAddress(), nextPort)));
            }
        }
        return cs;
    }

    protected long nextRequestId() {
        return nextRequestId++;
    }

    protected void request(long nowNs, long requestId, Signal signal) {
        requests.send(nowNs, rendezvous, requestId, signal);
    }

    protected void emit(AgentEvent e) {
        events.add(e);
    }

    protected void sendSignal(long nowNs, Session session, Signal s) {
        session.sendControl(nowNs, s.kind().code(), SignalCodec.encode(s));
    }

    /**
     * A puncher on {@code session} has finished, with a direct path or not. The client uses this to
     * try again later when the session is still on the relay.
     */
    protected void onPunchDone(long nowNs, Session session, Puncher puncher) {
    }

    /** A peer session's active path became a direct one. */
    protected void onPathUpgraded(long nowNs, Session session) {
    }

    /** Starts a puncher on {@code session} now. */
    protected void punch(long nowNs, Session session, Puncher puncher) {
        punchers = LazyMaps.writable(punchers);
        Puncher old = punchers.put(session, puncher);
        if (old != null) {
            old.stop();
        }
        emit(new AgentEvent.PunchStarted(session, puncher.plan(), nowNs));
        puncher.start(nowNs);
    }

    // --- DatagramMachine ------------------------------------------------------------------------

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (stopped) {
            return;
        }
        endpoint.handleDatagram(nowNs, socket, from, buf, off, len);
        pump(nowNs);
    }

    /**
     * A clean exit: every session (peers and the rendezvous) gets a Close frame and ends, so that a
     * peer stops keeping its paths alive at once instead of probing for an idle timeout, and the
     * rendezvous forgets us. The Close datagrams are the last outputs; afterwards the machine
     * ignores its inputs and has no deadline.
     */
    public void shutdown(long nowNs) {
        if (stopped) {
            return;
        }
        endpoint.closeAll(nowNs, 0, "shutdown");
        takeEndpointTransmits(nowNs);
        while (endpoint.pollEvent() != null) {
            // the sessions' ends: nothing to react to any more
        }
        stopped = true;
    }

    private void onStun(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (discovery != null && discovery.accept(nowNs, socket, from, buf, off, len)) {
            return;
        }
        onRoleStun(nowNs, socket, from, buf, off, len);
    }

    /** A STUN datagram that discovery did not claim (a role's own STUN tests). */
    protected void onRoleStun(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
    }

    /** Queues a datagram a role's own machinery produced (STUN tests). */
    protected void send(Transmit t) {
        out.add(t);
    }

    @Override
    public void handleTimeout(long nowNs) {
        if (stopped) {
            return;
        }
        if (discovery != null) {
            discovery.handleTimeout(nowNs);
        }
        endpoint.handleTimeout(nowNs);
        requests.handleTimeout(nowNs, rendezvous);
        if (requests.takeGaveUp()) {
            rendezvousLost(nowNs, "no answer from the rendezvous");
        }
        for (Puncher p : punchers.values()) {
            if (p.pollTimeoutNs() <= nowNs) {
                p.handleTimeout(nowNs);
            }
        }
        for (var it = punchers.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isDone()) {
                it.remove();
                onPunchDone(nowNs, e.getKey(), e.getValue());
            }
        }
        punchers = LazyMaps.compact(punchers);
        if (reconnectAtNs <= nowNs) {
            reconnectAtNs = NO_DEADLINE;
            connectRendezvous(nowNs);
        }
        onRoleTimeout(nowNs);
        pump(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public AgentEvent pollEvent() {
        return events.poll();
    }

    @Override
    public long pollTimeoutNs() {
        if (stopped) {
            return NO_DEADLINE;
        }
        long t = Math.min(endpoint.pollTimeoutNs(), requests.pollTimeoutNs());
        if (discovery != null && !discovery.isDone()) {
            t = Math.min(t, discovery.pollTimeoutNs());
        }
        for (Puncher p : punchers.values()) {
            t = Math.min(t, p.pollTimeoutNs());
        }
        return Math.min(Math.min(t, reconnectAtNs), roleDeadlineNs());
    }

    /** Moves everything the parts produced into our outputs, and reacts to their events. */
    protected void pump(long nowNs) {
        for (int guard = 0; guard < 64; guard++) {
            boolean progress = false;
            if (discovery != null) {
                Transmit t;
                while ((t = discovery.pollTransmit()) != null) {
                    out.add(t);
                    progress = true;
                }
                if (discovery.isDone() && rendezvous == null && reconnectAtNs == NO_DEADLINE) {
                    NatBehavior found = discovery.result().orElseThrow();
                    // Finished discovery answers nothing more (accept() is false, no timers, its
                    // transmits were drained above) but holds its probes and their addresses:
                    // kilobytes a device, which the simulator multiplies by a million (issue #5).
                    discovery = null;
                    onDiscovered(nowNs, found);
                    progress = true;
                }
            }
            progress |= takeEndpointTransmits(nowNs);
            SessionUpdate u;
            while ((u = endpoint.pollEvent()) != null) {
                onSessionUpdate(nowNs, u);
                progress = true;
            }
            if (!progress) {
                return;
            }
        }
    }

    /** Flushes the sessions and moves their datagrams to our outputs; whether there were any. */
    private boolean takeEndpointTransmits(long nowNs) {
        endpoint.flush(nowNs);
        boolean any = false;
        Transmit t;
        while ((t = endpoint.pollTransmit()) != null) {
            out.add(t);
            any = true;
        }
        return any;
    }

    private void onDiscovered(long nowNs, NatBehavior b) {
        nat = summarize(b);
        reflexive = b.reflexiveAddress().orElse(null);
        nextPort = nat.allocation() == PortAllocation.SEQUENTIAL && b.lastMappedPort() > 0
                ? b.lastMappedPort() + nat.portStep() : 0;
        emit(new AgentEvent.NatDiscovered(nat, reflexive, nowNs));
        connectRendezvous(nowNs);
    }

    static NatSummary summarize(NatBehavior b) {
        if (b.natAbsent()) {
            return NatSummary.open();
        }
        int step = b.portStep() > 0 ? b.portStep() : 1;
        return new NatSummary(true, decided(b.mapping()), decided(b.filtering()), decided(b.allocation()), step);
    }

    private static <T> T decided(Verdict<T> v) {
        return v instanceof Verdict.Decided<T> d ? d.value() : null;
    }

    /** The rendezvous node this agent uses now (the primary until one is lost). */
    public java.net.InetSocketAddress currentRendezvous() {
        return config.rendezvousNodes().get(rendezvousIndex);
    }

    private void connectRendezvous(long nowNs) {
        Signal.Hello h = hello();
        rendezvous = endpoint.connect(nowNs, config.rendezvousStaticKey(), SignalCodec.encode(h),
                Path.direct(0, currentRendezvous()));
    }

    private void rendezvousLost(long nowNs, String reason) {
        if (rendezvous == null) {
            return;
        }
        Session s = rendezvous;
        rendezvous = null;
        requests.clear();
        if (!s.isClosed()) {
            // Its Closed event comes later: it must not pass for a peer session's end.
            retiredRendezvous.add(s);
            s.close(nowNs, 0, reason);
        }
        emit(new AgentEvent.RendezvousLost(reason, nowNs));
        // Another node of the cluster next, if we know several (DESIGN.md: re-register within two
        // keepalive intervals of a node failure); with one, the same node again. The pause spares a
        // node that just failed a reconnect storm; a fallback node was not failing, so we go there at
        // once, and pause only when the list wraps around (every node tried: no hot loop).
        rendezvousIndex = (rendezvousIndex + 1) % config.rendezvousNodes().size();
        reconnectAtNs = rendezvousIndex == 0 ? nowNs + RECONNECT_DELAY_NS : nowNs;
        onRendezvousLost(nowNs);
    }

    private void onSessionUpdate(long nowNs, SessionUpdate u) {
        Session s = u.session();
        if (retiredRendezvous.contains(s)) {
            if (u.event() instanceof SessionEvent.Closed) {
                retiredRendezvous.remove(s);
            }
            return;
        }
        if (s == rendezvous) {
            switch (u.event()) {
                case SessionEvent.Established e -> onRendezvousReady(nowNs);
                case SessionEvent.ControlReceived c -> {
                    Signal sig = decode(c.kind(), c.body());
                    if (sig != null) {
                        onRendezvousSignal(nowNs, sig, requests.answered(sig));
                    }
                }
                case SessionEvent.HandshakeFailed f -> rendezvousLost(nowNs, "handshake failed: " + f.reason());
                case SessionEvent.Closed c -> rendezvousLost(nowNs, "session closed: " + c.cause());
                default -> { }
            }
            return;
        }
        switch (u.event()) {
            case SessionEvent.PathActivated a when a.direct() -> {
                Puncher p = punchers.remove(s);
                punchers = LazyMaps.compact(punchers);
                if (p != null) {
                    p.stop();
                }
                // A non-probing packet on the new path tells the peer we use it (RFC 9000 9.3): it follows
                // even if its own probes never got through (an open host, or the easy side of a birthday).
                s.prime(nowNs, a.path().socket(), a.path().remote(), Transmit.DEFAULT_TTL);
                emit(new AgentEvent.PathUpgraded(s, a.path(), nowNs));
                onPathUpgraded(nowNs, s);
            }
            case SessionEvent.PathActivated a -> emit(new AgentEvent.FellBackToRelay(s, nowNs));
            case SessionEvent.ControlReceived c when c.kind() == SignalKind.BIRTHDAY_READY.code() -> {
                // The hard side of a birthday punch has its mappings open: our guesses may go now.
                Puncher p = punchers.get(s);
                if (p != null && decode(c.kind(), c.body()) instanceof Signal.BirthdayReady r) {
                    p.peerReady(nowNs, r.attemptId());
                }
            }
            case SessionEvent.Closed c -> {
                Puncher p = punchers.remove(s);
                punchers = LazyMaps.compact(punchers);
                if (p != null) {
                    p.stop();
                }
                emit(new AgentEvent.PeerClosed(s, c.cause() + " " + c.reason(), nowNs));
                onPeerEvent(nowNs, s, c);
            }
            default -> onPeerEvent(nowNs, s, u.event());
        }
    }

    protected Signal decode(long kind, Bytes body) {
        try {
            return SignalCodec.decode(kind, body);
        } catch (SignalException e) {
            discardedSignals++;
            return null;
        }
    }

    /** Decodes a handshake payload of a known kind, or null. */
    protected Signal decodePayload(SignalKind kind, Bytes body) {
        return decode(kind.code(), body);
    }
}
