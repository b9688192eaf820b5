package net.overlay.sim;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The actor owning one {@link Region}: plays the windows its {@link Coordinator} asks for and answers
 * with the events its nodes sent to other regions. One actor per region, not per node: an idle typed
 * actor costs about 780 bytes, several times the whole budget of a simulated node.
 *
 * <p>Threading: Pekko runs it on one dispatcher thread at a time; the region is touched only here.
 */
final class RegionActor extends AbstractBehavior<RegionActor.Command> {

    /** What a region actor is asked to do. */
    sealed interface Command permits RunWindow, Finish {}

    /**
     * Take in the events other regions sent here, then play window {@code window}.
     *
     * @param inbound batches from other regions, owned by this actor from now on
     */
    record RunWindow(long window, List<EventBuffer> inbound) implements Command {}

    /** Report the region's totals; sent once, after the last window. */
    record Finish() implements Command {}

    private final Region region;
    private final ActorRef<Coordinator.Command> coordinator;

    private RegionActor(ActorContext<Command> context, Region region, ActorRef<Coordinator.Command> coordinator) {
        super(context);
        this.region = region;
        this.coordinator = coordinator;
    }

    static Behavior<Command> create(Region region, ActorRef<Coordinator.Command> coordinator) {
        return Behaviors.setup(context -> new RegionActor(context, region, coordinator));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunWindow.class, this::onRunWindow)
                .onMessage(Finish.class, this::onFinish)
                .build();
    }

    private Behavior<Command> onRunWindow(RunWindow run) {
        try {
            for (EventBuffer batch : run.inbound()) region.accept(batch);
            region.runWindow(run.window());
            List<EventBuffer> outbound = Collections.unmodifiableList(Arrays.asList(region.takeOutbound()));
            coordinator.tell(new Coordinator.WindowDone(region.index(), outbound, region.nextWindow()));
        } catch (RuntimeException e) {
            // A workload bug (e.g. an event below the lookahead): end the run with the cause, not a hang.
            coordinator.tell(new Coordinator.RegionFailed(region.index(), e));
        }
        return this;
    }

    private Behavior<Command> onFinish(Finish finish) {
        coordinator.tell(new Coordinator.Summary(region.index(), region.events(), region.digestShare()));
        return this;
    }
}
