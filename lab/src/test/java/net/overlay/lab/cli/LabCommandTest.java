package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCommandTest {
    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listShowsOneLinePerBuiltInScenario() {
        Run r = run("lab", "list");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).hasSize(6).anySatisfy(l -> assertThat(l).startsWith("quickstart "))
                .anySatisfy(l -> assertThat(l).startsWith("punch-matrix "))
                .anySatisfy(l -> assertThat(l).startsWith("direct-vs-relay "))
                .anySatisfy(l -> assertThat(l).startsWith("keepalive "))
                .anySatisfy(l -> assertThat(l).startsWith("nat-mix "))
                .anySatisfy(l -> assertThat(l).startsWith("cc-cellular "));
        // The descriptions line up in one column.
        assertThat(r.out().lines().map(l -> l.length() - l.replaceFirst("^\\S+\\s+", "").length()).distinct()).hasSize(1);
    }

    @Test
    void aBadScenarioFileIsOneLineNamingTheFieldAndStatusTwo() throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"name\": \"bad\", \"kind\": \"punch-matrix\", \"params\": {\"presets\": [\"nat9\"]}}");
        Run r = run("lab", "run", f.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("params.presets[0]", "port-restricted").doesNotContain("\tat ", "Exception");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void anUnknownScenarioNameIsStatusTwo() {
        Run r = run("lab", "run", "nosuch");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scenario 'nosuch'", "quickstart");
    }

    @Test
    void aRunEndsBySayingWhereTheOutputsAre() {
        Path out = tmp.resolve("ka");
        Run r = run("lab", "run", "keepalive", "--quick", "--seed", "5", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains(out.resolve("report.html").toString(), "keepalive-survival.csv");
        assertThat(out.resolve("report.html")).exists();
    }
}
