package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.lab.testbed.TestbedControl;
import org.junit.jupiter.api.Test;

/** {@code ./overlay testbed}: option checking, the root requirement, and a harmless status. */
class TestbedCommandTest {

    @Test
    void anUnknownNatModeIsRefusedWithTheAllowedOnes() {
        CliRun r = CliRun.of("testbed", "up", "--prefix", "tcli", "--nat-a", "cone");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("unknown NAT mode 'cone'").contains("fully-random");
    }

    @Test
    void aNegativeDelayOrTooManyCoreRoutersIsRefusedWithTheRange() {
        CliRun delay = CliRun.of("testbed", "up", "--prefix", "tcli", "--delay-a", "-1");
        assertThat(delay.status()).isEqualTo(1);
        assertThat(delay.err()).contains("delay must be 0..10000 ms");
        CliRun hops = CliRun.of("testbed", "up", "--prefix", "tcli", "--core-hops", "99");
        assertThat(hops.status()).isEqualTo(1);
        assertThat(hops.err()).contains("core hops must be 0..16");
    }

    @Test
    void badJitterOrReorderValuesAreRefusedNamingTheSiteAndTheRange() {
        CliRun jitter = CliRun.of("testbed", "up", "--prefix", "tcli", "--delay-a", "5", "--jitter-a", "-3");
        assertThat(jitter.status()).isEqualTo(1);
        assertThat(jitter.err()).contains("site a: jitter must be 0..10000 ms");
        CliRun reorder = CliRun.of("testbed", "up", "--prefix", "tcli", "--reorder-b", "101");
        assertThat(reorder.status()).isEqualTo(1);
        assertThat(reorder.err()).contains("site b: reorder must be 0..100 percent");
        CliRun gap = CliRun.of("testbed", "up", "--prefix", "tcli", "--reorder-a", "5", "--reorder-gap-a", "0");
        assertThat(gap.status()).isEqualTo(1);
        assertThat(gap.err()).contains("site a: reorder 5 % needs a gap above 0 ms");
        CliRun both = CliRun.of("testbed", "up", "--prefix", "tcli", "--reorder-a", "5", "--keep-order");
        assertThat(both.status()).isEqualTo(1);
        assertThat(both.err()).contains("cannot keep order");
    }

    @Test
    void anUnknownActionIsAUsageError() {
        CliRun r = CliRun.of("testbed", "sideways");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("sideways");
    }

    @Test
    void statusOfAnAbsentTestbedSaysSoOrAsksForRoot() {
        // A prefix nothing else uses: status only reads, so this is safe on any machine.
        CliRun r = CliRun.of("testbed", "status", "--prefix", "tabsent9");
        if (TestbedControl.isRoot()) {
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("no testbed with prefix 'tabsent9'");
        } else {
            assertThat(r.status()).isEqualTo(TestbedCommand.EXIT_NOT_ROOT);
            assertThat(r.err()).contains("needs root");
        }
    }
}
