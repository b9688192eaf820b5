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
    void deviceBenchPrintsOutcomesAndHeapPerDevice() {
        CliRun r = CliRun.of("sim", "bench", "--devices", "60", "--minutes", "1.5", "--connects", "6", "--threads", "1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("60 devices, 6 connects").contains("events/s").contains("heap per device")
                .containsPattern("registered +60 of 60").containsPattern("connects +6: direct").containsPattern("digest +[0-9a-f]{16}");
    }

    @Test
    void aBrokenScenarioFileIsAUsageErrorNamingTheField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("s.json");
        java.nio.file.Files.writeString(file, "{\"devices\": 10, \"links\": {\"jitterMs\": -1}}");
        CliRun r = CliRun.of("sim", "bench", "--devices", "10", "--scenario", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("links.jitterMs");
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        CliRun r = CliRun.of("sim", "bench", "--workload", "gossip", "--devices", "10");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("gossip");
    }
}
