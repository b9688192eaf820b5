package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tunnel commands' argument and config checks (the tunnel itself: TunnelLoopbackTest in overlay-core). */
class TunnelCommandsTest {
    @TempDir
    Path dir;

    @Test
    void connectWithAMissingConfigFileIsAUsageError() {
        CliRun r = CliRun.of("connect", "camera-1", "http", "--config", dir.resolve("none.conf").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no such config file");
    }

    @Test
    void connectRefusesALocalAddressThatIsNotIpAndPort() throws IOException {
        Path f = Files.writeString(dir.resolve("c.conf"), "keys = k\nrendezvous { address = \"127.0.0.1:1\", "
                + "peer-id = \"" + "a".repeat(52) + "\", static-key = \"AAAA\" }\n");
        CliRun r = CliRun.of("connect", "camera-1", "http", "--local", "localhost", "--config", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("not host:port: localhost");
    }

    @Test
    void deviceRunWithoutADeviceSectionIsAUsageError() throws IOException {
        Path f = Files.writeString(dir.resolve("d.conf"), "keys = k\nrendezvous { address = \"127.0.0.1:1\", "
                + "peer-id = \"" + "a".repeat(52) + "\", static-key = \"AAAA\" }\n");
        CliRun r = CliRun.of("device", "run", "--config", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no device section");
    }

    @Test
    void rendezvousWithAMissingDirectoryFileIsAUsageError() {
        CliRun r = CliRun.of("rendezvous", "start", "--dev", "--port", "0", "--directory",
                dir.resolve("none.conf").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("no such directory file");
    }
}
