package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.SmallQueue;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.stun.BindingOutcome;
import net.overlay.core.proto.stun.BindingTransaction;
import net.overlay.core.proto.stun.StunAttribute;
import net.overlay.core.proto.stun.StunClientConfig;
import net.overlay.core.proto.stun.StunTransmit;
import net.overlay.core.spi.RandomSource;

/**
 * One STUN test of a discovery machine: a {@link BindingTransaction} bound to a local socket, with a
 * give-up time of its own (shorter than RFC 8489's 39.5 s) and a record of when it first went out
 * and on which socket its answer came in. Used by {@link NatDiscovery} and {@link LifetimeProbe};
 * not thread-safe.
 */
final class Probe {
    /** Not sent yet. */
    static final long NOT_SENT = -1;

    private final LocalSocket socket;
    private final BindingTransaction transaction;
    private final long giveUpAtNs;
    private long firstSendOrder = NOT_SENT;
    private long lastSendNs = NOT_SENT;
    private int sends;
    private BindingOutcome outcome;
    private int answeredOnSocket = -1;
    private long doneAtNs;

    private Probe(LocalSocket socket, BindingTransaction transaction, long giveUpAtNs) {
        this.socket = socket;
        this.transaction = transaction;
        this.giveUpAtNs = giveUpAtNs;
    }

    static Probe start(long nowNs, RandomSource random, LocalSocket socket, InetSocketAddress server,
            List<StunAttribute> attributes, StunClientConfig config, long waitNs) {
        return new Probe(socket, BindingTransaction.start(nowNs, random, server, attributes, config), nowNs + waitNs);
    }

    /**
     * Moves this probe's pending datagram, if any, to {@code out}.
     *
     * @param order the sender's running count of first sends, recorded on this probe's first send
     * @return whether this was the probe's first send
     */
    boolean drainTo(long nowNs, long order, SmallQueue<Transmit> out) {
        Optional<StunTransmit> t = transaction.pollTransmit();
        if (t.isEmpty() || outcome != null) {
            return false;
        }
        out.add(new Transmit(socket.index(), t.get().to(), t.get().datagram(), Transmit.DEFAULT_TTL));
        lastSendNs = nowNs;
        sends++;
        if (firstSendOrder == NOT_SENT) {
            firstSendOrder = order;
            return true;
        }
        return false;
    }

    /** Offers a datagram received on {@code onSocket}; true when it answered this probe. */
    boolean offer(long nowNs, int onSocket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (outcome != null || !transaction.handleDatagram(nowNs, from, buf, off, len)) {
            return false;
        }
        outcome = transaction.outcome().orElseThrow();
        answeredOnSocket = onSocket;
        doneAtNs = nowNs;
        return true;
    }

    /** Retransmits, or gives up once the transaction or this probe's own wait has run out. */
    void onTimeout(long nowNs) {
        if (outcome != null) {
            return;
        }
        if (nowNs >= giveUpAtNs) {
            outcome = new BindingOutcome.TimedOut(sends);
            doneAtNs = nowNs;
            return;
        }
        transaction.handleTimeout(nowNs);
        transaction.outcome().ifPresent(o -> {
            outcome = o;
            doneAtNs = nowNs;
        });
    }

    long deadlineNs() {
        return outcome != null ? DatagramMachine.NO_DEADLINE : Math.min(giveUpAtNs, transaction.pollTimeoutNs());
    }

    boolean isDone() {
        return outcome != null;
    }

    /** Whether any response (success or error) arrived. */
    boolean answered() {
        return answeredOnSocket >= 0;
    }

    boolean timedOut() {
        return outcome instanceof BindingOutcome.TimedOut;
    }

    Optional<BindingOutcome.Success> success() {
        return outcome instanceof BindingOutcome.Success s ? Optional.of(s) : Optional.empty();
    }

    BindingOutcome outcome() {
        return outcome;
    }

    LocalSocket socket() {
        return socket;
    }

    int answeredOnSocket() {
        return answeredOnSocket;
    }

    long firstSendOrder() {
        return firstSendOrder;
    }

    long lastSendNs() {
        return lastSendNs;
    }

    long doneAtNs() {
        return doneAtNs;
    }

    /** A short description of a failed outcome, for {@link Verdict.Undecided} reasons. */
    String failure() {
        return switch (outcome) {
            case null -> "pending";
            case BindingOutcome.Success s -> "answered";
            case BindingOutcome.TimedOut t -> "unanswered after " + t.transmits() + " request(s)";
            case BindingOutcome.ErrorResponse e -> "error " + e.code() + " " + e.reason();
            case BindingOutcome.Invalid i -> "invalid response: " + i.why();
        };
    }
}
