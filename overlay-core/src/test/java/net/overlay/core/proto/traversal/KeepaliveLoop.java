package net.overlay.core.proto.traversal;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.host.Transmit;
import net.overlay.core.proto.stun.BindingOutcome;
import net.overlay.core.proto.stun.BindingTransaction;
import net.overlay.core.proto.stun.StunClientConfig;
import net.overlay.core.proto.traversal.KeepalivePolicy.Adjustment;
import net.overlay.core.proto.traversal.LifetimeProbe.Outcome;
import net.overlay.core.spi.RandomSource;

/**
 * A tiny device for tests: STUN keepalives from socket 0 at the interval its {@link KeepalivePolicy}
 * says, lifetime tests on sockets 1 (probed) and 2 (sender) one after another as the policy asks,
 * and a log of everything for assertions. A changed reflexive address of socket 0 means the
 * mapping was lost.
 */
final class KeepaliveLoop implements DatagramMachine<Void> {
    /** Keepalives: RTO 500 ms, 3 sends, unanswered after 2.5 s. */
    private static final StunClientConfig KEEPALIVE = new StunClientConfig(500_000_000L, 3, 2, true, 0);
    /** Pause before retrying a lifetime test that was inconclusive. */
    private static final long RETRY_NS = 60_000_000_000L;

    final KeepalivePolicy policy;
    final List<Long> keepaliveSendsNs = new ArrayList<>();
    final List<Adjustment> adjustments = new ArrayList<>();
    final List<Long> adjustmentTimesNs = new ArrayList<>();
    final List<LifetimeProbe.Result> lifetimeResults = new ArrayList<>();
    int reflexiveChanges;
    int unansweredKeepalives;

    private final RandomSource random;
    private final InetSocketAddress server;
    private final List<LocalSocket> sockets;
    private final ArrayDeque<Transmit> out = new ArrayDeque<>();
    private InetSocketAddress reflexive;
    private BindingTransaction keepalive;
    private long lastKeepaliveNs;
    private LifetimeProbe lifetime;
    private long nextLifetimeNs;

    KeepaliveLoop(long nowNs, KeepalivePolicy policy, RandomSource random, InetSocketAddress server,
            List<LocalSocket> sockets) {
        this.policy = policy;
        this.random = random;
        this.server = server;
        this.sockets = sockets;
        this.nextLifetimeNs = nowNs;
        startKeepalive(nowNs);
        step(nowNs);
    }

    Optional<InetSocketAddress> reflexive() {
        return Optional.ofNullable(reflexive);
    }

    @Override
    public void handleDatagram(long nowNs, int socket, InetSocketAddress from, byte[] buf, int off, int len) {
        if (keepalive != null && keepalive.handleDatagram(nowNs, from, buf, off, len)) {
            keepaliveDone(nowNs);
        } else if (lifetime != null) {
            lifetime.accept(nowNs, socket, from, buf, off, len);
        }
        step(nowNs);
    }

    @Override
    public void handleTimeout(long nowNs) {
        if (keepalive != null) {
            keepalive.handleTimeout(nowNs);
            if (keepalive.isDone()) {
                keepaliveDone(nowNs);
            }
        } else if (nowNs >= lastKeepaliveNs + policy.intervalNs()) {
            startKeepalive(nowNs);
        }
        if (lifetime != null && nowNs >= lifetime.pollTimeoutNs()) {
            lifetime.handleTimeout(nowNs);
        }
        step(nowNs);
    }

    private void startKeepalive(long nowNs) {
        keepalive = BindingTransaction.start(nowNs, random, server, List.of(), KEEPALIVE);
        lastKeepaliveNs = nowNs;
        keepaliveSendsNs.add(nowNs);
    }

    private void keepaliveDone(long nowNs) {
        BindingOutcome outcome = keepalive.outcome().orElseThrow();
        keepalive = null;
        if (outcome instanceof BindingOutcome.Success s) {
            if (reflexive != null && !reflexive.equals(s.mapped())) {
                reflexiveChanges++;
                record(nowNs, policy.onReflexiveAddressChanged());
            }
            reflexive = s.mapped();
        } else {
            unansweredKeepalives++;
            record(nowNs, policy.onKeepaliveUnanswered());
        }
    }

    private void step(long nowNs) {
        if (keepalive != null) {
            keepalive.pollTransmit().ifPresent(t -> out.add(new Transmit(0, t.to(), t.datagram(), Transmit.DEFAULT_TTL)));
        }
        if (lifetime == null && nowNs >= nextLifetimeNs) {
            policy.nextLifetimeTestNs().ifPresent(waitNs -> lifetime = LifetimeProbe.start(nowNs, random, server,
                    sockets.get(1), sockets.get(2), waitNs, DiscoveryConfig.DEFAULT));
        }
        if (lifetime != null) {
            for (Transmit t; (t = lifetime.pollTransmit()) != null; ) {
                out.add(t);
            }
            lifetime.result().ifPresent(r -> lifetimeDone(nowNs, r));
        }
    }

    private void lifetimeDone(long nowNs, LifetimeProbe.Result r) {
        lifetime = null;
        lifetimeResults.add(r);
        if (r.outcome() == Outcome.INCONCLUSIVE) {
            nextLifetimeNs = nowNs + RETRY_NS;
        } else {
            record(nowNs, policy.onLifetimeResult(r.waitNs(), r.outcome() == Outcome.SURVIVED));
            nextLifetimeNs = nowNs;
            step(nowNs);
        }
    }

    private void record(long nowNs, Adjustment a) {
        adjustments.add(a);
        adjustmentTimesNs.add(nowNs);
    }

    @Override
    public Transmit pollTransmit() {
        return out.poll();
    }

    @Override
    public Void pollEvent() {
        return null;
    }

    @Override
    public long pollTimeoutNs() {
        long deadline = keepalive != null ? keepalive.pollTimeoutNs() : lastKeepaliveNs + policy.intervalNs();
        if (lifetime != null) {
            deadline = Math.min(deadline, lifetime.pollTimeoutNs());
        } else if (policy.nextLifetimeTestNs().isPresent()) {
            deadline = Math.min(deadline, nextLifetimeNs);
        }
        return deadline;
    }
}
