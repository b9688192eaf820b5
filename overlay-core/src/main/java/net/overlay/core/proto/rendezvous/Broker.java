package net.overlay.core.proto.rendezvous;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.overlay.core.proto.identity.ConnectionTicket;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.identity.StaticKeyBinding;
import net.overlay.core.proto.identity.Verdict;
import net.overlay.core.proto.rendezvous.Directory.DeviceRecord;
import net.overlay.core.proto.rendezvous.RelayAllocator.RelayPair;
import net.overlay.core.proto.signal.Candidate;
import net.overlay.core.proto.signal.RefusalCode;
import net.overlay.core.proto.signal.Signal;
import net.overlay.core.proto.signal.Signal.Answer;
import net.overlay.core.proto.signal.Signal.Connect;
import net.overlay.core.proto.signal.Signal.Hello;
import net.overlay.core.proto.signal.Signal.Keepalive;
import net.overlay.core.proto.signal.Signal.KeepaliveAck;
import net.overlay.core.proto.signal.Signal.Offer;
import net.overlay.core.proto.signal.Signal.OfferAck;
import net.overlay.core.proto.signal.Signal.PeerRole;
import net.overlay.core.proto.signal.Signal.Refused;
import net.overlay.core.proto.signal.Signal.Register;
import net.overlay.core.proto.signal.Signal.Registered;
import net.overlay.core.proto.signal.SignalCodec;
import net.overlay.core.proto.wire.Bytes;
import net.overlay.core.spi.RandomSource;

/**
 * The rendezvous's brokering logic, apart from sessions and sockets: admits peers after their
 * handshake, keeps the soft state of registered devices, and answers connect requests by checking
 * the grant, allocating a relay, issuing a ticket, and telling both sides about each other.
 *
 * <p>Sessions are named by an opaque {@code long} the host chooses. Inputs carry the time
 * ({@code nowNs} monotonic for timers, {@code nowMs} wall clock for tickets and grants); outputs are
 * polled ({@link #pollOutgoing()}, {@link #pollTimeoutNs()}). Requests are idempotent: a retransmitted
 * connect gets the same answer, a replayed one (same nonce, other request) is refused. Not
 * thread-safe: one broker per rendezvous node's protocol thread (or per shard).
 */
public final class Broker {
    /** A signal for the peer on session {@code sessionId}. */
    public record Outgoing(long sessionId, Signal signal) {}

    private record Peer(PeerRole role, PeerId id, Bytes staticKey, DeviceId device) {}

    private record ReplayKey(PeerId client, Bytes nonce) {}

    /** {@code reply} is null while a forwarded connect waits for the home node's answer. */
    private record Remembered(long sessionId, long requestId, Signal reply, long expiresNs) {}

    /** The client's side of a connect: who asks, and from where its node sees it. */
    private record Asker(PeerId id, Bytes staticKey, InetSocketAddress observed) {}

    /** A connect forwarded to another node, waiting for its answer. */
    private record Forward(long sessionId, long requestId, ReplayKey key, long deadlineNs) {}

    private static final class Registration {
        long sessionId;
        PeerId key;
        Bytes staticKey;
        List<Candidate> candidates;
        Register register;
        InetSocketAddress observed;
        long lastSeenNs;
        long publishedNs;
        boolean refreshDue;
    }

    private static final class PendingOffer {
        final long sessionId;
        final Offer offer;
        long nextSendNs;
        long retryNs;
        int sent;

        PendingOffer(long sessionId, Offer offer) {
            this.sessionId = sessionId;
            this.offer = offer;
        }
    }

    private static final long SWEEP_INTERVAL_NS = 1_000_000_000L;
    /** The session id under which connects from other nodes are remembered (real ids are unsigned ints). */
    private static final long REMOTE_SESSION = -1;

    private final BrokerConfig config;
    private final Identity identity;
    private final Directory directory;
    private final RelayAllocator relays;
    private final RandomSource random;

    /** By session id; one per registered device, so compact (LongTable, docs/node.md). */
    private final LongTable<Peer> peers = new LongTable<>();
    private final Map<DeviceId, Registration> registrations = new HashMap<>();
    private final LinkedHashMap<ReplayKey, Remembered> connects = new LinkedHashMap<>();
    private final Map<Long, PendingOffer> offers = new HashMap<>();
    private final ArrayDeque<Outgoing> out = new ArrayDeque<>();
    private final BrokerStats stats = new BrokerStats();
    private final Map<Long, Forward> forwards = new HashMap<>();
    private final ArrayDeque<Routing> routing = new ArrayDeque<>();
    private Routing.Settings routingSettings;
    private long nextOfferId = 1;
    private long nextForwardId = 1;
    private long nextSweepNs = Long.MAX_VALUE;
    /** When the registrations are next walked for expiry (a slower beat than the connect memory's). */
    private long nextRegistrationSweepNs = Long.MIN_VALUE;

    public Broker(BrokerConfig config, Identity identity, Directory directory, RelayAllocator relays, RandomSource random) {
        this.config = Objects.requireNonNull(config, "config");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.relays = Objects.requireNonNull(relays, "relays");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Decides whether a peer that completed a handshake on {@code sessionId} with static key
     * {@code remoteStatic} may use this rendezvous. A device must be known to the directory under the
     * key it signs with; every peer must bind its static key to its identity.
     */
    public boolean admit(long nowNs, long sessionId, Bytes remoteStatic, Hello hello) {
        return admit(nowNs, sessionId, remoteStatic, hello, false);
    }

    /**
     * As {@link #admit(long, long, Bytes, Hello)}; {@code bindingVerified} when the caller checked
     * this very hello's static-key binding against {@code remoteStatic} already (the machine's
     * authorizer does before answering a handshake): an Ed25519 verification a registration need
     * not pay twice (issue #5).
     */
    boolean admit(long nowNs, long sessionId, Bytes remoteStatic, Hello hello, boolean bindingVerified) {
        PeerId id = new PeerId(hello.peerId());
        if (!bindingVerified && !StaticKeyBinding.verify(id, remoteStatic, hello.staticKeySignature())) {
            stats.helloRejected++;
            return false;
        }
        DeviceId device = null;
        if (hello.role() == PeerRole.DEVICE) {
            Optional<DeviceRecord> record = deviceRecord(hello.deviceName());
            if (record.isEmpty() || !record.get().deviceKey().equals(id)) {
                stats.helloRejected++;
                return false;
            }
            device = record.get().id();
            // The directory's own PeerId (equal to id): one object for all of the device's sessions.
            id = record.get().deviceKey();
        }
        peers.put(sessionId, new Peer(hello.role(), id, remoteStatic, device));
        scheduleSweep(nowNs);
        return true;
    }

    /** The session ended: forget the peer, and the device's registration if it was made on it. */
    public void onSessionClosed(long sessionId) {
        Peer p = peers.remove(sessionId);
        if (p != null && p.device() != null) {
            Registration r = registrations.get(p.device());
            if (r != null && r.sessionId == sessionId) {
                registrations.remove(p.device());
                publish(new Routing.DeviceGone(p.device()));
            }
        }
        offers.values().removeIf(o -> o.sessionId == sessionId);
    }

    /** A signal arrived on {@code sessionId}, whose packets came from {@code observed}. */
    public void onSignal(long nowNs, long nowMs, long sessionId, InetSocketAddress observed, Signal signal) {
        Peer p = peers.get(sessionId);
        if (p == null) {
            stats.unexpected++;
            return;
        }
        switch (signal) {
            case Register r when p.role() == PeerRole.DEVICE -> register(nowNs, sessionId, p, observed, r);
            case Keepalive k when p.role() == PeerRole.DEVICE -> keepalive(nowNs, sessionId, p, observed, k);
            case Connect c when p.role() == PeerRole.CLIENT -> connect(nowNs, nowMs, sessionId, p, observed, c);
            case Signal.PunchReport r when p.role() == PeerRole.CLIENT -> {
                if (r.direct()) {
                    stats.punchesDirect++;
                } else {
                    stats.punchesRelayed++;
                }
            }
            case OfferAck a when p.role() == PeerRole.DEVICE -> {
                PendingOffer o = offers.get(a.offerId());
                if (o != null && o.sessionId == sessionId) {
                    offers.remove(a.offerId());
                }
            }
            default -> stats.unexpected++;
        }
    }

    public void handleTimeout(long nowNs) {
        for (Iterator<PendingOffer> it = offers.values().iterator(); it.hasNext(); ) {
            PendingOffer o = it.next();
            if (o.nextSendNs > nowNs) {
                continue;
            }
            if (o.sent >= config.offerAttempts()) {
                // The device never acknowledged; the client's handshake through the relay may still work.
                stats.offersAbandoned++;
                it.remove();
            } else {
                sendOffer(nowNs, o);
            }
        }
        if (nextSweepNs <= nowNs) {
            sweep(nowNs);
        }
        for (Iterator<Map.Entry<Long, Forward>> it = forwards.entrySet().iterator(); it.hasNext(); ) {
            Forward f = it.next().getValue();
            if (f.deadlineNs() <= nowNs) {
                it.remove();
                stats.forwardsTimedOut++;
                complete(nowNs, f, refusal(f.requestId(), RefusalCode.DEVICE_OFFLINE, "the device's node did not answer"));
            }
        }
    }

    public Outgoing pollOutgoing() {
        return out.poll();
    }

    public long pollTimeoutNs() {
        long t = nextSweepNs;
        for (PendingOffer o : offers.values()) {
            t = Math.min(t, o.nextSendNs);
        }
        for (Forward f : forwards.values()) {
            t = Math.min(t, f.deadlineNs());
        }
        return t;
    }

    /**
     * Turns cluster routing on: from now on the broker publishes {@link Routing} outputs, and a
     * connect for a device that is known but not registered here is forwarded instead of refused.
     * Off by default, so a lone node (and the benchmark) pays nothing for it.
     */
    public void enableRouting(Routing.Settings settings) {
        this.routingSettings = Objects.requireNonNull(settings, "settings");
    }

    /** The next routing output, or null; only ever non-null once routing is on. */
    public Routing pollRouting() {
        return routing.poll();
    }

    /**
     * Home side of a forwarded connect: decides it as if the client were ours, except that the relay
     * cannot vouch for the client's address (its session is with the other node). Returns the reply
     * for the client's node; the offer to the device goes out on this node's session as usual. A
     * repeat of the same request gets the same reply.
     */
    public Signal onRemoteConnect(long nowNs, long nowMs, Routing.RemoteConnect request) {
        Signal.Connect c = request.connect();
        ReplayKey key = new ReplayKey(request.client(), c.nonce());
        Remembered seen = connects.get(key);
        if (seen != null && seen.expiresNs > nowNs && seen.reply != null) {
            return seen.sessionId == REMOTE_SESSION && seen.requestId == c.requestId()
                    ? seen.reply : refusal(c.requestId(), RefusalCode.REPLAYED, "connect request replayed");
        }
        stats.remoteConnects++;
        Signal reply = decide(nowNs, nowMs, new Asker(request.client(), request.clientStaticKey(),
                request.clientObserved()), c, false);
        remember(nowNs, key, new Remembered(REMOTE_SESSION, c.requestId(), reply, nowNs + config.connectMemoryNs()));
        return reply;
    }

    /** The home node answered forwarded connect {@code forwardId}: pass it to the client. */
    public void onRemoteAnswer(long nowNs, long forwardId, Signal reply) {
        Forward f = forwards.remove(forwardId);
        if (f == null) {
            stats.unexpected++;   // late (already timed out) or unknown
            return;
        }
        Signal toClient = switch (reply) {
            case Answer a -> new Answer(f.requestId(), a.devicePeerId(), a.deviceStaticKey(), a.candidates(), a.nat(),
                    a.relay(), a.ticket(), a.grant());
            case Refused r -> refusal(f.requestId(), r.code(), r.message());
            default -> refusal(f.requestId(), RefusalCode.DEVICE_OFFLINE, "the device's node answered nonsense");
        };
        complete(nowNs, f, toClient);
    }

    /** No node has forwarded connect {@code forwardId}'s device registered. */
    public void onRemoteMiss(long nowNs, long forwardId) {
        Forward f = forwards.remove(forwardId);
        if (f != null) {
            complete(nowNs, f, refusal(f.requestId(), RefusalCode.DEVICE_OFFLINE, "device is offline"));
        }
    }

    /**
     * The registry says {@code device} registered with another node since: drop our registration so
     * that connects arriving here are forwarded to the new home rather than answered from stale state.
     */
    public boolean dropRegistration(DeviceId device) {
        if (registrations.remove(device) == null) {
            return false;
        }
        stats.movedAway++;
        return true;
    }

    /**
     * Publishes every registered device's presence again at its next keepalive, whatever the refresh
     * interval says: the cluster lost a member, and with it the registry entries it held (soft
     * state). Spread over one keepalive interval by the devices themselves, rather than a burst of
     * one message per device now; and within that interval rather than the longer refresh interval.
     */
    public void refreshPresenceAtNextKeepalive() {
        for (Registration r : registrations.values()) {
            r.refreshDue = true;
        }
    }

    public BrokerStats stats() {
        return stats;
    }

    /** Registered devices right now. */
    public int registeredDevices() {
        return registrations.size();
    }

    /** Whether {@code device} is registered and was heard from within the registration timeout. */
    public boolean isOnline(long nowNs, DeviceId device) {
        Registration r = registrations.get(device);
        return r != null && nowNs - r.lastSeenNs < config.registrationTimeoutNs();
    }

    private void register(long nowNs, long sessionId, Peer p, InetSocketAddress observed, Register r) {
        Registration reg = registrations.computeIfAbsent(p.device(), d -> new Registration());
        reg.sessionId = sessionId;
        reg.key = p.id();
        reg.staticKey = p.staticKey();
        reg.register = r;
        reg.candidates = withReflexive(r.candidates(), observed);
        reg.observed = observed;
        reg.lastSeenNs = nowNs;
        reg.publishedNs = nowNs;
        stats.registrations++;
        publish(new Routing.DevicePresent(p.device(), observed, reg.candidates, r.nat(), true));
        out.add(new Outgoing(sessionId, new Registered(r.requestId(), observed, config.keepaliveIntervalMs())));
    }

    private void keepalive(long nowNs, long sessionId, Peer p, InetSocketAddress observed, Keepalive k) {
        Registration reg = registrations.get(p.device());
        if (reg == null || reg.sessionId != sessionId) {
            out.add(new Outgoing(sessionId, new Refused(k.requestId(), RefusalCode.NOT_REGISTERED, "register first")));
            return;
        }
        reg.lastSeenNs = nowNs;
        if (!observed.equals(reg.observed)) {
            // The device's mapping moved (NAT rebinding, roaming): offers use the new address at once.
            reg.observed = observed;
            reg.candidates = withReflexive(reg.register.candidates(), observed);
            stats.addressChanges++;
        }
        stats.keepalives++;
        if (routingSettings != null && (reg.refreshDue || nowNs - reg.publishedNs >= routingSettings.refreshNs())) {
            reg.publishedNs = nowNs;
            reg.refreshDue = false;
            publish(new Routing.DevicePresent(p.device(), observed, reg.candidates, reg.register.nat(), false));
        }
        out.add(new Outgoing(sessionId, new KeepaliveAck(k.requestId(), observed)));
    }

    private void connect(long nowNs, long nowMs, long sessionId, Peer client, InetSocketAddress observed, Connect c) {
        ReplayKey key = new ReplayKey(client.id(), c.nonce());
        Remembered seen = connects.get(key);
        if (seen != null && seen.expiresNs > nowNs) {
            if (seen.sessionId == sessionId && seen.requestId == c.requestId()) {
                if (seen.reply != null) {
                    out.add(new Outgoing(sessionId, seen.reply));   // a retransmission: same answer
                }   // else forwarded and not answered yet: the answer will go out when it comes
            } else {
                refuse(sessionId, c.requestId(), RefusalCode.REPLAYED, "connect request replayed");
            }
            return;
        }
        Asker asker = new Asker(client.id(), client.staticKey(), observed);
        long expiresNs = nowNs + config.connectMemoryNs();
        if (routingSettings != null && shouldForward(nowNs, c)) {
            DeviceId device = new DeviceId(c.deviceName());   // shouldForward proved the name valid
            long forwardId = nextForwardId++;
            forwards.put(forwardId, new Forward(sessionId, c.requestId(), key, nowNs + routingSettings.forwardTimeoutNs()));
            remember(nowNs, key, new Remembered(sessionId, c.requestId(), null, expiresNs));
            stats.forwards++;
            publish(new Routing.ForwardConnect(forwardId, device,
                    new Routing.RemoteConnect(client.id(), client.staticKey(), observed, c)));
            return;
        }
        Signal reply = decide(nowNs, nowMs, asker, c, true);
        remember(nowNs, key, new Remembered(sessionId, c.requestId(), reply, expiresNs));
        out.add(new Outgoing(sessionId, reply));
    }

    /** A known device that is not online here: its home, if any, is another node. */
    private boolean shouldForward(long nowNs, Connect c) {
        Optional<DeviceRecord> record = deviceRecord(c.deviceName());
        return record.isPresent() && !isOnline(nowNs, record.get().id());
    }

    /** The forwarded connect's answer goes to the client and replaces the pending marker. */
    private void complete(long nowNs, Forward f, Signal reply) {
        Remembered pending = connects.get(f.key());
        if (pending != null && pending.reply == null) {
            connects.put(f.key(), new Remembered(f.sessionId(), f.requestId(), reply, pending.expiresNs));
        }
        if (peers.get(f.sessionId()) != null) {
            out.add(new Outgoing(f.sessionId(), reply));
        }
    }

    private void publish(Routing r) {
        if (routingSettings != null) {
            routing.add(r);
        }
    }

    /**
     * @param vouchClient whether the client's session is ours, so the relay may vouch for its address
     */
    private Signal decide(long nowNs, long nowMs, Asker client, Connect c, boolean vouchClient) {
        Optional<DeviceRecord> record = deviceRecord(c.deviceName());
        if (record.isEmpty()) {
            return refusal(c.requestId(), RefusalCode.UNKNOWN_DEVICE, "no device named '" + c.deviceName() + "'");
        }
        DeviceId device = record.get().id();
        Registration reg = registrations.get(device);
        if (reg == null || !isOnline(nowNs, device)) {
            return refusal(c.requestId(), RefusalCode.DEVICE_OFFLINE, "device '" + device.name() + "' is offline");
        }
        if (!reg.register.services().contains(c.service())) {
            return refusal(c.requestId(), RefusalCode.UNKNOWN_SERVICE, "device '" + device.name()
                    + "' offers no service '" + c.service() + "' (it offers " + reg.register.services() + ")");
        }
        Optional<Grant> grant = directory.grant(client.id(), device);
        Verdict v = grant.map(g -> g.verify(record.get().owner(), device, client.id(), c.service(), nowMs))
                .orElse(Verdict.NOT_GRANTED);
        if (!v.isOk()) {
            return refusal(c.requestId(), RefusalCode.NO_GRANT, "no valid grant for '" + c.service() + "' on '"
                    + device.name() + "' (" + v.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        Optional<RelayPair> relay = relays.allocate(nowNs, client.id(), vouchClient ? client.observed() : null, device,
                reg.observed);
        if (relay.isEmpty()) {
            return refusal(c.requestId(), RefusalCode.RELAY_UNAVAILABLE, "no relay capacity");
        }
        ConnectionTicket ticket = ConnectionTicket.issue(identity, client.id(), device, c.service(), client.staticKey(),
                nowMs + config.ticketLifetimeMs(), random);
        Offer offer = new Offer(nextOfferId++, client.id().key(), client.staticKey(), c.service(),
                withReflexive(c.candidates(), client.observed()), c.nat(), relay.get().device());
        PendingOffer pending = new PendingOffer(reg.sessionId, offer);
        pending.nextSendNs = nowNs;
        pending.retryNs = config.offerRetryNs();
        offers.put(offer.offerId(), pending);
        sendOffer(nowNs, pending);
        stats.connects++;
        return new Answer(c.requestId(), reg.key.key(), reg.staticKey, reg.candidates, reg.register.nat(),
                relay.get().client(), Bytes.wrapOwned(ticket.encode()), Bytes.wrapOwned(grant.get().encode()));
    }

    private void sendOffer(long nowNs, PendingOffer o) {
        out.add(new Outgoing(o.sessionId, o.offer));
        o.sent++;
        o.nextSendNs = nowNs + o.retryNs;
        o.retryNs *= 2;
    }

    private Refused refusal(long requestId, RefusalCode code, String message) {
        stats.count(code);
        return new Refused(requestId, code, message);
    }

    private void refuse(long sessionId, long requestId, RefusalCode code, String message) {
        out.add(new Outgoing(sessionId, refusal(requestId, code, message)));
    }

    private void remember(long nowNs, ReplayKey key, Remembered r) {
        connects.put(key, r);
        if (connects.size() > config.maxRememberedConnects()) {
            Iterator<ReplayKey> it = connects.keySet().iterator();
            it.next();
            it.remove();
        }
        scheduleSweep(nowNs);
    }

    private void scheduleSweep(long nowNs) {
        if (nextSweepNs == Long.MAX_VALUE) {
            nextSweepNs = nowNs + SWEEP_INTERVAL_NS;
        }
    }

    private void sweep(long nowNs) {
        // Walking every registration each second cost 8 % of a 50k-device steady state (issue #5);
        // an eighth of the timeout is soon enough: isOnline() checks the time itself, so a silent
        // device is offline for connects at once, and only its memory and DeviceGone wait.
        if (nowNs >= nextRegistrationSweepNs) {
            nextRegistrationSweepNs = nowNs + Math.max(SWEEP_INTERVAL_NS, config.registrationTimeoutNs() / 8);
            for (Iterator<Map.Entry<DeviceId, Registration>> it = registrations.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<DeviceId, Registration> e = it.next();
                if (nowNs - e.getValue().lastSeenNs >= config.registrationTimeoutNs()) {
                    it.remove();
                    publish(new Routing.DeviceGone(e.getKey()));
                }
            }
        }
        // Insertion order is expiry order (one memory span for all), so stop at the first live one.
        for (Iterator<Remembered> it = connects.values().iterator(); it.hasNext(); ) {
            if (it.next().expiresNs > nowNs) {
                break;
            }
            it.remove();
        }
        nextSweepNs = peers.isEmpty() && connects.isEmpty() ? Long.MAX_VALUE : nowNs + SWEEP_INTERVAL_NS;
    }

    private Optional<DeviceRecord> deviceRecord(String name) {
        try {
            return directory.device(new DeviceId(name));
        } catch (IllegalArgumentException malformedName) {
            return Optional.empty();
        }
    }

    /** The peer's own candidates plus the address the rendezvous saw, as server-reflexive. */
    private static List<Candidate> withReflexive(List<Candidate> given, InetSocketAddress observed) {
        List<Candidate> out = new ArrayList<>(given.size() + 1);
        out.add(new Candidate(Candidate.Type.SERVER_REFLEXIVE, observed));
        for (Candidate c : given) {
            if (out.size() < SignalCodec.MAX_CANDIDATES && !c.address().equals(observed)) {
                out.add(c);
            }
        }
        // Immutable and exactly sized: a registration keeps it (16 bytes for one candidate, not 40).
        return List.copyOf(out);
    }
}
