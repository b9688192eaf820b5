package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RendezvousCommandTest {

    @Test
    void aClusterNodeFromAConfigFileSaysItIsNotBuiltYet() {
        CliRun r = CliRun.of("rendezvous", "start", "--config", "node.json");
        assertThat(r.status()).isEqualTo(NotBuiltYet.EXIT_NOT_BUILT);
        assertThat(r.err()).contains("not built yet", "issue #6");
    }

    @Test
    void startNeedsEitherDevOrConfig() {
        CliRun r = CliRun.of("rendezvous", "start");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--dev", "--config");
    }

    @Test
    void devAndConfigAreMutuallyExclusive() {
        CliRun r = CliRun.of("rendezvous", "start", "--dev", "--config", "node.json");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).containsIgnoringCase("mutually exclusive");
    }

    @Test
    void aPortWithoutRoomForItsSecondPortIsRefusedBeforeBinding() {
        CliRun r = CliRun.of("rendezvous", "start", "--dev", "--port", "65535");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--port must be 0..65534");
    }
}
