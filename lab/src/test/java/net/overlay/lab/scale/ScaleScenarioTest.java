package net.overlay.lab.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.overlay.lab.run.LabRunner;
import net.overlay.lab.run.ScenarioCatalog;
import net.overlay.lab.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleScenarioTest {
    /** Two small sizes, the shortest run the bench spec allows: a few seconds each. */
    private static final String SMALL = """
            {"name": "scale-small", "kind": "scale", "seed": 1,
             "params": {"sizes": [150, 300], "minutes": 2, "threads": 2, "regions": 2}}
            """;
    private static final List<String> REPEATING = List.of("scale-sizes.csv", "scale-summary.json", "scale-entities.csv");

    @TempDir
    Path tmp;

    private Path run(String json, String dir, long seed) throws IOException {
        Path file = tmp.resolve(dir + ".json");
        Files.writeString(file, json);
        LabRunner runner = new LabRunner(ScenarioCatalog.standard(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        return runner.run(new LabRunner.Request(file.toString(), Optional.of(seed), false,
                Optional.of(tmp.resolve(dir)), Optional.empty())).dir();
    }

    @Test
    void theSameSeedRepeatsEventsOutcomesAndDigestWhileTimingsGoToTheirOwnFile() throws IOException {
        Path a = run(SMALL, "a", 3);
        Path b = run(SMALL, "b", 3);
        Path c = run(SMALL, "c", 4);
        for (String f : REPEATING) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readAllBytes(c.resolve("scale-sizes.csv")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("scale-sizes.csv")));
        List<String> sizes = Files.readAllLines(a.resolve("scale-sizes.csv"));
        assertThat(sizes).hasSize(3);
        assertThat(sizes.get(1)).startsWith("150,15,2,");
        assertThat(sizes.get(2)).startsWith("300,30,2,");
        List<String> timings = Files.readAllLines(a.resolve("scale-timings.csv"));
        assertThat(timings).hasSize(3);
        assertThat(timings.getFirst()).contains("wall_s", "cpu_s", "heap_per_device_b");
        List<String> entities = Files.readAllLines(a.resolve("scale-entities.csv"));
        assertThat(entities.getFirst()).startsWith("devices,role,group,entities,sent_mean");
        assertThat(entities).anyMatch(l -> l.startsWith("300,device,port-restricted,"))
                .anyMatch(l -> l.startsWith("300,client,")).anyMatch(l -> l.contains("rendezvous-0") && l.contains("registrations="));
        assertThat(sizes.getFirst()).contains("rtt_relayed_p50_ms", "rtt_direct_p99_ms");
        for (String chart : List.of("scale-time", "scale-heap", "scale-events", "scale-rtt")) {
            assertThat(a.resolve(chart + ".svg")).content().contains("<svg");
        }
        assertThat(a.resolve("report.html")).content().contains("Extrapolation to 1,000,000 devices (not measured",
                "<table id=\"scale-sizes\"", "<table id=\"scale-timings\"",
                "<table id=\"scale-entities\"");
    }

    @Test
    void sizesOutsideTheAllowedRangeAreRejectedNamingTheField() {
        String tooBig = SMALL.replace("[150, 300]", "[150, 2000000]");
        assertThatThrownBy(() -> run(tooBig, "big", 1)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("sizes");
        String tooShort = SMALL.replace("\"minutes\": 2", "\"minutes\": 1");
        assertThatThrownBy(() -> run(tooShort, "short", 1)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("minutes");
    }
}
