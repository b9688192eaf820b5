package net.overlay.lab.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short coverage-guided campaign that CI runs: every target under Jazzer for
 * {@code overlay.fuzz.runs} executions (20,000 by default, a few seconds each on an idle core; at
 * most {@code overlay.fuzz.cap.seconds}, 180 by default; {@code ./overlay fuzz run} is the long form).
 * A target passes when Jazzer completed every execution and reported nothing. A deliberately broken target
 * shows that a finding is caught and its reproducer kept.
 */
class FuzzCampaignTest {
    private static final long RUNS = Long.getLong("overlay.fuzz.runs", 20_000);
    private static final Duration CAP = Duration.ofSeconds(Long.getLong("overlay.fuzz.cap.seconds", 180));

    @TempDir
    Path work;

    static Stream<String> targets() {
        return FuzzTargets.all().stream().map(FuzzTargets.Target::name);
    }

    private static void assumeJazzerRuns() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        assumeTrue(os.equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64")),
                "Jazzer's native driver ships for Linux x86-64 and arm64; this is " + os + " " + arch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aShortCampaignFindsNothing(String name) throws Exception {
        assumeJazzerRuns();
        FuzzTargets.Target target = FuzzTargets.find(name).orElseThrow();
        FuzzRunner.Outcome o = FuzzRunner.run(target, FuzzRunner.Settings.ofRuns(RUNS, CAP, work), line -> { });
        assertThat(o.finding()).as("what Jazzer reported for %s", name).isEmpty();
        assertThat(o.reproducer()).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(o.runs()).as("executions of %s completed within %s", name, CAP).isEqualTo(RUNS);
        assertThat(o.coverage()).isPositive();
    }

    @Test
    void aFindingIsReportedWithItsReproducer() throws Exception {
        assumeJazzerRuns();
        FuzzTargets.Target broken = new FuzzTargets.Target("broken", BrokenTarget.class, "fails on a magic prefix",
                () -> List.of(new byte[] {'F'}), BrokenTarget::fuzzerTestOneInput);
        FuzzRunner.Outcome o = FuzzRunner.run(broken, FuzzRunner.Settings.of(Duration.ofSeconds(60), work), line -> { });
        assertThat(o.clean()).isFalse();
        assertThat(o.finding()).contains("magic prefix reached");
        assertThat(o.reproducer()).isPresent();
        assertThat(o.reproducer().get()).exists().content().startsWith("FUZZ");
    }
}
