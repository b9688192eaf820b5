package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.crypto.AeadEngine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.noise.HandshakeResult;
import net.overlay.core.proto.noise.HandshakeState;
import net.overlay.core.proto.noise.NoiseException;
import net.overlay.core.proto.session.SessionEvent.Cause;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.Frame;
import net.overlay.core.proto.wire.FrameCodec;
import net.overlay.core.proto.wire.FrameCursor;
import net.overlay.core.proto.wire.Packet;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.proto.wire.WireConstants;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.RandomSource;

/**
 * One Noise session between two peers, with its paths (docs/session.md). Created and fed by a
 * {@link SessionEndpoint}, which demultiplexes datagrams by receiver index; the parent machine
 * calls the commands here ({@link #probe}, {@link #sendControl}, {@link #attach}, ...) and then
 * drains the endpoint. Transport packets are sealed with the session's one {@link PacketSealer}
 * (packet number = nonce) and opened with its {@link PacketOpener} (anti-replay window); whatever
 * does not authenticate is dropped and counted, never thrown. Not thread-safe: the parent's thread.
 */
public final class Session implements PathManager.Listener, SessionTransmitter.Owner {

    /** Where a session stands. */
    public enum State {
        /** Initiator: the first handshake message is out, waiting for the answer. */
        INITIATING,
        /** Responder: answered, may send, waiting for the initiator's first authentic packet. */
        HALF_OPEN,
        ESTABLISHED,
        CLOSED
    }

    private final SessionHost host;
    private final SessionTuning tuning;
    private long keepaliveIntervalNs;
    private final boolean initiator;
    private final int localIndex;
    private final PathManager paths;
    private final SessionTransmitter out;
    /** Null once the handshake is over: nothing of it is kept for an established session. */
    private SessionHandshake handshake;
    private State state;
    private int remoteIndex;
    private Bytes remoteStatic;
    /** Kept raw (a {@code Bytes} wrapper would cost 24 bytes more a session); copied on the way out. */
    private byte[] handshakeHash;
    /** The receiving direction, once keyed; the sending one lives in the transmitter's sender. */
    private PacketOpener opener;
    private SessionPayload payload;
    private long highestNonProbingPn = -1;
    private long lastAuthenticNs;
    /** Slot in the endpoint's {@link DeadlineQueue}, or -1 when no timer is armed. */
    int queueSlot = -1;
    /** {@link #pollTimeoutNs()} when the endpoint last armed this session (the queue's key may be earlier). */
    long queuedDeadlineNs = Long.MAX_VALUE;
    /** Whether the endpoint must re-arm this session: something may have moved its deadline. */
    boolean timerTouched;

    Session(SessionHost host, SessionTuning tuning, RandomSource random, boolean initiator, int localIndex,
            SessionHandshake handshake, long nowNs) {
        this.host = host;
        this.tuning = tuning;
        this.keepaliveIntervalNs = tuning.keepaliveIntervalNs();
        this.initiator = initiator;
        this.localIndex = localIndex;
        this.handshake = handshake;
        this.paths = new PathManager(tuning, random, this, nowNs);
        this.out = new SessionTransmitter(paths, this, host, tuning.maxDatagramBytes());
        this.lastAuthenticNs = nowNs;
        this.state = initiator ? State.INITIATING : State.HALF_OPEN;
    }

    // --- Handshake ---------------------------------------------------------------------------

    /** Initiator: sends the first message on {@code path}. */
    void start(long nowNs, Path path) {
        touch();
        paths.activate(nowNs, paths.getOrAdd(path, nowNs));
        handshake.sendInitiation(nowNs, host, path, localIndex);
    }

    /**
     * Responder: the first message authenticated and the authorizer accepted; answer on the path
     * it came from and become usable at once (the initiator's first packet confirms us).
     */
    void respond(long nowNs, Path path, int initiatorIndex, HandshakeState hs, Bytes responsePayload,
            Bytes initiatorPayload) throws NoiseException {
        byte[] msg2 = hs.writeMessage(responsePayload.toArray());
        byte[] packet = PacketCodec.encode(new Packet.HandshakeResponse(localIndex, initiatorIndex, Bytes.wrapOwned(msg2)));
        handshake.cacheResponse(path, packet);
        keysFrom(hs.split(), initiatorIndex);
        handshake.halfOpenDeadlineNs(nowNs + tuning.halfOpenTimeoutNs());
        paths.activate(nowNs, paths.getOrAdd(path, nowNs));
        PacketSender.sendEncoded(host, path, packet);
        host.event(this, new SessionEvent.Established(remoteStatic, initiatorPayload, path));
        // Last: a session whose answer failed is never registered, so must never be armed.
        touch();
    }

    /** A duplicate of the first message: the cached answer again, only toward the path it first came on. */
    boolean resendResponse(Path path, byte[] buf, int off, int len) {
        touch();
        return state == State.HALF_OPEN && handshake != null && handshake.resendResponse(host, path, buf, off, len);
    }

    /** Initiator: a HandshakeResponse for our index arrived on {@code path}. */
    DatagramOutcome handleResponse(long nowNs, Path path, int senderIndex, byte[] buf, int off, int len) {
        touch();
        if (state != State.INITIATING) {
            return DatagramOutcome.RESPONSE_UNEXPECTED;
        }
        byte[] peerPayload;
        HandshakeState hs = handshake.state();
        try {
            peerPayload = hs.readMessage(buf, off, len);
        } catch (NoiseException e) {
            // A forged answer kills the Noise state: start over with a new ephemeral key, keeping
            // the retransmission schedule, so that an off-path forger cannot end the handshake.
            handshake.restart(localIndex);
            return DatagramOutcome.RESPONSE_FORGED;
        }
        keysFrom(hs.split(), senderIndex);
        dropHandshake();
        state = State.ESTABLISHED;
        lastAuthenticNs = nowNs;
        PathState ps = paths.getOrAdd(path, nowNs);
        if (ps != null) {
            ps.validated = true;
            ps.lastReceiveNs = nowNs;
            paths.activate(nowNs, ps);
        }
        host.event(this, new SessionEvent.Established(remoteStatic, Bytes.wrapOwned(peerPayload), path));
        // Confirms the keys to the responder at once, with whatever the payload has to send.
        out.requestPing();
        flush(nowNs);
        return DatagramOutcome.RESPONSE_ACCEPTED;
    }

    private void keysFrom(HandshakeResult result, int peerIndex) {
        byte[] send = result.sendKey();
        byte[] receive = result.receiveKey();
        // Keys only: the cipher engine is the endpoint's, shared by every session (SessionScratch).
        AeadEngine engine = host.scratch().engine();
        PacketSealer sealer = new PacketSealer(result.suite(), send, peerIndex, tuning.crypto(), engine);
        opener = new PacketOpener(result.suite(), receive, localIndex, tuning.crypto(), engine);
        Arrays.fill(send, (byte) 0);
        Arrays.fill(receive, (byte) 0);
        remoteIndex = peerIndex;
        remoteStatic = result.remoteStatic().orElseThrow();
        handshakeHash = result.handshakeHash().toArray();
        out.start(sealer);
    }

    private void dropHandshake() {
        if (handshake != null) {
            handshake.done();
            handshake = null;
        }
    }

    // --- Receiving ---------------------------------------------------------------------------

    /** A Transport packet for our index arrived on {@code path}. Never throws for what the peer sent. */
    DatagramOutcome handleTransport(long nowNs, Path path, byte[] buf, int off, int len) {
        if (opener == null || state == State.CLOSED) {
            return DatagramOutcome.TRANSPORT_NO_KEYS;
        }
        // The endpoint's buffer, not one per session: it is free again when this call returns.
        byte[] plaintext = host.scratch().receiveBuffer(len);
        OpenStatus status = opener.open(buf, off, len, plaintext, 0);
        if (status != OpenStatus.ACCEPTED) {
            return DatagramOutcome.of(status);
        }
        touch();
        long pn = opener.lastPacketNumber();
        int n = opener.lastPlaintextBytes();
        lastAuthenticNs = nowNs;
        if (state == State.HALF_OPEN) {
            state = State.ESTABLISHED;
            dropHandshake();
            host.confirmed(this);
        }
        PathState ps = paths.find(path);
        if (ps == null && path.isDirect()) {
            // A relayed path with a token we never learned is not adopted: only the parent and the
            // handshake name relay paths.
            ps = paths.getOrAdd(path, nowNs);
        }
        if (ps != null) {
            ps.lastReceiveNs = nowNs;
        }
        boolean nonProbing;
        try {
            nonProbing = handleFrames(nowNs, path, plaintext, n);
        } catch (WireException e) {
            return DatagramOutcome.TRANSPORT_UNDECODABLE;
        }
        if (state == State.CLOSED) {
            return DatagramOutcome.TRANSPORT_ACCEPTED;
        }
        if (nonProbing && pn > highestNonProbingPn) {
            highestNonProbingPn = pn;
            if (ps != null) {
                paths.onPeerUsing(nowNs, ps);
            }
        }
        if (payload != null) {
            payload.onPacket(nowNs, pn, plaintext, 0, n);
        }
        flush(nowNs);
        return DatagramOutcome.TRANSPORT_ACCEPTED;
    }

    /** The session's own frames; returns whether the packet was non-probing (RFC 9000 9.1). */
    private boolean handleFrames(long nowNs, Path path, byte[] plaintext, int len) throws WireException {
        boolean nonProbing = false;
        FrameCursor cursor = host.scratch().cursor();
        cursor.reset(plaintext, 0, len);
        while (cursor.hasNext()) {
            Frame frame = cursor.next();
            switch (frame) {
                case Frame.PathChallenge c -> out.queueResponse(path, c.data());
                case Frame.PathResponse r -> paths.onResponse(nowNs, path, r.data());
                case Frame.Padding p -> { }
                case Frame.Close c -> {
                    end(Cause.PEER, c.errorCode(), c.reason());
                    return false;
                }
                case Frame.Control c -> {
                    nonProbing = true;
                    host.event(this, new SessionEvent.ControlReceived(c.kind(), c.body()));
                }
                default -> nonProbing = true;
            }
        }
        return nonProbing;
    }

    // --- Commands ----------------------------------------------------------------------------

    /**
     * Overrides the tuning's keepalive interval for this session: a device agent that proved its NAT
     * keeps mappings longer sends fewer packets (its own keepalive requests then do the job).
     */
    public void setKeepaliveIntervalNs(long intervalNs) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("keepalive interval must be positive");
        }
        this.keepaliveIntervalNs = intervalNs;
        touch();
    }

    /** Attaches what fills and consumes the rest of the plaintext (the stream transport). */
    public void attach(SessionPayload sessionPayload) {
        if (payload != null) {
            throw new IllegalStateException("a payload is already attached");
        }
        this.payload = Objects.requireNonNull(sessionPayload, "sessionPayload");
        touch();
    }

    /** Adds (or replaces) the path through a relay; it becomes active if no path is. */
    public void addRelayPath(long nowNs, int socket, InetSocketAddress relayAddress, long relayToken) {
        touch();
        PathState ps = paths.getOrAdd(Path.relayed(socket, relayAddress, relayToken), nowNs);
        if (paths.active() == null || !paths.active().validated) {
            paths.activate(nowNs, ps);
        }
    }

    /** Probes a direct path: PathChallenges every probe interval until it validates or the window ends. */
    public void probe(long nowNs, int socket, InetSocketAddress remote) {
        requireKeys();
        touch();
        PathState ps = paths.getOrAdd(Path.direct(socket, remote), nowNs);
        if (ps != null) {
            paths.startProbing(nowNs, ps);
        }
    }

    /**
     * Sends one sealed Ping to {@code remote} from {@code socket} with IP TTL {@code ttl}: it opens our
     * own NAT toward the peer and dies before the peer's NAT (docs/traversal.md step 6, priming).
     */
    public void prime(long nowNs, int socket, InetSocketAddress remote, int ttl) {
        requireKeys();
        touch();
        out.sendFrame(nowNs, Path.direct(socket, remote), new Frame.Ping(), ttl);
    }

    /** Sends a Control frame in a packet now (queued until the handshake completes); not retransmitted. */
    public void sendControl(long nowNs, long kind, Bytes body) {
        Frame.Control frame = new Frame.Control(kind, body);
        int smallest = tuning.maxDatagramBytes() - WireConstants.RELAYED_HEADER_BYTES
                - SessionConstants.OVERHEAD_BYTES;
        if (FrameCodec.encodedLength(frame) > smallest) {
            throw new IllegalArgumentException("a control frame of " + FrameCodec.encodedLength(frame)
                    + " bytes does not fit one packet of " + smallest);
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("session closed");
        }
        out.queueControl(frame);
        flush(nowNs);
    }

    /** Sends a Close frame on the active path and ends the session. */
    public void close(long nowNs, long errorCode, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        PathState active = paths.active();
        if (opener != null && active != null) {
            out.sendFrame(nowNs, active.path, new Frame.Close(errorCode, reason), Transmit.DEFAULT_TTL);
        }
        end(Cause.LOCAL, errorCode, reason);
    }

    private void requireKeys() {
        if (opener == null || state == State.CLOSED) {
            throw new IllegalStateException("session is " + state + ": no keys to seal with");
        }
    }

    // --- Sending -----------------------------------------------------------------------------

    /**
     * Sends what is waiting: PathResponses on the paths their challenges came from, then packets on
     * the active path with Control frames, a due Ping and the payload's frames, until nothing is left.
     * The parent calls it after writing to the payload; every input ends with it.
     */
    public void flush(long nowNs) {
        if (opener != null && state != State.CLOSED) {
            touch();
            out.flush(nowNs);
        }
    }

    @Override
    public SessionPayload payload() {
        return payload;
    }

    @Override
    public void keyExhausted(String message) {
        end(Cause.KEY_EXHAUSTED, 0, message);
    }

    @Override
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    // --- PathManager.Listener ----------------------------------------------------------------

    @Override
    public void sendChallenge(long nowNs, PathState path, long data) {
        out.sendFrame(nowNs, path.path, new Frame.PathChallenge(data), Transmit.DEFAULT_TTL);
    }

    @Override
    public void validated(long nowNs, PathState path, long rttNs) {
        host.event(this, new SessionEvent.PathValidated(path.path, rttNs));
    }

    @Override
    public void activated(long nowNs, PathState previous, PathState path) {
        if (previous == null) {
            return;
        }
        host.event(this, new SessionEvent.PathActivated(path.path, path.path.isDirect()));
        if (payload != null) {
            Path a = previous.path;
            Path b = path.path;
            // RFC 9000 9.4: a new port on the same address is a rebinding, not a new network path.
            boolean samePath = a.isDirect() && b.isDirect() && a.socket() == b.socket()
                    && a.remote().getAddress().equals(b.remote().getAddress());
            payload.onPathChange(nowNs, !samePath);
        }
    }

    // --- Timers ------------------------------------------------------------------------------

    /** The next deadline of this session, or {@link Long#MAX_VALUE}. */
    long pollTimeoutNs() {
        if (state == State.CLOSED) {
            return Long.MAX_VALUE;
        }
        if (state == State.INITIATING) {
            return handshake.nextRetransmitNs();
        }
        long next = Math.min(halfOpenDeadlineNs(), PathManager.saturatedAdd(lastAuthenticNs, tuning.idleTimeoutNs()));
        next = Math.min(next, paths.nextTimeoutNs());
        PathState active = paths.active();
        if (active != null) {
            next = Math.min(next, PathManager.saturatedAdd(active.lastSendNs, keepaliveIntervalNs));
        }
        PathState relay = paths.relay();
        if (relay != null && relay != active && tuning.relayKeepaliveIntervalNs() > 0) {
            next = Math.min(next, PathManager.saturatedAdd(relay.lastSendNs, tuning.relayKeepaliveIntervalNs()));
        }
        return payload == null ? next : Math.min(next, payload.pollTimeoutNs());
    }

    /** A responder's deadline to hear the initiator, while half open; it lives in the handshake. */
    private long halfOpenDeadlineNs() {
        return state == State.HALF_OPEN && handshake != null ? handshake.halfOpenDeadlineNs() : Long.MAX_VALUE;
    }

    /** Runs whatever is due at {@code nowNs}. */
    void handleTimeout(long nowNs) {
        touch();
        if (state == State.INITIATING) {
            if (!handshake.retransmitIfDue(nowNs, host)) {
                end(null, 0, "no answer after " + tuning.handshakeAttempts() + " initiations");
            }
            return;
        }
        if (state == State.CLOSED) {
            return;
        }
        if (nowNs >= halfOpenDeadlineNs() || nowNs - lastAuthenticNs >= tuning.idleTimeoutNs()) {
            end(Cause.IDLE_TIMEOUT, 0, "idle timeout");
            return;
        }
        if (payload != null && payload.pollTimeoutNs() <= nowNs) {
            payload.handleTimeout(nowNs);
        }
        paths.service(nowNs);
        PathState active = paths.active();
        if (active != null && nowNs - active.lastSendNs >= keepaliveIntervalNs) {
            out.requestPing();
        }
        PathState relay = paths.relay();
        if (relay != null && relay != active && tuning.relayKeepaliveIntervalNs() > 0
                && nowNs - relay.lastSendNs >= tuning.relayKeepaliveIntervalNs()) {
            out.sendFrame(nowNs, relay.path, new Frame.Ping(), Transmit.DEFAULT_TTL);
        }
        flush(nowNs);
    }

    /**
     * Asks the endpoint to re-arm this session's timer. Every input and command that may move a
     * deadline (a packet in or out, a path change, a new setting) calls it: sends go through
     * {@link #flush} or {@link #handleTimeout}, path changes through the commands and the receive
     * path. Idempotent until the endpoint re-arms.
     */
    private void touch() {
        if (!timerTouched) {
            timerTouched = true;
            host.touched(this);
        }
    }

    private void end(Cause cause, long errorCode, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        dropHandshake();
        host.event(this, cause == null
                ? new SessionEvent.HandshakeFailed(reason)
                : new SessionEvent.Closed(cause, errorCode, reason));
        host.ended(this);
    }

    // --- Queries -----------------------------------------------------------------------------

    public State state() {
        return state;
    }

    public boolean isInitiator() {
        return initiator;
    }

    /** Our index: the receiver index of every packet the peer sends us. */
    public int localIndex() {
        return localIndex;
    }

    /** The peer's index, once the handshake has told it (0 before). */
    public int remoteIndex() {
        return remoteIndex;
    }

    /** The peer's static key, authenticated by the handshake; empty before it completes. */
    public Optional<Bytes> remoteStatic() {
        return Optional.ofNullable(remoteStatic);
    }

    /** The Noise handshake hash (channel binding); empty before the handshake completes. */
    public Optional<Bytes> handshakeHash() {
        return handshakeHash == null ? Optional.empty() : Optional.of(Bytes.of(handshakeHash));
    }

    /** The path packets go out on, or null. */
    public Path activePath() {
        PathState active = paths.active();
        return active == null ? null : active.path;
    }

    /** Every path the session knows, relay last. */
    public List<Path> knownPaths() {
        List<Path> out = new ArrayList<>();
        for (PathState ps : paths.all()) {
            out.add(ps.path);
        }
        return out;
    }

    /** Whether {@code path} is known and validated. */
    public boolean isValidated(Path path) {
        PathState ps = paths.find(path);
        return ps != null && ps.validated;
    }

    /** Packets sealed so far (the next packet number). */
    public long packetsSent() {
        return out.nextPacketNumber();
    }

    /** How many Transport packets for this session ended with {@code status}. */
    public long count(OpenStatus status) {
        return opener == null ? 0 : opener.count(status);
    }

    @Override
    public String toString() {
        return "Session[" + (initiator ? "initiator" : "responder") + ", index " + Integer.toUnsignedString(localIndex, 16)
                + ", " + state + ", active " + activePath() + "]";
    }
}
