package net.overlay.cluster.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import net.overlay.core.proto.identity.DeviceId;
import net.overlay.core.proto.identity.Grant;
import net.overlay.core.proto.identity.PeerId;
import net.overlay.core.proto.rendezvous.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's read model of the directory, and the {@link Directory} the broker consults: lookups
 * are map reads, never a database or actor round trip. Kept current by {@link ReadModelFeed}, which
 * applies the aggregate's events in journal order; a write is visible here once the feed has
 * polled it (docs/store.md states the bound).
 *
 * <p>Threading: the feed's stream is the one writer ({@link #applyEvent}); lookups and waits may
 * come from any thread.
 */
public final class StoreDirectory implements Directory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);
    private final DirectoryState state = new DirectoryState();
    private final StoreMetrics metrics;
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile long appliedSeqNr;

    private record Waiter(long seqNr, CompletableFuture<Long> done) {}

    public StoreDirectory(StoreMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Optional<DeviceRecord> device(DeviceId id) {
        return state.device(id);
    }

    @Override
    public Optional<Grant> grant(PeerId user, DeviceId device) {
        return state.grant(user, device);
    }

    /** The stored role of {@code user}, if it is a user. */
    public Optional<UserRole> role(PeerId user) {
        return state.role(user);
    }

    /** The whole read model, for listings; read-only use. */
    public DirectoryState state() {
        return state;
    }

    /** The journal sequence number applied last (0 before the first event). */
    public long appliedSeqNr() {
        return appliedSeqNr;
    }

    /**
     * Completes with the applied sequence number once it reaches {@code seqNr}, or exceptionally
     * with a TimeoutException after {@code timeoutMs}.
     */
    public CompletionStage<Long> awaitSeqNr(long seqNr, long timeoutMs) {
        synchronized (waiters) {
            if (appliedSeqNr >= seqNr) {
                return CompletableFuture.completedFuture(appliedSeqNr);
            }
            CompletableFuture<Long> done = new CompletableFuture<>();
            waiters.add(new Waiter(seqNr, done));
            return done.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
                synchronized (waiters) {
                    waiters.removeIf(w -> w.done() == done);
                }
            });
        }
    }

    /**
     * Applies the event at journal position {@code seqNr}; positions at or below the applied one
     * are ignored (a restarted query may deliver them again). An event that cannot be applied is
     * counted and skipped rather than stopping the feed.
     */
    void applyEvent(long seqNr, Object event) {
        if (seqNr <= appliedSeqNr) {
            return;
        }
        try {
            if (event instanceof StoreEvent e) {
                state.apply(e);
                metrics.eventApplied();
            } else {
                metrics.eventSkipped();
                LOG.warn("journal event {} is not a store event ({}); skipped", seqNr, event.getClass().getName());
            }
        } catch (IllegalArgumentException e) {
            metrics.eventSkipped();
            LOG.warn("journal event {} cannot be applied ({}); skipped", seqNr, e.getMessage());
        }
        List<CompletableFuture<Long>> ready = new ArrayList<>();
        synchronized (waiters) {
            appliedSeqNr = seqNr;
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.seqNr() <= seqNr) {
                    ready.add(w.done());
                    it.remove();
                }
            }
        }
        ready.forEach(f -> f.complete(seqNr));
    }
}
