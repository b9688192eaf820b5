package net.overlay.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong clockNs = new AtomicLong();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);

    @Test
    void estimatesTheTimeLeftFromThePaceSoFar() {
        ProgressBar bar = new ProgressBar("x", 100, err, false, clockNs::get);
        clockNs.set(10_000_000_000L);
        bar.advance(25);
        // 25 units in 10 s: 75 more take about 30 s.
        assertThat(bar.line(clockNs.get())).contains("25%", "25/100", "time left ~30 s");
    }

    @Test
    void withoutATerminalItPrintsWholeLinesEveryFewSecondsNotCarriageReturns() {
        ProgressBar bar = new ProgressBar("x", 100, err, false, clockNs::get);
        for (int i = 1; i <= 100; i++) {
            clockNs.set(i * 200_000_000L);
            bar.advance(1);
        }
        bar.finish();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("\r");
        // 20 s of work, a line every 5 s, and the final one.
        assertThat(out.lines().count()).isBetween(4L, 6L);
        assertThat(out).contains("100%", "done in 20.0 s");
    }

    @Test
    void onATerminalItRedrawsOneLineInPlace() {
        ProgressBar bar = new ProgressBar("x", 10, err, true, clockNs::get);
        for (int i = 1; i <= 10; i++) {
            clockNs.set(i * 500_000_000L);
            bar.advance(1);
        }
        bar.finish();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("\r");
        // String.lines() would split at the carriage returns too: count line feeds.
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
