package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import net.overlay.lab.fuzz.FuzzTargets;
import org.junit.jupiter.api.Test;

class FuzzCommandTest {

    @Test
    void listShowsEveryTargetWithItsDescription() {
        CliRun r = CliRun.of("fuzz", "list");
        assertThat(r.status()).isZero();
        for (FuzzTargets.Target t : FuzzTargets.all()) {
            assertThat(r.out()).contains(t.name()).contains(t.description());
        }
    }

    @Test
    void anUnknownTargetIsRefusedByName() {
        CliRun r = CliRun.of("fuzz", "run", "no-such-target", "--seconds", "1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("no fuzz target 'no-such-target'");
    }
}
