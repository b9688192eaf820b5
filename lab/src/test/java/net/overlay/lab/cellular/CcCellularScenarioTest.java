package net.overlay.lab.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class CcCellularScenarioTest {
    private static final long MS = 1_000_000L;
    private final ScenarioCatalog catalog = ScenarioCatalog.standard();

    @TempDir
    Path tmp;

    private String errorOf(String params) {
        String json = "{\"name\": \"x\", \"kind\": \"cc-cellular\", \"params\": " + params + "}";
        try {
            catalog.prepare(ScenarioFile.parse(json, "t.json"), false);
        } catch (ScenarioException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + params);
    }

    @Test
    void badInputsNameTheField() {
        assertThat(errorOf("{\"traces\": [\"synthetic\", \"/no/such/trace.down\"]}"))
                .contains("params.traces[1]", "/no/such/trace.down", "synthetic");
        assertThat(errorOf("{\"traces\": [3]}")).contains("params.traces[0]", "string");
        assertThat(errorOf("{\"controllers\": [\"reno\"]}")).contains("params.controllers[0]", "newreno", "sprout");
        assertThat(errorOf("{\"durationS\": 10, \"skipS\": 10}")).contains("params.skipS", "below durationS");
    }

    @Test
    void theOmniscientSenderSeesOnlyThePropagationDelayAndTheGapsOfTheTrace() {
        int[] everyMs = new int[1000];
        Arrays.setAll(everyMs, i -> i + 1);
        long[] d = CellularRun.omniscientDelays(everyMs, 20 * MS, 100 * MS, 900 * MS);
        assertThat(d).hasSize(800).containsOnly(20 * MS);
        int[] sparse = {100, 200};
        long[] g = CellularRun.omniscientDelays(sparse, 20 * MS, 150 * MS, 300 * MS);
        // At 150 ms the latest arrival was sent at 100 ms; at 299 ms the one sent at 200 ms (the
        // next, at 300 ms, is the trace's repeat).
        assertThat(g[0]).isEqualTo(50 * MS);
        assertThat(g[g.length - 1]).isEqualTo(99 * MS);
    }

    private LabRunner.Done run(String dir, long seed, String controllers, String cc) throws IOException {
        Path file = tmp.resolve("tiny.json");
        Files.writeString(file, "{\"name\": \"tiny-cc\", \"kind\": \"cc-cellular\", \"params\": {\"traces\": "
                + "[\"synthetic\"], \"controllers\": " + controllers + ", \"durationS\": 12, \"skipS\": 2}}");
        LabRunner runner = new LabRunner(catalog, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false);
        return runner.run(new LabRunner.Request(file.toString(), Optional.of(seed), false,
                Optional.of(tmp.resolve(dir)), Optional.ofNullable(cc)));
    }

    @Test
    void aTinyRunOnTheSyntheticTraceShowsSproutWithFarLessDelayThanCubic() throws IOException {
        Path d = run("a", 3, "[\"cubic\", \"sprout\"]", null).dir();
        List<String> rows = Files.readAllLines(d.resolve("cc-cellular.csv"));
        assertThat(rows).hasSize(3);
        assertThat(d.resolve("cc-synthetic.svg")).content().contains("<svg");
        assertThat(d.resolve("report.html")).content().contains("self-inflicted", "no matching link");
        double cubic = Double.parseDouble(rows.get(1).split(",")[5]);
        double sprout = Double.parseDouble(rows.get(2).split(",")[5]);
        assertThat(rows.get(1)).startsWith("synthetic,cubic,");
        assertThat(sprout * 5).isLessThan(cubic);
    }

    @Test
    void ccAddsTheControllerNamedByShortOrClassNameToTheShippedOnes() throws IOException {
        Path d = run("a", 3, "[\"newreno\"]", "vegas").dir();
        assertThat(Files.readAllLines(d.resolve("cc-cellular.csv"))).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("synthetic,vegas,"));
        Path byClass = run("c", 3, "[\"newreno\"]", "net.overlay.core.proto.transport.cc.Vegas$Factory").dir();
        assertThat(Files.readAllLines(byClass.resolve("cc-cellular.csv"))).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("synthetic,vegas,"));
        assertThatThrownBy(() -> run("b", 3, "[\"newreno\"]", "no-such-cc")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("--cc", "no-such-cc", "available");
    }

    @Test
    void theSameSeedGivesIdenticalDataAndAnotherSeedAnotherSyntheticTrace() throws IOException {
        Path a = run("a", 9, "[\"newreno\", \"sprout\"]", null).dir();
        Path b = run("b", 9, "[\"newreno\", \"sprout\"]", null).dir();
        Path c = run("c", 10, "[\"newreno\", \"sprout\"]", null).dir();
        for (String f : List.of("cc-cellular.csv", "cc-cellular-summary.json")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readString(c.resolve("cc-cellular.csv"))).isNotEqualTo(Files.readString(a.resolve("cc-cellular.csv")));
    }
}
