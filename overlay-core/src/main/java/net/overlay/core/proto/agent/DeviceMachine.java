package net.overlay.core.proto.agent;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.overlay.core.proto.identity.ConnectionTicket;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.MalformedStatementException;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.identity.Verdict;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.session.SessionEvent;
import net.overlay.core.proto.session.SessionScratch;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalKind;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.traversal.KeepalivePolicy;
import net.overlay.core.proto.traversal.LifetimeProbe;
import net.overlay.core.proto.traversal.LocalSocket;
import net.overlay.core.proto.traversal.PunchPlanner;
import net.overlay.core.proto.traversal.Puncher;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The device agent's protocol: registers with the rendezvous and keeps its NAT mapping alive,
 * notices when its address changes and registers again, answers only clients whose first handshake
 * message carries a rendezvous-signed ticket for its own key and an owner-signed grant for the
 * service (everyone else gets silence), and punches toward a client once the client says when.
 *
 * <p>Sans-IO, single-threaded. Its host supplies sockets (see {@link AgentConfig#localSockets()}).
 */
public final class DeviceMachine extends AgentMachine {
    private static final long OFFER_MEMORY_NS = 120_000_000_000L;
    /** Between two binding-lifetime tests. */
    private static final long LIFETIME_TEST_PAUSE_NS = 5_000_000_000L;
    /** The rendezvous session's own pings wait this much longer than our keepalive requests. */
    private static final long SESSION_PING_MARGIN_NS = 5_000_000_000L;

    private final DeviceId deviceId;
    private final PeerId owner;
    private final List<String> services;
    private Map<Bytes, OfferSeen> offers = Collections.emptyMap();
    /** Ticket nonces already used, until the ticket expires: a replayed first message gets silence. */
    private Map<Bytes, Long> usedTickets = Collections.emptyMap();
    private Map<Session, Client> clients = Collections.emptyMap();
    private InetSocketAddress observed;
    private final KeepalivePolicy keepalivePolicy;
    private LifetimeProbe lifetimeProbe;
    private long nextLifetimeTestNs = NO_DEADLINE;
    private long keepaliveIntervalNs;
    private long nextKeepaliveNs = NO_DEADLINE;
    private long registerRequest = -1;
    private boolean registered;
    private long rejected;

    private record OfferSeen(Signal.Offer offer, long expiresNs) {}

    private static final class Client {
        final PeerId peer;
        final String service;
        final Bytes staticKey;
        /** The client's last punch attempt we acted on (the client numbers its tries from 1). */
        int lastPunchAttempt;

        Client(PeerId peer, String service, Bytes staticKey) {
            this.peer = peer;
            this.service = service;
            this.staticKey = staticKey;
        }
    }

    public DeviceMachine(AgentConfig config, RandomSource random, DeviceId deviceId, PeerId owner, List<String> services) {
        this(config, random, deviceId, owner, services, null);
    }

    /** With session buffers shared with other machines on the same thread (see {@link SessionScratch}); null for its own. */
    public DeviceMachine(AgentConfig config, RandomSource random, DeviceId deviceId, PeerId owner, List<String> services,
            SessionScratch scratch) {
        super(config, random, scratch);
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.services = List.copyOf(services);
        this.keepalivePolicy = new KeepalivePolicy(config.keepalive());
    }

    public boolean isRegistered() {
        return registered;
    }

    /** First handshake messages we stayed silent to (bad ticket, grant, service, replay). */
    public long rejectedClients() {
        return rejected;
    }

    @Override
    protected Signal.Hello hello() {
        return new Signal.Hello(Signal.PeerRole.DEVICE, config.identity().peerId().key(), deviceId.name(),
                StaticKeyBinding.sign(config.identity()), Bytes.EMPTY);
    }

    @Override
    protected void onRendezvousReady(long nowNs) {
        register(nowNs);
    }

    private void register(long nowNs) {
        registerRequest = nextRequestId();
        request(nowNs, registerRequest, new Signal.Register(registerRequest, ownCandidates(), nat, services));
    }

    @Override
    protected void onRendezvousSignal(long nowNs, Signal signal, boolean isReply) {
        switch (signal) {
            case Signal.Registered r when isReply -> {
                boolean first = !registered;
                registered = true;
                observed = r.observed();
                setKeepaliveInterval(keepalivePolicy.intervalNs());
                nextKeepaliveNs = nowNs + keepaliveIntervalNs;
                if (first && nextLifetimeTestNs == NO_DEADLINE && lifetimeProbe == null) {
                    nextLifetimeTestNs = nowNs + LIFETIME_TEST_PAUSE_NS;
                }
                emit(new AgentEvent.RendezvousReady(r.observed(), nowNs));
            }
            case Signal.KeepaliveAck k when isReply -> {
                if (!k.observed().equals(observed)) {
                    InetSocketAddress before = observed;
                    observed = k.observed();
                    reflexive = k.observed();
                    apply(nowNs, keepalivePolicy.onReflexiveAddressChanged());
                    emit(new AgentEvent.AddressChanged(before, k.observed(), nowNs));
                    register(nowNs);
                }
            }
            case Signal.Offer o -> {
                sendSignal(nowNs, rendezvous, new Signal.OfferAck(o.offerId()));
                offers = LazyMaps.writable(offers);
                offers.put(o.clientStaticKey(), new OfferSeen(o, nowNs + OFFER_MEMORY_NS));
            }
            case Signal.Refused r when isReply -> {
                // Not registered any more (the rendezvous restarted, say): register again.
                registered = false;
                register(nowNs);
            }
            default -> { }
        }
    }

    /** The interval of our keepalive requests; the rendezvous session's own pings stay out of the way. */
    private void setKeepaliveInterval(long intervalNs) {
        keepaliveIntervalNs = intervalNs;
        if (rendezvous != null) {
            rendezvous.setKeepaliveIntervalNs(intervalNs + SESSION_PING_MARGIN_NS);
        }
    }

    private void apply(long nowNs, KeepalivePolicy.Adjustment a) {
        if (a.intervalNs() != keepaliveIntervalNs) {
            setKeepaliveInterval(a.intervalNs());
            nextKeepaliveNs = Math.min(nextKeepaliveNs, nowNs + keepaliveIntervalNs);
            emit(new AgentEvent.KeepaliveAdjusted(a.intervalNs(), a.cause().name(), nowNs));
        }
    }

    @Override
    protected void onRendezvousLost(long nowNs) {
        registered = false;
        apply(nowNs, keepalivePolicy.onKeepaliveUnanswered());
    }

    /** Keepalive interval now in force (25 s until a longer one is proven). */
    public long keepaliveIntervalNs() {
        return keepaliveIntervalNs;
    }

    @Override
    protected void onRoleStun(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (lifetimeProbe != null && lifetimeProbe.accept(nowNs, socket, from, buf, off, len)) {
            serviceLifetimeProbe(nowNs);
        }
    }

    /** RFC 5780 4.6 binding-lifetime tests, one at a time, on sockets 1 and 2. */
    private void serviceLifetimeProbe(long nowNs) {
        if (lifetimeProbe == null && registered && nextLifetimeTestNs <= nowNs) {
            nextLifetimeTestNs = NO_DEADLINE;
            var next = keepalivePolicy.nextLifetimeTestNs();
            if (next.isPresent()) {
                lifetimeProbe = LifetimeProbe.start(nowNs, random, currentRendezvous(),
                        new LocalSocket(1, config.localSockets().get(1)),
                        new LocalSocket(2, config.localSockets().get(2 % config.localSockets().size())),
                        next.getAsLong(), config.discovery());
            }
        }
        if (lifetimeProbe == null) {
            return;
        }
        if (lifetimeProbe.pollTimeoutNs() <= nowNs) {
            lifetimeProbe.handleTimeout(nowNs);
        }
        Transmit t;
        while ((t = lifetimeProbe.pollTransmit()) != null) {
            send(t);
        }
        var result = lifetimeProbe.result();
        if (result.isPresent()) {
            lifetimeProbe = null;
            LifetimeProbe.Result r = result.get();
            if (r.outcome() != LifetimeProbe.Outcome.INCONCLUSIVE) {
                apply(nowNs, keepalivePolicy.onLifetimeResult(r.waitNs(), r.outcome() == LifetimeProbe.Outcome.SURVIVED));
            }
            nextLifetimeTestNs = nowNs + LIFETIME_TEST_PAUSE_NS;
        }
    }

    @Override
    protected void onRoleTimeout(long nowNs) {
        serviceLifetimeProbe(nowNs);
        if (registered && nextKeepaliveNs <= nowNs && rendezvous != null) {
            long id = nextRequestId();
            request(nowNs, id, new Signal.Keepalive(id));
            nextKeepaliveNs = nowNs + keepaliveIntervalNs;
        }
        if (rendezvous == null) {
            registered = false;
            nextKeepaliveNs = NO_DEADLINE;
        }
        offers.values().removeIf(o -> o.expiresNs() <= nowNs);
        offers = LazyMaps.compact(offers);
        long wallMs = config.wallMs(nowNs);
        usedTickets.values().removeIf(expiryMs -> expiryMs <= wallMs);
        usedTickets = LazyMaps.compact(usedTickets);
    }

    @Override
    protected long roleDeadlineNs() {
        if (!registered) {
            return NO_DEADLINE;
        }
        // While a lifetime test runs, the next one waits for it: its start time is no deadline then
        // (counting it would wake us at that instant forever: a livelock the churn scenario found).
        return lifetimeProbe == null ? Math.min(nextKeepaliveNs, nextLifetimeTestNs)
                : Math.min(nextKeepaliveNs, lifetimeProbe.pollTimeoutNs());
    }

    @Override
    protected Authorizer.Decision authorize(long nowNs, Bytes remoteStatic, Bytes payload) {
        Signal s = decodePayload(SignalKind.ACCESS_REQUEST, payload);
        if (!(s instanceof Signal.AccessRequest req)) {
            return reject("not an access request");
        }
        long wallMs = config.wallMs(nowNs);
        ConnectionTicket ticket;
        try {
            ticket = ConnectionTicket.decode(req.ticket().toArray());
        } catch (MalformedStatementException e) {
            return reject("malformed ticket");
        }
        Verdict tv = ticket.verify(config.rendezvousKey(), deviceId, remoteStatic, wallMs);
        if (!tv.isOk() || !ticket.service().equals(req.service())) {
            return reject("ticket " + tv);
        }
        // The owner's signature is what a compromised rendezvous cannot forge.
        Verdict gv = Grant.verify(req.grant().toArray(), owner, deviceId, ticket.client(), req.service(), wallMs);
        if (!gv.isOk()) {
            return reject("grant " + gv);
        }
        if (!services.contains(req.service())) {
            return reject("no such service");
        }
        usedTickets = LazyMaps.writable(usedTickets);
        if (usedTickets.putIfAbsent(ticket.nonce(), ticket.notAfterMs()) != null) {
            return reject("ticket replayed");
        }
        return new Authorizer.Accept(SignalCodec.encode(new Signal.AccessGranted(req.service(), ownCandidates())));
    }

    private Authorizer.Decision reject(String why) {
        rejected++;
        return new Authorizer.Reject(why);
    }

    @Override
    protected void onPeerEvent(long nowNs, Session session, SessionEvent event) {
        switch (event) {
            case SessionEvent.Established e -> {
                Signal s = decodePayload(SignalKind.ACCESS_REQUEST, e.peerPayload());
                if (!(s instanceof Signal.AccessRequest req)) {
                    return;
                }
                PeerId client;
                try {
                    client = ConnectionTicket.decode(req.ticket().toArray()).client();
                } catch (MalformedStatementException impossible) {
                    return; // the authorizer decoded it already
                }
                clients = LazyMaps.writable(clients);
                clients.put(session, new Client(client, req.service(), e.remoteStatic()));
                emit(new AgentEvent.PeerConnected(session, client, req.service(), nowNs));
            }
            case SessionEvent.ControlReceived c when c.kind() == SignalKind.PUNCH_SYNC.code() -> {
                Client client = clients.get(session);
                OfferSeen offer = client == null ? null : offers.get(client.staticKey);
                // The client sends each sync more than once: punch on the first copy of each attempt.
                int attempt = decodePayload(SignalKind.PUNCH_SYNC, c.body()) instanceof Signal.PunchSync sync
                        ? sync.attemptId() : 0;
                if (offer != null && attempt > client.lastPunchAttempt) {
                    client.lastPunchAttempt = attempt;
                    punch(nowNs, session, new Puncher(session, PunchPlanner.plan(nat, offer.offer().nat(),
                            offer.offer().candidates(), config.punch()), config.punch(), random.generator(), attempt));
                }
            }
            case SessionEvent.Closed c -> {
                clients.remove(session);
                clients = LazyMaps.compact(clients);
            }
            default -> { }
        }
    }

    /** Client sessions open now. */
    public int clientSessions() {
        for (Iterator<Session> it = clients.keySet().iterator(); it.hasNext(); ) {
            if (it.next().isClosed()) {
                it.remove();
            }
        }
        clients = LazyMaps.compact(clients);
        return clients.size();
    }
}
