package net.overlay.lab.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartRunTest {
    private static final List<String> DATA = List.of("punch-attempts.csv", "punch-pairs.csv", "punch-summary.json",
            "rtt-attempts.csv", "rtt-pairs.csv", "rtt-summary.json", "keepalive-survival.csv", "keepalive-summary.json");
    private static final List<String> CHARTS = List.of("punch-success", "punch-times", "rtt-cdf", "rtt-stretch",
            "keepalive-survival", "keepalive-churn");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private LabRunner.Done run(String dir, long seed, String cc) throws IOException {
        LabRunner runner = new LabRunner(ScenarioCatalog.standard(), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return runner.run(new LabRunner.Request("quickstart", Optional.of(seed), true, Optional.of(tmp.resolve(dir)),
                Optional.ofNullable(cc)));
    }

    @Test
    void aQuickRunWritesEveryFile() throws IOException {
        LabRunner.Done done = run("a", 7, null);
        for (String f : DATA) {
            assertThat(done.dir().resolve(f)).isNotEmptyFile();
        }
        for (String c : CHARTS) {
            byte[] png = Files.readAllBytes(done.dir().resolve(c + ".png"));
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).as(c).isEqualTo("PNG");
            assertThat(done.dir().resolve(c + ".svg")).content().contains("<svg");
        }
        assertThat(done.dir().resolve("scenario.json")).content().contains("\"seed\" : 7", "\"quick\" : true",
                "./overlay lab run quickstart --seed 7 --quick", "\"software\"", "\"mappingTimeoutsS\"");
        assertThat(done.dir().resolve("report.html")).content().contains("<svg", "<table id=\"punch-pairs\"",
                "What the charts show", "the real encrypted protocol", "<table id=\"rtt-pairs\"", "probe-lab",
                "--seed 7 --quick");
        assertThat(Files.readAllLines(done.dir().resolve("punch-attempts.csv"))).hasSize(1 + 10 * 4)
                .first().asString().contains("first_byte_ms", "device_side");
        assertThat(Files.readAllLines(done.dir().resolve("rtt-attempts.csv"))).hasSize(1 + 2 * 3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("100%");
    }

    @Test
    void theSameSeedGivesByteIdenticalDataAndAnotherSeedDifferent() throws IOException {
        Path a = run("a", 11, null).dir();
        Path b = run("b", 11, null).dir();
        Path c = run("c", 12, null).dir();
        for (String f : DATA) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readAllBytes(c.resolve("punch-attempts.csv")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("punch-attempts.csv")));
    }

    @Test
    void aCongestionControllerTheScenarioDoesNotUseIsRecordedAndSaidToHaveNoEffect() throws IOException {
        LabRunner.Done done = run("cc", 1, "cubic");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cc cubic", "no effect");
        assertThat(done.dir().resolve("scenario.json")).content().contains("\"name\" : \"cubic\"", "\"used\" : false");
        assertThat(done.dir().resolve("report.html")).content().contains("no effect");
    }
}
