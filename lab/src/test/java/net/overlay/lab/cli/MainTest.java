package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class MainTest {

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
    void helpListsEveryCommandOfTheDesign() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("lab", "sim", "rendezvous", "device", "connect", "keys", "admin",
                "vectors", "testbed", "cc", "bench");
    }

    @Test
    void commandsNotBuiltYetSaySoAndExitWithThree() {
        Run r = run("testbed", "up");
        assertThat(r.status()).isEqualTo(NotBuiltYet.EXIT_NOT_BUILT);
        assertThat(r.err()).contains("not built yet").contains("#7");
    }

    @Test
    void unknownCommandIsAUsageErrorNotACrash() {
        Run r = run("frobnicate");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }

    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("bad scenario field 'nat': allowed full-cone, ...");
        }
    }

    @Test
    void anExceptionInACommandBecomesOneLineAndStatusOne() {
        var cmd = new picocli.CommandLine(new Main()).addSubcommand("boom", new Boom())
                .setExecutionExceptionHandler(new ErrorHandler());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cmd.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(cmd.execute("boom")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad scenario field 'nat'").doesNotContain("at net.");
    }
}
