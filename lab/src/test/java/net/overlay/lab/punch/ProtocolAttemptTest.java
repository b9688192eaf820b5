package net.overlay.lab.punch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

class ProtocolAttemptTest {
    private static final PunchSettings SETTINGS = new PunchSettings(PunchSettings.Engine.PROTOCOL,
            List.of(NatPreset.OPEN), 1, 256, 40, 10, 50, 20, 10, 10_000);

    @Test
    void twoPortRestrictedNatsGetTheSessionOverTheRelayFirstThenDirect() {
        PunchAttempt.Result r = PunchAttempt.run(NatPreset.PORT_RESTRICTED, NatPreset.PORT_RESTRICTED, 0, 5, SETTINGS);
        assertThat(r.connected()).isTrue();
        assertThat(r.success()).isTrue();
        assertThat(r.relayed()).isFalse();
        assertThat(r.strategy()).isEqualTo("simultaneous");
        assertThat(r.deviceSide()).isEqualTo("a");
        // First byte: the connect request to the rendezvous and the relayed handshake, two round trips
        // through the rendezvous edge at least; direct comes after it.
        double viaRendezvousRttMs = 2.0 * (r.latencyBMs() + SETTINGS.rendezvousLatencyMs());
        assertThat(r.firstMs()).isGreaterThanOrEqualTo(viaRendezvousRttMs);
        assertThat(r.directMs()).isGreaterThan(r.firstMs()).isLessThan(3000);
        assertThat(r.packetsA()).isPositive();
        assertThat(r.packetsB()).isPositive();
    }

    @Test
    void twoRandomSymmetricNatsStayOnTheRelayWithTheSessionUp() {
        PunchAttempt.Result r = PunchAttempt.run(NatPreset.SYMMETRIC_RANDOM, NatPreset.CLOUD_NAT, 1, 5, SETTINGS);
        assertThat(r.connected()).isTrue();
        assertThat(r.success()).isFalse();
        assertThat(r.relayed()).isTrue();
        assertThat(r.strategy()).isEqualTo("relay-only");
        assertThat(r.deviceSide()).isEqualTo("b");
        assertThat(r.firstMs()).isPositive();
        assertThat(r.directMs()).isNaN();
    }

    @Test
    void theSameSeedGivesTheSameAttempt() {
        PunchAttempt.Result a = PunchAttempt.run(NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_RANDOM, 3, 99, SETTINGS);
        PunchAttempt.Result b = PunchAttempt.run(NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_RANDOM, 3, 99, SETTINGS);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aProtocolMatrixMeetsTheTheoryOnEasyAndImpossiblePairs() {
        PunchSettings s = new PunchSettings(PunchSettings.Engine.PROTOCOL,
                List.of(NatPreset.FULL_CONE, NatPreset.SYMMETRIC_SEQUENTIAL, NatPreset.CLOUD_NAT), 2, 256, 40, 10, 50, 20,
                10, 10_000);
        PunchMatrix.Outcome o = PunchMatrix.run(s, 1, units -> { });
        assertThat(o.attempts()).hasSize(12);
        assertThat(o.pair(NatPreset.FULL_CONE, NatPreset.SYMMETRIC_SEQUENTIAL).successPct()).isEqualTo(100.0);
        assertThat(o.pair(NatPreset.SYMMETRIC_SEQUENTIAL, NatPreset.SYMMETRIC_SEQUENTIAL).strategy())
                .isEqualTo("prediction");
        PunchMatrix.Pair hard = o.pair(NatPreset.CLOUD_NAT, NatPreset.CLOUD_NAT);
        assertThat(hard.successes()).isZero();
        assertThat(hard.relayed()).isEqualTo(2);
    }
}
