package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimCommandTest {

    @Test
    void pingBenchPrintsTwoEventsPerDevicePeriodAndTheDigest() {
        CliRun r = CliRun.of("sim", "bench", "--workload", "ping", "--devices", "200", "--periods", "2",
                "--threads", "1", "--regions", "2", "--warmup", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("events          800").contains("1 periods, untimed").contains("events/s").contains("heap per node")
                .containsPattern("digest +[0-9a-f]{16}");
    }

    @Test
    void natWorkloadIsNotBuiltYetAndSaysWhichIssue() {
        CliRun r = CliRun.of("sim", "bench", "--devices", "10");
        assertThat(r.status()).isEqualTo(NotBuiltYet.EXIT_NOT_BUILT);
        assertThat(r.err()).contains("not built yet").contains("issue #5");
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        CliRun r = CliRun.of("sim", "bench", "--workload", "gossip", "--devices", "10");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("gossip");
    }
}
