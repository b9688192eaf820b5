package net.overlay.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Drives the conservative windows: tells every region to play window w, waits until all have
 * answered, routes the events they sent to each other, and starts the next non-empty window. Because
 * every link is at least one window long, nothing a region does in window w can affect another
 * region before window w + 1, so regions run a window in parallel without talking.
 *
 * <p>The guardian of the simulation's actor system; completes {@code result} at the end.
 */
final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    /** Replies from the regions. */
    sealed interface Command permits WindowDone, Summary, RegionFailed {}

    /**
     * Region {@code region} played its window.
     *
     * @param outbound entry r holds events for region r (null for the region itself)
     * @param nextWindow the region's next non-empty window, or {@link Long#MAX_VALUE}
     */
    record WindowDone(int region, List<EventBuffer> outbound, long nextWindow) implements Command {}

    /** A region's totals after the last window. */
    record Summary(int region, long events, long digestShare) implements Command {}

    /** A region's workload threw; the run ends with this cause. */
    record RegionFailed(int region, RuntimeException cause) implements Command {}

    private final List<ActorRef<RegionActor.Command>> regions = new ArrayList<>();
    private final CompletableFuture<SimResult> result;
    private final java.util.concurrent.atomic.AtomicLong progressNs;
    private final long windowNs;
    private final List<List<EventBuffer>> outboundByRegion;
    private final long[] nextWindowByRegion;
    private int pending;
    private long window;
    private long windows;
    private long events;
    private long digest;

    private Coordinator(ActorContext<Command> context, List<Region> parts, long firstWindow, long windowNs,
            CompletableFuture<SimResult> result, java.util.concurrent.atomic.AtomicLong progressNs) {
        super(context);
        this.result = result;
        this.progressNs = progressNs;
        this.windowNs = windowNs;
        this.outboundByRegion = new ArrayList<>(parts.size());
        this.nextWindowByRegion = new long[parts.size()];
        for (Region part : parts) {
            regions.add(context.spawn(RegionActor.create(part, context.getSelf()), "region-" + part.index()));
            outboundByRegion.add(List.of());
        }
        if (firstWindow == Long.MAX_VALUE) {
            finish();
        } else {
            start(firstWindow, emptyInbound());
        }
    }

    static Behavior<Command> create(List<Region> regions, long firstWindow, long windowNs,
            CompletableFuture<SimResult> result, java.util.concurrent.atomic.AtomicLong progressNs) {
        return Behaviors.setup(context -> new Coordinator(context, regions, firstWindow, windowNs, result, progressNs));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WindowDone.class, this::onWindowDone)
                .onMessage(Summary.class, this::onSummary)
                .onMessage(RegionFailed.class, this::onRegionFailed)
                .build();
    }

    private void start(long w, List<List<EventBuffer>> inbound) {
        window = w;
        progressNs.lazySet(w * windowNs);
        windows++;
        pending = regions.size();
        for (int r = 0; r < regions.size(); r++) regions.get(r).tell(new RegionActor.RunWindow(w, inbound.get(r)));
    }

    private Behavior<Command> onWindowDone(WindowDone done) {
        outboundByRegion.set(done.region(), done.outbound());
        nextWindowByRegion[done.region()] = done.nextWindow();
        if (--pending > 0) return this;
        long next = Long.MAX_VALUE;
        for (long w : nextWindowByRegion) next = Math.min(next, w);
        List<List<EventBuffer>> inbound = emptyInbound();
        // Route in source-region order; the receiving region sorts anyway, so the order is only tidy.
        for (List<EventBuffer> out : outboundByRegion) {
            for (int r = 0; r < out.size(); r++) {
                EventBuffer batch = out.get(r);
                if (batch == null || batch.size() == 0) continue;
                inbound.get(r).add(batch);
                for (int i = 0; i < batch.size(); i++) next = Math.min(next, batch.timeNs(i) / windowNs);
            }
        }
        if (next == Long.MAX_VALUE) {
            finish();
        } else {
            start(next, inbound);
        }
        return this;
    }

    private List<List<EventBuffer>> emptyInbound() {
        List<List<EventBuffer>> inbound = new ArrayList<>(regions.size());
        for (int r = 0; r < regions.size(); r++) inbound.add(new ArrayList<>());
        return inbound;
    }

    private void finish() {
        pending = regions.size();
        for (ActorRef<RegionActor.Command> region : regions) region.tell(new RegionActor.Finish());
    }

    private Behavior<Command> onSummary(Summary summary) {
        events += summary.events();
        digest += summary.digestShare();
        if (--pending == 0) {
            long endNs = windows == 0 ? 0 : (window + 1) * windowNs;
            result.complete(new SimResult(events, windows, endNs, digest));
        }
        return this;
    }

    private Behavior<Command> onRegionFailed(RegionFailed failed) {
        result.completeExceptionally(new IllegalStateException("region " + failed.region() + " failed", failed.cause()));
        return Behaviors.stopped();
    }
}
