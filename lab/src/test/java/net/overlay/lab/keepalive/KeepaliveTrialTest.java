package net.overlay.lab.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.overlay.core.nat.NatPreset;
import org.junit.jupiter.api.Test;

class KeepaliveTrialTest {
    private static final KeepaliveSettings SETTINGS = new KeepaliveSettings(NatPreset.CGNAT_CELLULAR, List.of(30),
            List.of(20), 1800, 1000, 0);

    @Test
    void keepalivesMoreFrequentThanTheTimeoutKeepEveryProbeArrivingAndTheAddressFixed() {
        KeepaliveTrial.Result r = KeepaliveTrial.run(SETTINGS, 30, 20, 1);
        assertThat(r.probesSent()).isGreaterThan(1700);
        assertThat(r.probesDelivered()).isEqualTo(r.probesSent());
        assertThat(r.addressChanges()).isZero();
    }

    @Test
    void keepalivesRarerThanTheTimeoutLeaveTheDeviceReachableForAboutTimeoutOverInterval() {
        KeepaliveTrial.Result r = KeepaliveTrial.run(SETTINGS, 30, 100, 1);
        // Each keepalive opens a fresh mapping that lives 30 s of every 100 s.
        assertThat(r.reachablePct()).isBetween(25.0, 35.0);
        // Random port allocation: every new mapping moves the device's address.
        assertThat(r.addressChanges()).isGreaterThanOrEqualTo(r.keepalives() - 2);
    }

    @Test
    void aPortPreservingNatKeepsTheAddressWhenItRemakesTheMapping() {
        KeepaliveSettings s = new KeepaliveSettings(NatPreset.PORT_RESTRICTED, List.of(30), List.of(100), 1800, 1000, 0);
        KeepaliveTrial.Result r = KeepaliveTrial.run(s, 30, 100, 1);
        assertThat(r.addressChanges()).isZero();
        assertThat(r.reachablePct()).isBetween(25.0, 35.0);
    }
}
