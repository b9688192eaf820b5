package net.overlay.cluster.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Asks the directory aggregate (through the cluster singleton proxy) and, for accepted writes,
 * waits until this node's read model shows them, so that a caller who lists right after a create
 * sees it (read-your-writes on the node that wrote). The write is durable once {@link
 * StoreReply.Done} arrives, whether or not the wait ends in time. Thread-safe; callers: the admin
 * API, the claim endpoint, tests.
 */
public final class StoreClient {
    private final ActorSystem<?> system;
    private final ActorRef<StoreCommand> aggregate;
    private final StoreDirectory view;
    private final StoreSettings settings;

    StoreClient(ActorSystem<?> system, ActorRef<StoreCommand> aggregate, StoreDirectory view, StoreSettings settings) {
        this.system = system;
        this.aggregate = aggregate;
        this.view = view;
        this.settings = settings;
    }

    /**
     * Sends the command {@code build} makes for a reply address and completes with the reply;
     * exceptionally (TimeoutException) when the aggregate does not answer within {@code ask-timeout}.
     */
    public CompletionStage<StoreReply> ask(Function<ActorRef<StoreReply>, StoreCommand> build) {
        return askOnly(build).thenCompose(r -> switch (r) {
            case StoreReply.Done d when settings.readYourWritesWaitMs() > 0 ->
                    view.awaitSeqNr(d.seqNr(), settings.readYourWritesWaitMs()).handle((v, e) -> r);
            default -> CompletableFuture.completedFuture(r);
        });
    }

    private CompletionStage<StoreReply> askOnly(Function<ActorRef<StoreReply>, StoreCommand> build) {
        return AskPattern.ask(aggregate, build::apply, Duration.ofMillis(settings.askTimeoutMs()), system.scheduler());
    }

    /**
     * The aggregate's last sequence number: proof that it runs and its journal recovered. Does not
     * wait for this node's read model.
     */
    public CompletionStage<Long> status() {
        return askOnly(StoreCommand.GetStatus::new).thenApply(r -> switch (r) {
            case StoreReply.Done d -> d.seqNr();
            case StoreReply.Rejected rej -> throw new IllegalStateException(rej.message());
        });
    }

    /** This node's read model. */
    public StoreDirectory view() {
        return view;
    }

    public StoreSettings settings() {
        return settings;
    }
}
