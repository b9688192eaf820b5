package net.overlay.cluster.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Keeps a {@link StoreDirectory} current: a live {@code eventsByPersistenceId} query of the JDBC
 * read journal over the aggregate's one persistence id, from the position the read model has
 * reached, restarted with backoff when the database fails. The journal query polls every
 * {@code jdbc-read-journal.refresh-interval} ({@code overlay.store.read-model-refresh}), which is
 * what bounds how stale the read model is on every node, the writer's included.
 *
 * <p>Why the query and not publish-on-persist: one mechanism on every node, ordered by sequence
 * number with no gaps to reason about, and it survives the singleton moving between nodes. The
 * cost is one small query per node per refresh interval. Started and stopped by {@link DurableStore}.
 */
final class ReadModelFeed implements AutoCloseable {
    private final UniqueKillSwitch killSwitch;

    private ReadModelFeed(UniqueKillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    static ReadModelFeed start(ActorSystem<?> system, StoreDirectory view, StoreMetrics metrics) {
        JdbcReadJournal journal = PersistenceQuery.get(system)
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        RestartSettings backoff = RestartSettings.create(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);
        AtomicBoolean first = new AtomicBoolean(true);
        UniqueKillSwitch ks = RestartSource.withBackoff(backoff, () -> {
                    if (!first.getAndSet(false)) {
                        metrics.feedRestarted();
                    }
                    return journal.eventsByPersistenceId(DirectoryAggregate.PERSISTENCE_ID,
                            view.appliedSeqNr() + 1, Long.MAX_VALUE);
                })
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.foreach(env -> view.applyEvent(env.sequenceNr(), env.event())), Keep.left())
                .run(system);
        return new ReadModelFeed(ks);
    }

    @Override
    public void close() {
        killSwitch.shutdown();
    }
}
