package net.overlay.lab.directrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

class DirectRelayAttemptTest {
    private static final DirectRelaySettings.Pair EASY = new DirectRelaySettings.Pair(NatPreset.PORT_RESTRICTED,
            NatPreset.PORT_RESTRICTED);
    private static final DirectRelaySettings.Pair HARD = new DirectRelaySettings.Pair(NatPreset.CLOUD_NAT,
            NatPreset.SYMMETRIC_RANDOM);

    private static DirectRelaySettings settings(List<String> regions, String placement) {
        return new DirectRelaySettings(List.of(EASY, HARD), 2, regions, placement, 5, 20, 1, 100, 6000);
    }

    @Test
    void pingsMeasureTheRelayedThenTheDirectRoundTripOfThePlacement() {
        DirectRelayAttempt.Result r = DirectRelayAttempt.run(EASY, 0, 17, settings(Regions.NAMES, "random"));
        assertThat(r.connected()).isTrue();
        assertThat(r.direct()).isTrue();
        assertThat(r.relaySamples()).isPositive();
        assertThat(r.directSamples()).isPositive();
        assertThat(r.relayRttMs()).isEqualTo(r.placement().modelRelayRttMs());
        assertThat(r.directRttMs()).isEqualTo(r.placement().modelDirectRttMs());
        assertThat(r.stretch()).isGreaterThan(1);
    }

    @Test
    void aRelayInTheDevicesRegionOnlyAddsItsOwnAccessTwiceEachWay() {
        DirectRelayAttempt.Result r = DirectRelayAttempt.run(EASY, 0, 3, settings(List.of("us-east"), "device"));
        DirectRelayAttempt.Placement p = r.placement();
        assertThat(p.relayRegion()).isEqualTo(p.deviceRegion());
        // Same region everywhere: the relay path crosses the region twice, the direct path once.
        assertThat(r.relayRttMs() - r.directRttMs()).isEqualTo(4.0 * p.relayAccessMs() + Regions.SAME_REGION_RTT_MS);
    }

    @Test
    void twoHardNatsMeasureOnlyTheRelay() {
        DirectRelayAttempt.Result r = DirectRelayAttempt.run(HARD, 1, 17, settings(Regions.NAMES, "random"));
        assertThat(r.connected()).isTrue();
        assertThat(r.direct()).isFalse();
        assertThat(r.relayRttMs()).isEqualTo(r.placement().modelRelayRttMs());
        assertThat(r.directRttMs()).isNaN();
        assertThat(r.stretch()).isNaN();
    }

    @Test
    void theSameSeedGivesTheSameResultsAndAnotherSeedOtherPlacements() {
        DirectRelaySettings s = settings(Regions.NAMES, "random");
        List<DirectRelayAttempt.Result> a = DirectRelayScenario.runAll(s, 5, units -> { });
        List<DirectRelayAttempt.Result> b = DirectRelayScenario.runAll(s, 5, units -> { });
        List<DirectRelayAttempt.Result> c = DirectRelayScenario.runAll(s, 6, units -> { });
        assertThat(b).isEqualTo(a).hasSize(4);
        assertThat(c.stream().map(DirectRelayAttempt.Result::placement).toList())
                .isNotEqualTo(a.stream().map(DirectRelayAttempt.Result::placement).toList());
    }

    @Test
    void theRegionTableIsSymmetricAndObeysTheTriangleInequality() {
        int n = Regions.NAMES.size();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertThat(Regions.rttMs(a, b)).isEqualTo(Regions.rttMs(b, a));
                for (int c = 0; c < n; c++) {
                    assertThat(Regions.rttMs(a, b)).as("%s-%s via %s", a, b, c)
                            .isLessThanOrEqualTo(Regions.rttMs(a, c) + Regions.rttMs(c, b));
                }
            }
        }
    }
}
