package net.overlay.cluster.store;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

import java.time.Duration;

/**
 * The single writer of the directory: an event-sourced actor with one persistence id,
 * {@value #PERSISTENCE_ID}, run as a cluster singleton by {@link DurableStore}. One aggregate for
 * the whole directory, because the rules cross entities (a device's owner must be a user, a grant
 * must be signed by its device's owner, a claim code creates a device) and admin writes are rare:
 * one writer gives those checks a consistent view without distributed locking, and one journal
 * stream gives every read model a total order.
 *
 * <p>Commands are checked by {@link StoreDecisions}; accepted ones persist their events and reply
 * {@link StoreReply.Done} with the new sequence number. The state is mutable and touched only on
 * this actor's thread; snapshots are immutable copies ({@link StoreSnapshot}) made by the snapshot
 * adapter on the same thread.
 */
public final class DirectoryAggregate extends EventSourcedBehavior<StoreCommand, StoreEvent, DirectoryState> {
    /** The journal's persistence id of the directory. */
    public static final String PERSISTENCE_ID = "overlay-directory";

    private final ActorContext<StoreCommand> context;
    private final int snapshotEveryEvents;
    private final StoreMetrics metrics;

    private DirectoryAggregate(ActorContext<StoreCommand> context, int snapshotEveryEvents, StoreMetrics metrics) {
        // A journal that is down at start is retried with backoff rather than failing the singleton.
        super(PersistenceId.ofUniqueId(PERSISTENCE_ID),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
        this.context = context;
        this.snapshotEveryEvents = snapshotEveryEvents;
        this.metrics = metrics;
    }

    /** The aggregate's behavior; {@code metrics} counts accepted and refused writes. */
    public static Behavior<StoreCommand> create(int snapshotEveryEvents, StoreMetrics metrics) {
        return Behaviors.setup(ctx -> new DirectoryAggregate(ctx, snapshotEveryEvents, metrics));
    }

    @Override
    public DirectoryState emptyState() {
        return new DirectoryState();
    }

    @Override
    public CommandHandler<StoreCommand, StoreEvent, DirectoryState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(StoreCommand.GetStatus.class, (s, c) -> Effect().reply(c.replyTo(),
                        new StoreReply.Done(lastSequenceNumber(context))))
                .onCommand(StoreCommand.Write.class, this::onWrite)
                .build();
    }

    private Effect<StoreEvent, DirectoryState> onWrite(DirectoryState state, StoreCommand.Write command) {
        return switch (StoreDecisions.decide(state, command)) {
            case StoreDecisions.Refuse r -> {
                metrics.writeRefused(r.rejected().reason());
                yield Effect().reply(command.replyTo(), r.rejected());
            }
            case StoreDecisions.Persist p when p.events().isEmpty() -> {
                metrics.writeAccepted();
                yield Effect().reply(command.replyTo(), new StoreReply.Done(lastSequenceNumber(context)));
            }
            case StoreDecisions.Persist p -> {
                metrics.writeAccepted();
                yield Effect().persist(p.events()).thenReply(command.replyTo(),
                        s -> new StoreReply.Done(lastSequenceNumber(context)));
            }
        };
    }

    @Override
    public EventHandler<DirectoryState, StoreEvent> eventHandler() {
        return (state, event) -> state.apply(event);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Keep every event (the read models replay the journal from the start); snapshots only
        // shorten the aggregate's own recovery.
        return RetentionCriteria.snapshotEvery(snapshotEveryEvents, 2);
    }

    @Override
    public SnapshotAdapter<DirectoryState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(DirectoryState state) {
                return state.toSnapshot();
            }

            @Override
            public DirectoryState fromJournal(Object from) {
                return DirectoryState.fromSnapshot((StoreSnapshot) from);
            }
        };
    }
}
