package net.overlay.lab.punch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

class PunchAttemptTest {
    private static final PunchSettings SETTINGS = new PunchSettings(PunchSettings.Engine.BARE, List.of(NatPreset.OPEN), 1,
            256, 40, 10, 50, 20, 10, 10_000);

    @Test
    void twoPortRestrictedNatsMeetDirectlyWithinAFewRoundTrips() {
        PunchAttempt.Result r = PunchAttempt.run(NatPreset.PORT_RESTRICTED, NatPreset.PORT_RESTRICTED, 0, 5, SETTINGS);
        assertThat(r.success()).isTrue();
        assertThat(r.strategy()).isEqualTo("simultaneous");
        double rttMs = 2.0 * (r.latencyAMs() + r.latencyBMs());
        assertThat(r.directMs()).isGreaterThanOrEqualTo(r.firstMs()).isLessThan(r.skewMs() + 4 * rttMs + 200);
    }

    @Test
    void twoRandomSymmetricNatsDoNotPunchAtAll() {
        PunchAttempt.Result r = PunchAttempt.run(NatPreset.SYMMETRIC_RANDOM, NatPreset.CLOUD_NAT, 0, 5, SETTINGS);
        assertThat(r.success()).isFalse();
        assertThat(r.strategy()).isEqualTo("relay-only");
        assertThat(r.packetsA() + r.packetsB()).isZero();
        assertThat(r.directMs()).isNaN();
    }

    @Test
    void theSameSeedGivesTheSameAttempt() {
        PunchAttempt.Result a = PunchAttempt.run(NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_RANDOM, 3, 99, SETTINGS);
        PunchAttempt.Result b = PunchAttempt.run(NatPreset.PORT_RESTRICTED, NatPreset.SYMMETRIC_RANDOM, 3, 99, SETTINGS);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void birthdayTheoryMatchesThePublishedFigureForTheDefaultBudget() {
        // REFERENCE.md: 256 x 256 over 32,768 ports gives about 86%.
        assertThat(PunchReading.birthdayTheoryPct(SETTINGS)).isBetween(85.0, 88.0);
    }

    @Test
    void aMatrixSummarisesEveryUnorderedPairOnce() {
        PunchSettings s = new PunchSettings(PunchSettings.Engine.BARE,
                List.of(NatPreset.OPEN, NatPreset.FULL_CONE, NatPreset.CLOUD_NAT), 3, 256, 40, 10, 50, 20, 10, 10_000);
        PunchMatrix.Outcome o = PunchMatrix.run(s, 1, units -> { });
        assertThat(o.pairs()).hasSize(6);
        assertThat(o.attempts()).hasSize(18);
        assertThat(o.pair(NatPreset.CLOUD_NAT, NatPreset.CLOUD_NAT).successPct()).isZero();
        assertThat(o.pair(NatPreset.FULL_CONE, NatPreset.OPEN).successPct()).isEqualTo(100.0);
        double[][] grid = PunchMatrix.successGrid(o);
        assertThat(grid[0][2]).isEqualTo(grid[2][0]);
    }
}
