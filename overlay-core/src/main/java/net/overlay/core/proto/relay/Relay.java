package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.AllocateResult.Reason.FULL;
import static net.overlay.core.proto.relay.AllocateResult.Reason.NO_FRESH_TOKEN;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.wire.PacketCodec;
import net.overlay.core.proto.wire.PacketType;
import net.overlay.core.proto.wire.PacketView;
import net.overlay.core.proto.wire.WireException;
import net.overlay.core.spi.RandomSource;

/**
 * The relay core (docs/relay.md): allocations joining a client and a device, and forwarding of
 * {@code Relayed(token, innerPacket)} datagrams between their learned addresses.
 *
 * <p>The rendezvous calls {@link #allocate}, {@link #refresh} and {@link #release}; the host of
 * the socket calls {@link #forward} for every datagram, {@link #handleTimeout} when
 * {@link #pollTimeoutNs()} has passed, and drains {@link #pollEvent()}. {@link RelayMachine}
 * wraps it as a {@link DatagramMachine} for a socket of its own.
 *
 * <p>Amplification: a datagram is only ever sent to an address learned from a datagram that
 * carried a live token, and only in answer to one received datagram of exactly the same size
 * (only the 8-byte token changes). Unverified sources get nothing, whatever they send.
 *
 * <p>Not thread-safe: one host calls it, one input at a time, with non-decreasing {@code nowNs}.
 */
public final class Relay {
    /** Our choice: draws of a 64-bit token before deciding the random source is broken. */
    private static final int TOKEN_DRAWS = 8;

    private final RelayConfig config;
    private final RandomSource random;
    private final byte[] tokenBytes = new byte[Long.BYTES];
    private final TokenTable byToken = new TokenTable();
    /** Every live allocation once; keys may be early (a refresh does not move them), never late. */
    private final PriorityQueue<Allocation> expiries =
            new PriorityQueue<>(Comparator.comparingLong((Allocation a) -> a.scheduledNs));
    private final ArrayDeque<RelayEvent> events = new ArrayDeque<>();
    private final PacketView view = new PacketView();
    private final long[] drops = new long[DropReason.values().length];
    private long allocationsCreated;
    private long allocationsRefused;
    private long allocationsExpired;
    private long allocationsReleased;
    private long packetsForwarded;
    private long bytesForwarded;
    private long addressesLearned;
    private long roams;

    public Relay(RelayConfig config, RandomSource random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
    }

    public RelayConfig config() {
        return config;
    }

    /** A new allocation with {@link RelayConfig#defaultLimits()}. */
    public AllocateResult allocate(long nowNs) {
        return allocate(nowNs, config.defaultLimits());
    }

    /**
     * A new allocation with {@code limits}, or a refusal when the relay is full. Allocations that
     * have expired by {@code nowNs} are swept first, so they never hold a place.
     */
    public AllocateResult allocate(long nowNs, AllocationLimits limits) {
        Objects.requireNonNull(limits, "limits");
        handleTimeout(nowNs);
        if (expiries.size() >= config.maxAllocations()) {
            allocationsRefused++;
            return new AllocateResult.Refused(FULL);
        }
        long clientToken = freshToken(0);
        long deviceToken = clientToken == 0 ? 0 : freshToken(clientToken);
        if (deviceToken == 0) {
            allocationsRefused++;
            return new AllocateResult.Refused(NO_FRESH_TOKEN);
        }
        Allocation a = new Allocation(clientToken, deviceToken, limits, config.idleTimeoutNs(), nowNs);
        byToken.put(clientToken, a);
        byToken.put(deviceToken, a);
        expiries.add(a);
        allocationsCreated++;
        return new AllocateResult.Allocated(clientToken, deviceToken, a.expiresAtNs);
    }

    /**
     * A token is a bearer capability (whoever holds it can send through the allocation and move
     * its side's address), so it comes from the key stream, not the protocol-choice generator.
     * Never 0 (callers use it for "none"), never the other side's, never a live one.
     */
    private long freshToken(long otherToken) {
        for (int i = 0; i < TOKEN_DRAWS; i++) {
            random.nextKeyBytes(tokenBytes);
            long token = 0;
            for (byte b : tokenBytes) {
                token = (token << 8) | (b & 0xff);
            }
            if (token != 0 && token != otherToken && !byToken.contains(token)) {
                return token;
            }
        }
        return 0;
    }

    /**
     * Extends the allocation holding {@code token} (either side's) to {@code nowNs} plus its
     * lifetime. The budgets are not renewed: they bound the allocation's whole life.
     *
     * @return false when no live allocation holds {@code token}
     */
    public boolean refresh(long token, long nowNs) {
        Allocation a = byToken.get(token);
        if (a == null || !a.isLive(nowNs)) {
            return false;
        }
        a.expiresAtNs = Math.max(a.expiresAtNs, saturatedAdd(nowNs, a.limits.lifetimeNs()));
        return true;
    }

    /**
     * Ends the allocation holding {@code token} now (the session closed); no event follows.
     *
     * @return false when no allocation holds {@code token}
     */
    public boolean release(long token) {
        Allocation a = byToken.get(token);
        if (a == null) {
            return false;
        }
        remove(a);
        allocationsReleased++;
        return true;
    }

    /**
     * Decides what to do with the datagram {@code buf[off..off+len)} that arrived on local socket
     * {@code socket} from {@code from}, and on {@link Verdict.Forward} rewrites its allocation id in
     * place to the receiving side's token: the caller then sends {@code buf[off..off+len)} as told.
     * Allocates nothing when it forwards, except when a side's address is learned or changes
     * (a malformed datagram costs the codec's stackless exception).
     */
    public Verdict forward(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        Verdict verdict = route(nowNs, socket, from, buf, off, len);
        if (verdict instanceof Verdict.Forward f) {
            PacketCodec.encodeRelayedHeader(buf, off, f.token());
        }
        return verdict;
    }

    /**
     * Records where a side is before it has sent anything through the relay: the rendezvous vouches
     * for an address from which that side's authenticated session reaches it (when relay and
     * rendezvous share a node and socket, it is the very mapping the side's NAT will use toward the
     * relay). The first relayed packet of the other side then needs no wait. The amplification rule
     * holds: the address proved itself to the rendezvous by completing a Noise handshake.
     *
     * @return false when {@code token} names no live allocation
     */
    public boolean vouch(long nowNs, long token, int socket, InetSocketAddress address) {
        Allocation a = byToken.get(token);
        if (a == null || !a.isLive(nowNs)) {
            return false;
        }
        learn(a, token == a.clientToken, socket, Objects.requireNonNull(address, "address"));
        a.lastActiveNs = nowNs;
        return true;
    }

    /** {@link #forward} without the rewrite, for a host that copies the datagram anyway. */
    Verdict route(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        Objects.requireNonNull(from, "from");
        try {
            view.wrap(buf, off, len);
        } catch (WireException e) {
            return drop(switch (e.reason()) {
                case NESTED_RELAY -> DropReason.NESTED_RELAY;
                case UNSUPPORTED_VERSION -> DropReason.UNSUPPORTED_VERSION;
                default -> DropReason.MALFORMED;
            });
        }
        if (view.type() != PacketType.RELAYED) {
            return drop(DropReason.NOT_RELAYED);
        }
        long token = view.allocationId();
        Allocation a = byToken.get(token);
        if (a == null || !a.isLive(nowNs)) {
            return drop(DropReason.UNKNOWN_TOKEN);
        }
        boolean fromClient = token == a.clientToken;
        // The packet proved its source holds the token: that is where this side is now (roaming),
        // and the allocation is in use (idle expiry; the heap key catches up lazily).
        learn(a, fromClient, socket, from);
        a.lastActiveNs = nowNs;
        Verdict.Forward to = fromClient ? a.device : a.client;
        if (to == null) {
            return drop(DropReason.OTHER_SIDE_UNKNOWN);
        }
        if (a.bytesForwarded + len > a.limits.byteBudget()) {
            if (!a.budgetReported) {
                a.budgetReported = true;
                events.add(new RelayEvent.ByteBudgetExhausted(a.clientToken, a.deviceToken, a.limits.byteBudget()));
            }
            return drop(DropReason.BUDGET_EXHAUSTED);
        }
        if (!a.bucket.tryTake(nowNs, len)) {
            return drop(DropReason.RATE_LIMITED);
        }
        a.bytesForwarded += len;
        a.packetsForwarded++;
        bytesForwarded += len;
        packetsForwarded++;
        return to;
    }

    private void learn(Allocation a, boolean fromClient, int socket, InetSocketAddress from) {
        Verdict.Forward known = fromClient ? a.client : a.device;
        if (known != null && known.socket() == socket && known.to().equals(from)) {
            return;
        }
        if (known == null) {
            addressesLearned++;
        } else {
            roams++;
            a.roams++;
        }
        // Packets to this side carry its own token; the other side's token never leaves the relay.
        Verdict.Forward learned = new Verdict.Forward(socket, from, fromClient ? a.clientToken : a.deviceToken);
        if (fromClient) {
            a.client = learned;
        } else {
            a.device = learned;
        }
    }

    private DropReason drop(DropReason reason) {
        drops[reason.ordinal()]++;
        return reason;
    }

    /** Removes every allocation that has expired by {@code nowNs}, with an event for each. */
    public void handleTimeout(long nowNs) {
        Allocation head;
        while ((head = expiries.peek()) != null && head.scheduledNs <= nowNs) {
            expiries.poll();
            if (head.isLive(nowNs)) {
                // refreshed or used since it was scheduled: put it back at its real end
                head.scheduledNs = head.endNs();
                expiries.add(head);
            } else {
                byToken.remove(head.clientToken);
                byToken.remove(head.deviceToken);
                allocationsExpired++;
                events.add(new RelayEvent.AllocationExpired(head.clientToken, head.deviceToken, head.bytesForwarded));
            }
        }
    }

    /** When the next allocation may expire, or {@link DatagramMachine#NO_DEADLINE}. */
    public long pollTimeoutNs() {
        Allocation head = expiries.peek();
        return head == null ? DatagramMachine.NO_DEADLINE : head.scheduledNs;
    }

    /** The next event, or null. */
    public RelayEvent pollEvent() {
        return events.poll();
    }

    private void remove(Allocation a) {
        byToken.remove(a.clientToken);
        byToken.remove(a.deviceToken);
        expiries.remove(a);
    }

    /** The allocation holding {@code token}, if any (an expired one stays until swept). */
    public Optional<AllocationStatus> status(long token) {
        return Optional.ofNullable(byToken.get(token)).map(Allocation::status);
    }

    /** Allocations held now, expired ones not yet swept included. */
    public int allocationCount() {
        return expiries.size();
    }

    public RelayStats stats() {
        return new RelayStats(expiries.size(), allocationsCreated, allocationsRefused, allocationsExpired,
                allocationsReleased, packetsForwarded, bytesForwarded, addressesLearned, roams,
                drops[DropReason.MALFORMED.ordinal()], drops[DropReason.UNSUPPORTED_VERSION.ordinal()],
                drops[DropReason.NESTED_RELAY.ordinal()], drops[DropReason.NOT_RELAYED.ordinal()],
                drops[DropReason.UNKNOWN_TOKEN.ordinal()], drops[DropReason.OTHER_SIDE_UNKNOWN.ordinal()],
                drops[DropReason.BUDGET_EXHAUSTED.ordinal()], drops[DropReason.RATE_LIMITED.ordinal()]);
    }

    /** {@code nowNs + durationNs} for a non-negative duration, stopping at Long.MAX_VALUE. */
    static long saturatedAdd(long nowNs, long durationNs) {
        long sum = nowNs + durationNs;
        return sum < nowNs ? Long.MAX_VALUE : sum;
    }
}
