package net.overlay.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Keeps {@code bench rendezvous} working with a few hundred devices; the figures are not judged. */
class RendezvousBenchTest {

    @Test
    void registersEveryDeviceAndGetsEveryKeepaliveAcknowledged() {
        RendezvousBench.Figures f = RendezvousBench.measure(300, 1_500, new PrintStream(new ByteArrayOutputStream()));

        assertThat(f.devices()).isEqualTo(300);
        assertThat(f.keepalives()).isEqualTo(1_500);
        assertThat(f.keepalivesPerSecond()).isPositive();
    }

    @Test
    void printsTheTableWithBothTargets() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        RendezvousBench.report(RendezvousBench.measure(200, 1_000, out), out);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("keepalives/s", "node B/device", "target >= 100,000 keepalives/s",
                "target < 1,024 heap bytes per device");
    }
}
