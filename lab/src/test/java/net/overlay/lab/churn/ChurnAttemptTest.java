package net.overlay.lab.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import net.overlay.lab.run.ScenarioCatalog;
import net.overlay.lab.scenario.ScenarioFile;
import org.junit.jupiter.api.Test;

class ChurnAttemptTest {
    private static ChurnSettings settings(NatPreset device, NatPreset client, String event, int downS) {
        return new ChurnSettings(List.of(new ChurnSettings.Pair(device, client)), List.of(event), 1, downS, 120, 10,
                200, 5, 20, 10);
    }

    private static ChurnAttempt.Result run(ChurnSettings s) {
        return ChurnAttempt.run(s.pairs().getFirst(), s.events().getFirst(), 0, 42, s);
    }

    @Test
    void aRoamingCellularDeviceRegistersAgainAndItsSessionCarriesPingsAgain() {
        ChurnAttempt.Result r = run(settings(NatPreset.CGNAT_CELLULAR, NatPreset.PORT_RESTRICTED,
                ChurnSettings.DEVICE_ROAM, 1));
        assertThat(r.outcome()).isEqualTo(ChurnAttempt.Outcome.OK);
        assertThat(r.direct()).isTrue();
        assertThat(r.survived()).isTrue();
        assertThat(r.registeredMs()).isBetween(1.0, 60_000.0);
        // Measured: about 75 s, the direct path's loss noticed only then; the window is 120 s.
        assertThat(r.dataMs()).isBetween(1.0, 120_000.0);
    }

    @Test
    void afterALongRendezvousOutageTheDeviceRegistersAgainAndDirectPingsNeverStopped() {
        ChurnAttempt.Result r = run(settings(NatPreset.PORT_RESTRICTED, NatPreset.PORT_RESTRICTED,
                ChurnSettings.RENDEZVOUS_RESTART, 120));
        assertThat(r.outcome()).isEqualTo(ChurnAttempt.Outcome.OK);
        assertThat(r.direct()).isTrue();
        assertThat(r.registeredMs()).isBetween(0.0, 50_000.0);
        assertThat(r.dataMs()).as("pings on the direct path do not need the rendezvous").isLessThan(1_000.0);
    }

    @Test
    void relayDeathIsOnlyInjectedIntoRelayedSessions() {
        ChurnAttempt.Result r = run(settings(NatPreset.PORT_RESTRICTED, NatPreset.PORT_RESTRICTED,
                ChurnSettings.RELAY_DEATH, 120));
        assertThat(r.outcome()).isEqualTo(ChurnAttempt.Outcome.NOT_RELAYED);
    }

    @Test
    void theSameSeedGivesTheSameResultsAndAnotherSeedOtherOnes() {
        ChurnSettings s = settings(NatPreset.CGNAT_CELLULAR, NatPreset.PORT_RESTRICTED, ChurnSettings.DEVICE_ROAM, 1);
        List<ChurnAttempt.Result> a = ChurnScenario.runAll(s, 7, units -> { });
        assertThat(ChurnScenario.runAll(s, 7, units -> { })).isEqualTo(a);
        assertThat(ChurnScenario.runAll(s, 8, units -> { })).isNotEqualTo(a);
    }

    @Test
    void theBuiltInFileParsesAndItsQuickVariantIsSmaller() {
        ScenarioCatalog catalog = ScenarioCatalog.standard();
        ScenarioFile f = catalog.builtIns().stream().filter(x -> x.name().equals("churn")).findFirst().orElseThrow();
        assertThat(catalog.prepare(f, false).run().workUnits()).isEqualTo(4 * 3 * 10);
        assertThat(catalog.prepare(f, true).run().workUnits()).isEqualTo(4 * 3 * 3);
    }
}
