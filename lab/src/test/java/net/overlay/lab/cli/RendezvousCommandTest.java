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

    @Test
    void addressesMustBeTwoIpv4LiteralsAndAreCheckedBeforeBinding() {
        CliRun one = CliRun.of("rendezvous", "start", "--dev", "--addresses", "203.0.113.10");
        assertThat(one.status()).isEqualTo(2);
        assertThat(one.err()).contains("--addresses takes two IPv4 literals");
        CliRun name = CliRun.of("rendezvous", "start", "--dev", "--addresses", "localhost,127.0.0.2");
        assertThat(name.status()).isEqualTo(2);
        assertThat(name.err()).contains("--addresses takes two IPv4 literals");
    }
}
