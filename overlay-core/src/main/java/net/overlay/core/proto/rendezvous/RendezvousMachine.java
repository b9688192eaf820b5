package net.overlay.core.proto.rendezvous;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.relay.AllocateResult;
import net.overlay.core.proto.relay.Relay;
import net.overlay.core.proto.relay.RelayConfig;
import net.overlay.core.proto.relay.Verdict;
import net.overlay.core.proto.rendezvous.RelayAllocator.RelayPair;
import net.overlay.core.proto.session.Authorizer;
import net.overlay.core.proto.session.Session;
import net.overlay.core.proto.session.SessionEndpoint;
import net.overlay.core.proto.session.SessionEndpointConfig;
import net.overlay.core.proto.session.SessionEvent;
import net.overlay.core.proto.session.SessionUpdate;
import net.overlay.core.proto.signal.RelayGrant;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.signal.SignalException;
import net.overlay.core.proto.signal.SignalKind;
import net.overlay.core.proto.stun.BindingReply;
import net.overlay.core.proto.stun.BindingResponder;
import net.overlay.core.proto.stun.BindingResponderConfig;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.proto.wire.PacketType;
import net.overlay.core.proto.wire.WireConstants;
import net.overlay.core.spi.RandomSource;

/**
 * One rendezvous node's protocol on its sockets: STUN with RFC 5780 behaviour discovery (socket 0 =
 * IP1:P1, 1 = IP1:P2, 2 = IP2:P1, 3 = IP2:P2), Noise sessions with devices and clients carrying
 * the signalling, the {@link Broker}, and the relay core forwarding {@code Relayed} packets on the
 * same sockets. Everything arriving on a socket is sorted by its first bytes: STUN (RFC 7983),
 * relayed packets, session packets; anything else is dropped and counted by the part that owns it.
 *
 * <p>Sans-IO, single-threaded. The cluster node (issue #6) and the simulator host it.
 */
public final class RendezvousMachine implements DatagramMachine<RendezvousMachine.Event> {
    /** What a node reports. */
    public sealed interface Event {
        record PeerAdmitted(PeerId peer, Signal.PeerRole role, long atNs) implements Event {}

        record PeerRefused(String reason, long atNs) implements Event {}

        /** A cluster routing output of the broker (only once routing is on; see {@link Routing}). */
        record Routed(Routing routing) implements Event {}
    }

    /**
     * @param sockets the node's socket addresses: one (STUN without behaviour discovery) or four
     * @param epochMsAtZeroNs wall-clock milliseconds at {@code nowNs == 0}
     * @param relayRole whether this node relays: without it, relayed packets are dropped and connects
     *     for devices registered here are refused as {@code RELAY_UNAVAILABLE}
     */
    public record Config(List<InetSocketAddress> sockets, long epochMsAtZeroNs, BrokerConfig broker,
            RelayConfig relay, SessionEndpointConfig sessions, long relayLifetimeMs, boolean relayRole) {

        /** A node with the relay role. */
        public Config(List<InetSocketAddress> sockets, long epochMsAtZeroNs, BrokerConfig broker,
                RelayConfig relay, SessionEndpointConfig sessions, long relayLifetimeMs) {
            this(sockets, epochMsAtZeroNs, broker, relay, sessions, relayLifetimeMs, true);
        }

        public Config {
            sockets = List.copyOf(sockets);
            if (sockets.size() != 1 && sockets.size() != 4) {
                throw new IllegalArgumentException("a rendezvous binds 1 or 4 sockets, got " + sockets.size());
            }
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(sessions, "sessions");
        }

        public static Config of(List<InetSocketAddress> sockets, long epochMsAtZeroNs) {
            return new Config(sockets, epochMsAtZeroNs, BrokerConfig.DEFAULT, RelayConfig.defaults(),
                    SessionEndpointConfig.DEFAULT, 3_600_000L);
        }
    }

    static final NoiseProtocol PROTOCOL = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);

    private final Config config;
    private final SessionEndpoint endpoint;
    private final BindingResponder stun;
    private final Broker broker;
    private final Relay relay;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long malformedSignals;
    private long unansweredStun;

    public RendezvousMachine(Config config, Identity identity, Directory directory, RandomSource random) {
        this.config = Objects.requireNonNull(config, "config");
        List<InetSocketAddress> s = config.sockets();
        this.stun = new BindingResponder(s.size() == 4
                ? BindingResponderConfig.withAlternate(s.get(0), s.get(3), "overlay")
                : BindingResponderConfig.single(s.get(0), "overlay"));
        this.relay = new Relay(config.relay(), random);
        this.broker = new Broker(config.broker(), identity, directory, this::allocate, random);
        this.endpoint = new SessionEndpoint(config.sessions(), PROTOCOL,
                identity.staticKeyPair(), random, this::authorize);
        this.endpoint.setStunHandler(this::onStun);
    }

    public Broker broker() {
        return broker;
    }

    /**
     * Cluster inputs (the host calls them on the machine's thread; each then flushes what the broker
     * produced, e.g. the offer to the device or the answer to the client): see {@link Routing}.
     */
    public Signal remoteConnect(long nowNs, Routing.RemoteConnect request) {
        Signal reply = broker.onRemoteConnect(nowNs, wallMs(nowNs), request);
        pump(nowNs);
        return reply;
    }

    /** The home node's answer to a connect this node forwarded. */
    public void remoteAnswer(long nowNs, long forwardId, Signal reply) {
        broker.onRemoteAnswer(nowNs, forwardId, reply);
        pump(nowNs);
    }

    /** No node has the device of a connect this node forwarded. */
    public void remoteMiss(long nowNs, long forwardId) {
        broker.onRemoteMiss(nowNs, forwardId);
        pump(nowNs);
    }

    /** The device registered with another node since: forget its registration here. */
    public boolean deviceMoved(long nowNs, net.overlay.core.proto.identity.DeviceId device) {
        boolean dropped = broker.dropRegistration(device);
        pump(nowNs);
        return dropped;
    }

    public Relay relay() {
        return relay;
    }

    public SessionEndpoint endpoint() {
        return endpoint;
    }

    public long malformedSignals() {
        return malformedSignals;
    }

    /** STUN datagrams dropped unanswered (undecodable, not a request, bad fingerprint: RFC 8489 6.3). */
    public long unansweredStun() {
        return unansweredStun;
    }

    private Authorizer.Decision authorize(long nowNs, Bytes remoteStatic, Bytes payload) {
        Signal.Hello hello = decodeHello(payload);
        if (hello == null || !StaticKeyBinding.verify(new PeerId(hello.peerId()), remoteStatic, hello.staticKeySignature())) {
            events.add(new Event.PeerRefused("bad hello", nowNs));
            return new Authorizer.Reject("bad hello");
        }
        return new Authorizer.Accept(Bytes.EMPTY);
    }

    private Signal.Hello decodeHello(Bytes payload) {
        try {
            return SignalCodec.decode(SignalKind.HELLO.code(), payload) instanceof Signal.Hello h ? h : null;
        } catch (SignalException e) {
            malformedSignals++;
            return null;
        }
    }

    private Optional<RelayPair> allocate(long nowNs, PeerId client, InetSocketAddress clientAt,
            net.overlay.core.proto.identity.DeviceId device, InetSocketAddress deviceAt) {
        if (!config.relayRole() || !(relay.allocate(nowNs) instanceof AllocateResult.Allocated a)) {
            return Optional.empty();
        }
        // Both sides reach us on socket 0 (their sessions do): that is where the relay sends from. A
        // client whose session is with another node (a forwarded connect) is learnt from its first packet.
        if (clientAt != null) {
            relay.vouch(nowNs, a.clientToken(), 0, clientAt);
        }
        relay.vouch(nowNs, a.deviceToken(), 0, deviceAt);
        InetSocketAddress at = config.sockets().getFirst();
        return Optional.of(new RelayPair(new RelayGrant(at, a.clientToken(), config.relayLifetimeMs()),
                new RelayGrant(at, a.deviceToken(), config.relayLifetimeMs())));
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (len >= 2 && (buf[off] & 0xF0) == WireConstants.MAGIC && (buf[off + 1] & 0xFF) == PacketType.RELAYED.code()) {
            if (config.relayRole() && relay.forward(nowNs, socket, from, buf, off, len) instanceof Verdict.Forward f) {
                out.add(new Transmit(f.socket(), f.to(), Bytes.of(buf, off, len), Transmit.DEFAULT_TTL));
            }
            return;
        }
        endpoint.handleDatagram(nowNs, socket, from, buf, off, len);
        // The session that took the datagram flushed itself (Session.handleTransport/handleResponse):
        // flushing all of them here cost O(sessions) per keepalive (issue #6 bench).
        pump(nowNs);
    }

    private void onStun(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        Optional<BindingReply> reply = stun.handleRequest(buf, off, len, from, config.sockets().get(socket));
        if (reply.isEmpty()) {
            unansweredStun++;
        }
        reply.ifPresent(r -> {
            int fromSocket = config.sockets().indexOf(r.from());
            if (fromSocket >= 0) {
                out.add(new Transmit(fromSocket, r.to(), r.datagram(), Transmit.DEFAULT_TTL));
            }
        });
    }

    @Override
    public void handleTimeout(long nowNs) {
        // Only the due sessions run, and each flushes itself; a flush of all of them here cost
        // O(sessions) per timer (issue #6). Sessions here have no payload that fills behind their back.
        endpoint.handleTimeout(nowNs);
        broker.handleTimeout(nowNs);
        relay.handleTimeout(nowNs);
        while (relay.pollEvent() != null) {
            // expiries are already counted by the relay; nothing else to do here
        }
        pump(nowNs);
    }

    private void pump(long nowNs) {
        for (int guard = 0; guard < 64; guard++) {
            boolean progress = false;
            SessionUpdate u;
            while ((u = endpoint.pollEvent()) != null) {
                onSessionUpdate(nowNs, u);
                progress = true;
            }
            Broker.Outgoing o;
            while ((o = broker.pollOutgoing()) != null) {
                // Session ids are the sessions' local indices: the endpoint's table is the only map.
                Session s = endpoint.session((int) o.sessionId());
                if (s != null && !s.isClosed()) {
                    s.sendControl(nowNs, o.signal().kind().code(), SignalCodec.encode(o.signal()));
                }
                progress = true;
            }
            Transmit t;
            while ((t = endpoint.pollTransmit()) != null) {
                out.add(t);
                progress = true;
            }
            Routing r;
            while ((r = broker.pollRouting()) != null) {
                events.add(new Event.Routed(r));
            }
            if (!progress) {
                return;
            }
        }
    }

    private void onSessionUpdate(long nowNs, SessionUpdate u) {
        Session s = u.session();
        long key = Integer.toUnsignedLong(s.localIndex());
        switch (u.event()) {
            case SessionEvent.Established e -> {
                Signal.Hello hello = decodeHello(e.peerPayload());
                // We only ever respond, and authorize() verified this payload's binding before we did.
                boolean verified = !s.isInitiator();
                if (hello != null && broker.admit(nowNs, key, e.remoteStatic(), hello, verified)) {
                    events.add(new Event.PeerAdmitted(new PeerId(hello.peerId()), hello.role(), nowNs));
                } else {
                    events.add(new Event.PeerRefused("not admitted", nowNs));
                    s.close(nowNs, 1, "not admitted");
                }
            }
            case SessionEvent.ControlReceived c -> {
                try {
                    Signal sig = SignalCodec.decode(c.kind(), c.body());
                    broker.onSignal(nowNs, wallMs(nowNs), key, s.activePath().remote(), sig);
                } catch (SignalException ex) {
                    malformedSignals++;
                }
            }
            case SessionEvent.Closed c -> {
                broker.onSessionClosed(key);
            }
            default -> { }
        }
    }

    private long wallMs(long nowNs) {
        return config.epochMsAtZeroNs() + nowNs / 1_000_000L;
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public Event pollEvent() {
        return events.poll();
    }

    @Override
    public long pollTimeoutNs() {
        return Math.min(Math.min(endpoint.pollTimeoutNs(), broker.pollTimeoutNs()), relay.pollTimeoutNs());
    }
}
