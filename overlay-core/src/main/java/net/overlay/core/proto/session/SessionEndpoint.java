package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.SmallQueue;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.HandshakeState;
import net.overlay.core.proto.noise.NoiseException;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.noise.Role;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.PacketType;
import net.overlay.core.proto.wire.PacketView;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.RandomSource;

/**
 * The sessions of one node, as a parent machine (device agent, client, rendezvous node) embeds
 * them: it demultiplexes datagrams by receiver index, unwraps {@code Relayed} packets (the path
 * then carries the relay token), answers handshake initiations that authenticate and that the
 * {@link Authorizer} accepts (and nothing else: cloaking), hands STUN datagrams (first byte 0-3,
 * RFC 7983) to the parent, drops and counts everything else ({@link #stats()}), and times out dead
 * sessions. It is a {@link DatagramMachine}, so a parent can forward its inputs and drain its
 * outputs in the usual order; events come as {@link SessionUpdate}s.
 *
 * <p>Sans-IO, single-threaded: the host calls one method at a time.
 */
public final class SessionEndpoint implements DatagramMachine<SessionUpdate>, SessionHost {
    private static final long[] NO_COUNTS = new long[0];
    /** Hashed into every handshake (Noise section 6): both ends must run this protocol version. */
    private static final byte[] PROLOGUE = "overlay/v1 session".getBytes(StandardCharsets.US_ASCII);

    /** Receives the STUN datagrams that share the overlay socket. */
    @FunctionalInterface
    public interface StunHandler {
        void onStun(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len);
    }

    private final SessionEndpointConfig config;
    private final NoiseProtocol protocol;
    private final DhKeyPair localStatic;
    private final RandomSource random;
    private final Authorizer authorizer;
    /** Made at the first initiation: initiators (every device's endpoint, most of the time) never need one. */
    private InitiationGuard guard;
    private final SessionTable sessions = new SessionTable();
    private final DeadlineQueue deadlines = new DeadlineQueue();
    /** Sessions whose deadline may have moved since they were last armed (issue #6: no per-poll scan). */
    // Small first, grown on demand: an agent's endpoint holds one or two sessions, and a simulator
    // keeps a million agents (issue #5); a rendezvous node's grow once to its working size.
    private final ArrayList<Session> touched = new ArrayList<>(2);
    private final ArrayList<Session> due = new ArrayList<>(0);
    /** Responder sessions not yet confirmed; the shared empty set while there are none. */
    private Set<Session> halfOpen = Collections.emptySet();
    private final SmallQueue<Transmit> transmits = new SmallQueue<>();
    private final SmallQueue<SessionUpdate> events = new SmallQueue<>();
    private final PacketView view = new PacketView();
    private final SessionScratch scratch;
    /** Datagrams by outcome, indexed by ordinal; grown to the highest outcome seen (most see a few low ones). */
    private long[] outcomes = NO_COUNTS;
    /** Garbage by decoder reason, made at the first. */
    private long[] garbage = NO_COUNTS;
    private StunHandler stunHandler = (nowNs, socket, from, buf, off, len) -> { };
    private Function<Session, SessionPayload> payloadFactory;
    private long sessionsOpened;
    private long sessionsEnded;
    private long handshakesFailed;

    /**
     * @param protocol the Noise protocol every session runs (IK: the initiator knows our key)
     * @param localStatic our static key pair
     * @param random ephemeral keys, indices, challenges
     * @param authorizer decides which authenticated initiators get an answer
     */
    public SessionEndpoint(SessionEndpointConfig config, NoiseProtocol protocol, DhKeyPair localStatic,
            RandomSource random, Authorizer authorizer) {
        this(config, protocol, localStatic, random, authorizer, null);
    }

    /**
     * As above, with the buffers and AEAD engine of {@code scratch}, shared with other endpoints
     * on the same thread (see {@link SessionScratch}); null makes one of its own.
     *
     * @throws IllegalArgumentException when the scratch's send buffer is smaller than the config's datagrams
     */
    public SessionEndpoint(SessionEndpointConfig config, NoiseProtocol protocol, DhKeyPair localStatic,
            RandomSource random, Authorizer authorizer, SessionScratch scratch) {
        this.config = Objects.requireNonNull(config, "config");
        this.protocol = Objects.requireNonNull(protocol, "protocol").withDh(config.dh());
        this.localStatic = Objects.requireNonNull(localStatic, "localStatic");
        this.random = Objects.requireNonNull(random, "random");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        int maxDatagramBytes = config.session().maxDatagramBytes();
        if (scratch != null && !scratch.fits(maxDatagramBytes)) {
            throw new IllegalArgumentException("shared scratch too small for " + maxDatagramBytes + "-byte datagrams");
        }
        this.scratch = scratch != null ? scratch : new SessionScratch(maxDatagramBytes);
        if (!protocol.pattern().name().equals("IK")) {
            throw new IllegalArgumentException("sessions run Noise IK, not " + protocol.pattern().name());
        }
    }

    /** Where STUN datagrams go (by default nowhere). */
    public void setStunHandler(StunHandler handler) {
        this.stunHandler = Objects.requireNonNull(handler, "handler");
    }

    /** Makes the payload of every session this endpoint accepts as responder, before any packet arrives. */
    public void setPayloadFactory(Function<Session, SessionPayload> factory) {
        this.payloadFactory = factory;
    }

    /**
     * Starts a session toward the peer with static key {@code responderStatic}: sends the first
     * handshake message with {@code payload} on {@code path} (a relay path for relay-first).
     */
    public Session connect(long nowNs, Bytes responderStatic, Bytes payload, Path path) {
        if (sessions.size() >= config.maxSessions()) {
            throw new IllegalStateException("endpoint holds " + sessions.size() + " sessions, its maximum");
        }
        byte[] rs = responderStatic.toArray();
        SessionHandshake handshake = SessionHandshake.initiator(config.session(), () -> HandshakeState
                .builder(protocol, Role.INITIATOR).prologue(PROLOGUE).localStatic(localStatic)
                .remoteStatic(rs).random(random).build(), payload);
        Session s = new Session(this, config.session(), random, true, newIndex(), handshake, nowNs);
        register(s);
        s.start(nowNs, path);
        return s;
    }

    private int newIndex() {
        int index;
        do {
            index = random.generator().nextInt();
        } while (index == 0 || sessions.containsKey(index));
        return index;
    }

    private void register(Session s) {
        sessions.put(s.localIndex(), s);
        sessionsOpened++;
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        int o = receive(nowNs, socket, from, buf, off, len).ordinal();
        if (o >= outcomes.length) {
            outcomes = Arrays.copyOf(outcomes, o + 1);
        }
        outcomes[o]++;
    }

    private DatagramOutcome receive(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (len > 0 && (buf[off] & 0xFF) <= 3) {
            stunHandler.onStun(nowNs, socket, from, buf, off, len);
            return DatagramOutcome.STUN;
        }
        long token = Path.DIRECT;
        try {
            view.wrap(buf, off, len);
            if (view.type() == PacketType.RELAYED) {
                token = view.allocationId();
                view.wrap(buf, view.bodyOffset(), view.bodyLength());
            }
        } catch (WireException e) {
            if (garbage.length == 0) {
                garbage = new long[WireException.Reason.values().length];
            }
            garbage[e.reason().ordinal()]++;
            return DatagramOutcome.GARBAGE;
        }
        if (token == Path.DIRECT && off != view.packetOffset()) {
            // A Relayed packet with token 0 would pass for a direct one: no relay hands out 0.
            return DatagramOutcome.GARBAGE;
        }
        Path path = new Path(socket, from, token);
        return switch (view.type()) {
            case HANDSHAKE_INITIATION -> initiation(nowNs, path);
            case HANDSHAKE_RESPONSE -> {
                Session s = sessions.get(view.receiverIndex());
                yield s == null ? DatagramOutcome.UNKNOWN_SESSION
                        : s.handleResponse(nowNs, path, view.senderIndex(), buf, view.bodyOffset(), view.bodyLength());
            }
            case TRANSPORT -> {
                Session s = sessions.get(view.receiverIndex());
                yield s == null ? DatagramOutcome.UNKNOWN_SESSION
                        : s.handleTransport(nowNs, path, buf, view.packetOffset(), view.bodyOffset() + view.bodyLength()
                                - view.packetOffset());
            }
            case COOKIE_REPLY -> DatagramOutcome.COOKIE_IGNORED;
            case RELAYED -> DatagramOutcome.GARBAGE;
        };
    }

    /** A HandshakeInitiation: every check that costs nothing before the one that costs a DH. */
    private DatagramOutcome initiation(long nowNs, Path path) {
        byte[] buf = view.buffer();
        int off = view.bodyOffset();
        int len = view.bodyLength();
        if (guard == null) {
            guard = new InitiationGuard(config);
        }
        if (!guard.allow(nowNs, path.remote())) {
            return DatagramOutcome.INITIATION_RATE_LIMITED;
        }
        if (len < InitiationGuard.EPHEMERAL_BYTES) {
            return DatagramOutcome.INITIATION_UNAUTHENTIC;
        }
        InitiationGuard.Seen seen = guard.lookup(nowNs, buf, off);
        if (seen != null) {
            Session s = sessions.get(seen.localIndex());
            return s != null && s.resendResponse(path, buf, off, len)
                    ? DatagramOutcome.INITIATION_DUPLICATE : DatagramOutcome.INITIATION_REPLAYED;
        }
        if (halfOpen.size() >= config.maxHalfOpen() || sessions.size() >= config.maxSessions()) {
            return DatagramOutcome.INITIATION_OVER_CAPACITY;
        }
        HandshakeState hs = HandshakeState.builder(protocol, Role.RESPONDER).prologue(PROLOGUE)
                .localStatic(localStatic).random(random).build();
        byte[] peerPayload;
        try {
            peerPayload = hs.readMessage(buf, off, len);
        } catch (NoiseException e) {
            return DatagramOutcome.INITIATION_UNAUTHENTIC;
        }
        Bytes remoteStatic = hs.remoteStatic().orElseThrow();
        Bytes payload = Bytes.wrapOwned(peerPayload);
        if (!(authorizer.authorize(nowNs, remoteStatic, payload) instanceof Authorizer.Accept accept)) {
            guard.remember(nowNs, buf, off, 0);
            return DatagramOutcome.INITIATION_UNAUTHORIZED;
        }
        Session s = new Session(this, config.session(), random, false, newIndex(),
                SessionHandshake.responder(config.session(), buf, off, len), nowNs);
        try {
            s.respond(nowNs, path, view.senderIndex(), hs, accept.responsePayload(), payload);
        } catch (NoiseException e) {
            return DatagramOutcome.INITIATION_UNAUTHENTIC;
        }
        register(s);
        if (!(halfOpen instanceof LinkedHashSet)) {
            halfOpen = new LinkedHashSet<>(4);
        }
        halfOpen.add(s);
        guard.remember(nowNs, buf, off, s.localIndex());
        if (payloadFactory != null) {
            s.attach(payloadFactory.apply(s));
        }
        return DatagramOutcome.INITIATION_ACCEPTED;
    }

    /** Runs the timers of the sessions that are due, and only theirs. */
    @Override
    public void handleTimeout(long nowNs) {
        rearmTouched();
        // Taken out first, so that a session still due after its turn runs once per call, as before.
        Session s;
        while ((s = deadlines.pollDue(nowNs)) != null) {
            due.add(s);
        }
        for (int i = 0; i < due.size(); i++) {
            Session d = due.get(i);
            if (!d.isClosed()) {
                // Re-armed afterwards: handleTimeout touches the session.
                d.handleTimeout(nowNs);
            }
        }
        due.clear();
        rearmTouched();
    }

    private void rearmTouched() {
        for (int i = 0; i < touched.size(); i++) {
            Session s = touched.get(i);
            s.timerTouched = false;
            deadlines.schedule(s, s.isClosed() ? NO_DEADLINE : s.pollTimeoutNs());
        }
        touched.clear();
    }

    /** Sends what every session has waiting (after the parent wrote to a session's payload). */
    public void flush(long nowNs) {
        for (Session s : new ArrayList<>(sessions)) {
            s.flush(nowNs);
        }
    }

    @Override
    public Transmit pollTransmit() {
        return transmits.poll();
    }

    @Override
    public SessionUpdate pollEvent() {
        return events.poll();
    }

    /** The earliest session deadline: the touched sessions re-armed, then the queue's top. */
    @Override
    public long pollTimeoutNs() {
        rearmTouched();
        return deadlines.peekNs();
    }

    /** The session with local index {@code localIndex}, or null. */
    public Session session(int localIndex) {
        return sessions.get(localIndex);
    }

    /** Every live session. */
    public Collection<Session> sessions() {
        return Collections.unmodifiableCollection(sessions);
    }

    /** Responder sessions that answered and wait for their first authentic packet. */
    public int halfOpenCount() {
        return halfOpen.size();
    }

    public SessionStats stats() {
        return SessionStats.of(Arrays.copyOf(outcomes, DatagramOutcome.values().length),
                Arrays.copyOf(garbage, WireException.Reason.values().length), sessionsOpened, sessionsEnded, handshakesFailed);
    }

    // --- SessionHost -------------------------------------------------------------------------

    @Override
    public SessionScratch scratch() {
        return scratch;
    }

    @Override
    public void transmit(Transmit transmit) {
        transmits.add(transmit);
    }

    @Override
    public void event(Session session, SessionEvent event) {
        if (event instanceof SessionEvent.HandshakeFailed) {
            handshakesFailed++;
        }
        events.add(new SessionUpdate(session, event));
    }

    /** Closes every session with a Close frame on its active path ({@link Session#close}). */
    public void closeAll(long nowNs, long errorCode, String reason) {
        List<Session> all = new ArrayList<>();
        for (Session s : sessions) {
            all.add(s);
        }
        for (Session s : all) {
            s.close(nowNs, errorCode, reason);
        }
    }

    @Override
    public void touched(Session session) {
        touched.add(session);
    }

    @Override
    public void confirmed(Session session) {
        if (halfOpen.remove(session) && halfOpen.isEmpty()) {
            halfOpen = Collections.emptySet();
        }
    }

    @Override
    public void ended(Session session) {
        if (sessions.remove(session.localIndex(), session)) {
            sessionsEnded++;
        }
        deadlines.remove(session);
        if (halfOpen.remove(session) && halfOpen.isEmpty()) {
            halfOpen = Collections.emptySet();
        }
    }
}
