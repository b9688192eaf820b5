package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCommandTest {
    @TempDir
    Path tmp;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void listShowsOneLinePerBuiltInScenario() {
        CliRun r = run("lab", "list");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).hasSize(10).anySatisfy(l -> assertThat(l).startsWith("quickstart "))
                .anySatisfy(l -> assertThat(l).startsWith("punch-matrix "))
                .anySatisfy(l -> assertThat(l).startsWith("direct-vs-relay "))
                .anySatisfy(l -> assertThat(l).startsWith("keepalive "))
                .anySatisfy(l -> assertThat(l).startsWith("nat-mix "))
                .anySatisfy(l -> assertThat(l).startsWith("cc-cellular "))
                .anySatisfy(l -> assertThat(l).startsWith("churn "))
                .anySatisfy(l -> assertThat(l).startsWith("video-qos "))
                .anySatisfy(l -> assertThat(l).startsWith("scale "))
                .anySatisfy(l -> assertThat(l).startsWith("sim-vs-real "));
        // The descriptions line up in one column.
        assertThat(r.out().lines().map(l -> l.length() - l.replaceFirst("^\\S+\\s+", "").length()).distinct()).hasSize(1);
    }

    @Test
    void aBadScenarioFileIsOneLineNamingTheFieldAndStatusTwo() throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"name\": \"bad\", \"kind\": \"punch-matrix\", \"params\": {\"presets\": [\"nat9\"]}}");
        CliRun r = run("lab", "run", f.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("params.presets[0]", "port-restricted").doesNotContain("\tat ", "Exception");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void anUnknownScenarioNameIsStatusTwo() {
        CliRun r = run("lab", "run", "nosuch");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scenario 'nosuch'", "quickstart");
    }

    @Test
    void aRunEndsBySayingWhereTheOutputsAre() {
        Path out = tmp.resolve("ka");
        CliRun r = run("lab", "run", "keepalive", "--quick", "--seed", "5", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains(out.resolve("report.html").toString(), "keepalive-survival.csv");
        assertThat(out.resolve("report.html")).exists();
    }
}
