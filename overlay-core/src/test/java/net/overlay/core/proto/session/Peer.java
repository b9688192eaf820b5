package net.overlay.core.proto.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.noise.DhKeyPair;
import net.overlay.core.proto.noise.NoiseProtocol;
import net.overlay.core.proto.crypto.CipherSuite;
import net.overlay.core.proto.crypto.HashSuite;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * A test parent machine embedding a {@link SessionEndpoint}: runs scripted actions at given times,
 * attaches a {@link DatagramChannel} to every session, records what it sent, and can play a host
 * firewall that drops traffic to and from chosen addresses (to cut a direct path).
 */
final class Peer implements DatagramMachine<SessionUpdate> {
    static final NoiseProtocol PROTOCOL = NoiseProtocol.ik(CipherSuite.AES_GCM, HashSuite.BLAKE2S);

    private record Action(long atNs, long seq, Consumer<Peer> action) {}

    final SessionEndpoint endpoint;
    final DhKeyPair keys;
    final List<DatagramChannel> channels = new ArrayList<>();
    final List<Transmit> sent = new ArrayList<>();
    final Set<InetSocketAddress> blocked = new HashSet<>();
    private final java.util.ArrayDeque<Transmit> raw = new java.util.ArrayDeque<>();
    private final PriorityQueue<Action> actions = new PriorityQueue<>(
            (a, b) -> a.atNs != b.atNs ? Long.compare(a.atNs, b.atNs) : Long.compare(a.seq, b.seq));
    private long seq;
    long nowNs;
    int blockedInbound;

    Peer(long seed, SessionEndpointConfig config, Authorizer authorizer) {
        this(seed, config, authorizer, null);
    }

    /** With {@code scratch} shared with other peers on the test's thread (null: its own). */
    Peer(long seed, SessionEndpointConfig config, Authorizer authorizer, SessionScratch scratch) {
        RandomSource random = RandomSource.seeded(seed);
        this.keys = DhKeyPair.generate(random);
        this.endpoint = new SessionEndpoint(config, PROTOCOL, keys, random, authorizer, scratch);
        endpoint.setPayloadFactory(s -> channel());
    }

    DatagramChannel channel() {
        DatagramChannel c = new DatagramChannel();
        channels.add(c);
        return c;
    }

    Bytes publicKey() {
        return Bytes.of(keys.publicKey());
    }

    /** Runs {@code action} on {@code host}'s peer now, then lets the network drain it. */
    static void act(net.overlay.core.testing.VirtualNetwork net,
            net.overlay.core.testing.VirtualNetwork.Host<SessionUpdate> host, Consumer<Peer> action) {
        net.act(host, m -> {
            Peer peer = (Peer) m;
            peer.nowNs = net.nowNs();
            action.accept(peer);
        });
    }

    /** Runs {@code action} at {@code atNs} (virtual time); only for actions scheduled before the host is added. */
    Peer at(long atNs, Consumer<Peer> action) {
        actions.add(new Action(atNs, seq++, action));
        return this;
    }

    /** Opens a session with a DatagramChannel attached. */
    Session connect(Bytes responderKey, String payload, Path path) {
        Session s = endpoint.connect(nowNs, responderKey, Bytes.of(payload.getBytes()), path);
        s.attach(channel());
        return s;
    }

    /** The first session (tests here hold one per peer). */
    Session session() {
        return endpoint.sessions().iterator().next();
    }

    DatagramChannel firstChannel() {
        return channels.get(0);
    }

    /** Sends a datagram on the first session now. */
    void sendText(String text) {
        firstChannel().send(text);
        endpoint.flush(nowNs);
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        this.nowNs = nowNs;
        if (blocked.contains(from)) {
            blockedInbound++;
            return;
        }
        endpoint.handleDatagram(nowNs, socket, from, buf, off, len);
    }

    @Override
    public void handleTimeout(long nowNs) {
        this.nowNs = nowNs;
        while (!actions.isEmpty() && actions.peek().atNs <= nowNs) {
            actions.poll().action.accept(this);
        }
        if (endpoint.pollTimeoutNs() <= nowNs) {
            endpoint.handleTimeout(nowNs);
        }
    }

    /** Sends bytes the endpoint did not make (a relay hello). */
    void sendRaw(Transmit t) {
        raw.add(t);
    }

    @Override
    public Transmit pollTransmit() {
        Transmit t = raw.poll();
        if (t != null) {
            return t;
        }
        while ((t = endpoint.pollTransmit()) != null) {
            if (!blocked.contains(t.to())) {
                sent.add(t);
                return t;
            }
        }
        return null;
    }

    /** An event and when the peer saw it. */
    record Timed(long atNs, SessionEvent event) {}

    final List<Timed> timeline = new ArrayList<>();

    @Override
    public SessionUpdate pollEvent() {
        SessionUpdate u = endpoint.pollEvent();
        if (u != null) {
            timeline.add(new Timed(nowNs, u.event()));
        }
        return u;
    }

    /** The events of one type, with their times. */
    List<Timed> timeline(Class<? extends SessionEvent> type) {
        return timeline.stream().filter(t -> type.isInstance(t.event())).toList();
    }

    @Override
    public long pollTimeoutNs() {
        long next = endpoint.pollTimeoutNs();
        return actions.isEmpty() ? next : Math.min(next, actions.peek().atNs);
    }
}
