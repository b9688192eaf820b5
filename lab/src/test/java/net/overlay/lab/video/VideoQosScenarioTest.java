package net.overlay.lab.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.overlay.lab.run.LabRunner;
import net.overlay.lab.run.ScenarioCatalog;
import net.overlay.lab.scenario.ScenarioException;
import net.overlay.lab.scenario.ScenarioFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoQosScenarioTest {
    private static final List<String> DATA = List.of("video-frames.csv", "video-intervals.csv", "video-control.csv",
            "video-summary.csv", "video-summary.json");
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    @TempDir
    Path tmp;

    private String errorOf(String params) {
        String json = "{\"name\": \"x\", \"kind\": \"video-qos\", \"params\": " + params + "}";
        try {
            catalog.prepare(ScenarioFile.parse(json, "t.json"), false);
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + params);
    }

    @Test
    void badInputsNameTheField() {
        assertThat(errorOf("{\"traces\": [\"/no/such/trace.up\"]}")).contains("params.traces[0]", "/no/such/trace.up");
        assertThat(errorOf("{\"fixedKbps\": [500, 500]}")).contains("params.fixedKbps", "repeat");
        assertThat(errorOf("{\"startKbps\": 50}")).contains("params.startKbps", "between minKbps and maxKbps");
        assertThat(errorOf("{\"maxKbps\": 50}")).contains("params.maxKbps", "at least minKbps");
        assertThat(errorOf("{\"controller\": \"reno\"}")).contains("params.controller", "bbr", "vegas");
        assertThat(errorOf("{\"adaptive\": \"yes\"}")).contains("params.adaptive", "on, off");
        assertThat(errorOf("{\"fps\": 0}")).contains("params.fps", "between 1 and 120");
    }

    @Test
    void theBuiltInFileIsInTheCatalogueAndValid() {
        ScenarioFile file = catalog.resolve("video-qos");
        assertThat(file.kind()).isEqualTo(VideoQosScenario.KIND);
        assertThat(catalog.prepare(file, true).run().workUnits()).isPositive();
    }

    @Test
    void capacityCountsFifteenHundredBytesPerOpportunityAndRepeatsTheTrace() {
        int[] everyMs = new int[1000];
        Arrays.setAll(everyMs, i -> i + 1);
        // Opportunities at 1..1000 ms, then 1001..2000 ms, ...: the first 100 ms hold 99 of them.
        double[] c = VideoRun.capacityKbps(everyMs, 3);
        assertThat(c).hasSize(30);
        assertThat(c[0]).isEqualTo(99 * 1500 * 8 / 100.0);
        assertThat(Arrays.copyOfRange(c, 1, 30)).containsOnly(12_000.0);
    }

    @Test
    void aLostOrLateReferenceSpoilsThePFramesAfterItUntilTheNextKeyframe() {
        long ms = 1_000_000L;
        FrameLog f = new FrameLog();
        boolean[] key = {true, false, false, true, false, false};
        for (int i = 0; i < key.length; i++) {
            f.captured(i, i * 40 * ms, 1000, 1_000_000, key[i]);
        }
        f.delivered(0, 100 * ms);
        f.delivered(2, 50 * ms); // frame 1 never came: 2 cannot be decoded
        f.delivered(3, 30 * ms);
        f.delivered(4, 500 * ms); // late itself
        f.delivered(5, 40 * ms); // in time itself, but its reference 4 completed 460 ms after its capture
        f.finish();
        assertThat(VideoSummary.decodable(f, 400)).isEqualTo(2);
        assertThat(FrameLog.statusName(f.status(1))).isEqualTo("lost");
    }

    private Path run(String dir, long seed) throws IOException {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, "{\"name\": \"tiny-video\", \"kind\": \"video-qos\", \"params\": {\"traces\": "
                + "[\"synthetic\"], \"fixedKbps\": [9000], \"durationS\": 12}}");
        LabRunner runner = new LabRunner(catalog, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false);
        return runner.run(new LabRunner.Request(file.toString(), Optional.of(seed), false,
                Optional.of(tmp.resolve(dir)), Optional.empty())).dir();
    }

    private static String[] row(Path dir, String arm) throws IOException {
        return Files.readAllLines(dir.resolve("video-summary.csv")).stream().filter(l -> l.contains("," + arm + ","))
                .findFirst().orElseThrow().split(",");
    }

    @Test
    void onTheSyntheticTraceTheAdaptiveBitrateShowsMoreFramesOnTimeThanAnOverloadingFixedOne() throws IOException {
        Path d = run("a", 3);
        for (String f : DATA) {
            assertThat(d.resolve(f)).exists();
        }
        assertThat(d.resolve("video-delay-synthetic.svg")).content().contains("<svg");
        assertThat(d.resolve("video-bitrate-synthetic.png")).exists();
        assertThat(d.resolve("video-cdf-synthetic.svg")).exists();
        assertThat(d.resolve("report.html")).content().contains("on time", "adaptive", "fixed-9000k");
        // 25 fps for 12 s, each arm.
        assertThat(Files.readAllLines(d.resolve("video-frames.csv"))).hasSize(1 + 2 * 300);
        String[] fixed = row(d, "fixed-9000k");
        String[] adaptive = row(d, "adaptive");
        int onTime = VideoSummary.HEADER.indexOf("on_time");
        assertThat(Integer.parseInt(adaptive[onTime])).isGreaterThan(Integer.parseInt(fixed[onTime]));
        int unanswered = VideoSummary.HEADER.indexOf("unanswered");
        assertThat(adaptive[unanswered]).isEqualTo("0");
        assertThat(Double.parseDouble(adaptive[VideoSummary.HEADER.indexOf("mean_bitrate_kbps")])).isBetween(500.0,
                9000.0);
    }

    @Test
    void theSameSeedGivesIdenticalDataAndAnotherSeedAnotherRun() throws IOException {
        Path a = run("a", 9);
        Path b = run("b", 9);
        Path c = run("c", 10);
        for (String f : DATA) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readString(c.resolve("video-frames.csv"))).isNotEqualTo(
                Files.readString(a.resolve("video-frames.csv")));
    }
}
