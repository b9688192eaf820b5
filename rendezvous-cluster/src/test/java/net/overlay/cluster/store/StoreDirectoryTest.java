package net.overlay.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.overlay.core.proto.identity.Identity;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** The read model without a journal: ordering, waiting for a position, and events it cannot apply. */
class StoreDirectoryTest {
    private final Identity user = Identity.generate(RandomSource.seeded(9));
    private final StoreDirectory view = new StoreDirectory(StoreMetrics.unregistered());

    @Test
    void aWaitEndsWhenThePositionIsAppliedAndRedeliveriesAreIgnored() throws Exception {
        CompletableFuture<Long> waiting = view.awaitSeqNr(2, 5_000).toCompletableFuture();
        view.applyEvent(1, new StoreEvent.UserAdded(user.peerId().text(), UserRole.USER, 0));
        assertThat(waiting).isNotDone();
        view.applyEvent(2, new StoreEvent.UserRemoved(user.peerId().text(), 0));
        assertThat(waiting.get(1, TimeUnit.SECONDS)).isEqualTo(2);
        view.applyEvent(1, new StoreEvent.UserAdded(user.peerId().text(), UserRole.ADMIN, 0));
        assertThat(view.role(user.peerId())).as("a redelivered old event changes nothing").isEmpty();
        assertThat(view.awaitSeqNr(1, 10).toCompletableFuture()).isCompletedWithValue(2L);
    }

    @Test
    void anEventThatCannotBeAppliedIsSkippedAndTheFeedGoesOn() {
        view.applyEvent(1, new StoreEvent.UserAdded("not a key", UserRole.USER, 0));
        view.applyEvent(2, "not a store event");
        view.applyEvent(3, new StoreEvent.ClaimCodeRedeemed("00", "x", user.peerId().text(), 0));
        view.applyEvent(4, new StoreEvent.UserAdded(user.peerId().text(), UserRole.USER, 0));
        assertThat(view.appliedSeqNr()).isEqualTo(4);
        assertThat(view.role(user.peerId())).contains(UserRole.USER);
    }

    @Test
    void aWaitForAPositionThatNeverComesTimesOut() {
        assertThatThrownBy(() -> view.awaitSeqNr(7, 50).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }
}
