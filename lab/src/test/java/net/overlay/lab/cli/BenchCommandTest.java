package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void benchTunnelRefusesAnUnknownPathWithOneLine() {
        CliRun r = CliRun.of("bench", "tunnel", "--quick", "--paths", "direct,carrier-pigeon");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("unknown path 'carrier-pigeon'").doesNotContain("Exception");
    }

    @Test
    void benchTunnelRefusesANegativeDuration() {
        CliRun r = CliRun.of("bench", "tunnel", "--seconds", "-1", "--paths", "direct");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("--seconds must be >= 1");
    }
}
