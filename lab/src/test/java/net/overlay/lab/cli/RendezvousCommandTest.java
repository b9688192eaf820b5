package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RendezvousCommandTest {

    @Test
    void aClusterNodeWithAMissingConfigFileIsAUsageError() {
        CliRun r = CliRun.of("rendezvous", "start", "--config", "no-such-node.conf");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no such config file");
    }

    @Test
    void aBadSettingIsNamedWithExitStatusTwo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("node.conf");
        java.nio.file.Files.writeString(f, "overlay.rendezvous.udp.port = 70000\n");
        CliRun r = CliRun.of("rendezvous", "start", "--config", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("overlay.rendezvous.udp.port", "0..65534").doesNotContain("Exception");
    }

    /** Every kind of bad setting ends the same way: named, exit 2, no stack trace, nothing started. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            roles = [relay]                           | overlay.rendezvous.roles
            handshakes.max-half-open = 5000000         | overlay.rendezvous.handshakes.max-half-open
            rate-limit.per-source-burst = 0            | overlay.rendezvous.rate-limit.per-source-burst
            cluster.seed-nodes = [nowhere]             | overlay.rendezvous.cluster.seed-nodes
            keepalive-interval = soon                  | overlay.rendezvous.keepalive-interval
            """)
    void eachBadSettingIsNamedWithExitStatusTwo(String setting, String named,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("node.conf");
        java.nio.file.Files.writeString(f, "overlay.rendezvous." + setting + "\n");
        CliRun r = CliRun.of("rendezvous", "start", "--config", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad setting", named).doesNotContain("Exception", "\tat ");
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
