package net.overlay.core.proto.relay;

import static net.overlay.core.proto.relay.RelayFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.core.proto.host.DatagramMachine;
import net.overlay.core.proto.relay.AllocateResult.Allocated;
import net.overlay.core.proto.relay.AllocateResult.Refused;
import net.overlay.core.spi.RandomSource;
import org.junit.jupiter.api.Test;

/** Allocation life cycle: tokens, capacity, expiry, refresh, release. */
class RelayAllocationTest {

    private static Allocated allocated(AllocateResult r) {
        assertThat(r).isInstanceOf(Allocated.class);
        return (Allocated) r;
    }

    @Test
    void tokensComeFromTheKeyStreamAndSkipZeroDuplicatesAndLiveOnes() {
        // 0 is skipped, 5 is taken by the client so the device draws again, then 9;
        // the second allocation skips the live 5 and 9.
        Relay relay = new Relay(roomyConfig(10), scriptedTokens(0, 5, 5, 9, 5, 9, 11, 12));
        Allocated first = allocated(relay.allocate(0));
        assertThat(first.clientToken()).isEqualTo(5);
        assertThat(first.deviceToken()).isEqualTo(9);
        Allocated second = allocated(relay.allocate(0));
        assertThat(second.clientToken()).isEqualTo(11);
        assertThat(second.deviceToken()).isEqualTo(12);
    }

    @Test
    void aBrokenRandomSourceGivesARefusalNotALoop() {
        Relay relay = new Relay(roomyConfig(10), scriptedTokens());
        assertThat(relay.allocate(0)).isEqualTo(new Refused(AllocateResult.Reason.NO_FRESH_TOKEN));
        assertThat(relay.stats().allocationsRefused()).isEqualTo(1);
        assertThat(relay.allocationCount()).isZero();
    }

    @Test
    void seededTokensAreDistinctAndNonZeroOverManyAllocations() {
        Relay relay = new Relay(roomyConfig(5000), RandomSource.seeded(3));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 5000; i++) {
            Allocated a = allocated(relay.allocate(0));
            assertThat(seen.add(a.clientToken())).isTrue();
            assertThat(seen.add(a.deviceToken())).isTrue();
        }
        assertThat(seen).doesNotContain(0L);
        assertThat(relay.status(seen.iterator().next())).isPresent();
    }

    @Test
    void refusesWhenFullUntilAnAllocationExpiresOrIsReleased() {
        Relay relay = new Relay(new RelayConfig(2, new AllocationLimits(10 * SECOND, 1 << 20, 1 << 20, 1 << 20)),
                RandomSource.seeded(1));
        Allocated a = allocated(relay.allocate(0));
        allocated(relay.allocate(SECOND));
        assertThat(relay.allocate(2 * SECOND)).isEqualTo(new Refused(AllocateResult.Reason.FULL));
        assertThat(relay.release(a.deviceToken())).isTrue();
        Allocated c = allocated(relay.allocate(3 * SECOND));
        assertThat(relay.allocate(4 * SECOND)).isInstanceOf(Refused.class);
        // the second allocation expires at 11 s: allocate sweeps it first
        allocated(relay.allocate(11 * SECOND));
        assertThat(relay.stats()).satisfies(s -> {
            assertThat(s.allocationsCreated()).isEqualTo(4);
            assertThat(s.allocationsRefused()).isEqualTo(2);
            assertThat(s.allocationsReleased()).isEqualTo(1);
            assertThat(s.allocationsExpired()).isEqualTo(1);
            assertThat(s.allocationsLive()).isEqualTo(2);
        });
        assertThat(relay.status(c.clientToken())).isPresent();
        assertThat(relay.status(a.clientToken())).isEmpty();
    }

    @Test
    void anAllocationExpiresAtItsDeadlineWithAnEventAndItsTokensStopWorking() {
        Relay relay = new Relay(roomyConfig(4).withDefaultLimits(
                new AllocationLimits(30 * SECOND, 1 << 20, 1 << 20, 1 << 20)), RandomSource.seeded(2));
        Allocated a = allocated(relay.allocate(5 * SECOND));
        assertThat(a.expiresAtNs()).isEqualTo(35 * SECOND);
        assertThat(relay.pollTimeoutNs()).isEqualTo(35 * SECOND);
        send(relay, 6 * SECOND, CLIENT, relayed(a.clientToken(), "c"));
        byte[] fromDevice = relayed(a.deviceToken(), "d");
        assertThat(send(relay, 7 * SECOND, DEVICE, fromDevice)).isInstanceOf(Verdict.Forward.class);

        assertThat(send(relay, 35 * SECOND, CLIENT, relayed(a.clientToken(), "late")))
                .isEqualTo(DropReason.UNKNOWN_TOKEN);
        relay.handleTimeout(35 * SECOND - 1);
        assertThat(relay.pollEvent()).isNull();
        relay.handleTimeout(35 * SECOND);
        assertThat(relay.pollEvent()).isEqualTo(
                new RelayEvent.AllocationExpired(a.clientToken(), a.deviceToken(), fromDevice.length));
        assertThat(relay.pollTimeoutNs()).isEqualTo(DatagramMachine.NO_DEADLINE);
        assertThat(relay.refresh(a.clientToken(), 36 * SECOND)).isFalse();
    }

    @Test
    void anAllocationNobodyUsesExpiresAfterTheIdleTimeoutAndFreesItsPlace() {
        // One place, a one-hour lifetime, 10 s idle timeout: an abandoned allocation (a client that
        // went away without a word) must not hold the place for the hour.
        Relay relay = new Relay(new RelayConfig(1, new AllocationLimits(3600 * SECOND, 1 << 20, 1 << 20, 1 << 20),
                10 * SECOND), RandomSource.seeded(5));
        Allocated used = allocated(relay.allocate(0));
        assertThat(relay.pollTimeoutNs()).isEqualTo(10 * SECOND);
        // traffic every 8 s keeps it alive well past the idle timeout; the timer fires early and catches up
        for (long t = 8; t <= 40; t += 8) {
            assertThat(send(relay, t * SECOND, CLIENT, relayed(used.clientToken(), "ping")))
                    .isNotEqualTo(DropReason.UNKNOWN_TOKEN);
            relay.handleTimeout(t * SECOND);
            assertThat(relay.pollEvent()).isNull();
        }
        assertThat(relay.allocate(41 * SECOND)).as("still in use").isEqualTo(new Refused(AllocateResult.Reason.FULL));
        // silence from 40 s: gone at 50 s, its tokens dead, its place free
        assertThat(relay.pollTimeoutNs()).isLessThanOrEqualTo(50 * SECOND);
        assertThat(send(relay, 50 * SECOND, DEVICE, relayed(used.deviceToken(), "late")))
                .isEqualTo(DropReason.UNKNOWN_TOKEN);
        Allocated next = allocated(relay.allocate(50 * SECOND));
        assertThat(relay.pollEvent()).isEqualTo(new RelayEvent.AllocationExpired(used.clientToken(), used.deviceToken(), 0));
        assertThat(relay.stats().allocationsExpired()).isEqualTo(1);
        // a vouched-for address counts as use too
        assertThat(relay.vouch(55 * SECOND, next.deviceToken(), 0, DEVICE)).isTrue();
        relay.handleTimeout(60 * SECOND);
        assertThat(relay.status(next.clientToken())).isPresent();
        relay.handleTimeout(65 * SECOND);
        assertThat(relay.status(next.clientToken())).isEmpty();
    }

    @Test
    void theIdleTimeoutIsValidated() {
        AllocationLimits limits = new AllocationLimits(SECOND, 1 << 20, 1 << 20, 1 << 20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RelayConfig(1, limits, 0))
                .hasMessageContaining("idleTimeoutNs");
        assertThat(RelayConfig.defaults().idleTimeoutNs()).isEqualTo(RelayConfig.DEFAULT_IDLE_TIMEOUT_NS);
    }

    @Test
    void refreshByEitherSideExtendsTheLifeAndTheTimerCatchesUp() {
        Relay relay = new Relay(roomyConfig(4).withDefaultLimits(
                new AllocationLimits(30 * SECOND, 1 << 20, 1 << 20, 1 << 20)), RandomSource.seeded(2));
        Allocated a = allocated(relay.allocate(0));
        assertThat(relay.refresh(a.clientToken(), 20 * SECOND)).isTrue();
        assertThat(relay.refresh(a.deviceToken(), 25 * SECOND)).isTrue();
        assertThat(relay.status(a.clientToken()).orElseThrow().expiresAtNs()).isEqualTo(55 * SECOND);
        // the timer set for 30 s fires early: nothing expires, the next deadline is the real one
        assertThat(relay.pollTimeoutNs()).isEqualTo(30 * SECOND);
        relay.handleTimeout(30 * SECOND);
        assertThat(relay.pollEvent()).isNull();
        assertThat(relay.pollTimeoutNs()).isEqualTo(55 * SECOND);
        relay.handleTimeout(55 * SECOND);
        assertThat(relay.pollEvent()).isInstanceOf(RelayEvent.AllocationExpired.class);
        assertThat(relay.refresh(12345, 0)).as("unknown token").isFalse();
    }

    @Test
    void releaseEndsAnAllocationAtOnceWithoutAnEvent() {
        Relay relay = new Relay(roomyConfig(4), RandomSource.seeded(4));
        Allocated a = allocated(relay.allocate(0));
        assertThat(relay.release(a.clientToken())).isTrue();
        assertThat(relay.release(a.clientToken())).isFalse();
        assertThat(send(relay, 1, DEVICE, relayed(a.deviceToken(), "x"))).isEqualTo(DropReason.UNKNOWN_TOKEN);
        assertThat(relay.pollEvent()).isNull();
        assertThat(relay.pollTimeoutNs()).isEqualTo(DatagramMachine.NO_DEADLINE);
    }
}
