package net.overlay.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class MainTest {


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsEveryCommandOfTheDesign() {
        CliRun r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("lab", "sim", "rendezvous", "device", "connect", "keys", "admin",
                "vectors", "testbed", "cc", "bench");
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String[] cmd : new String[][] {{"lab", "run", "--help"}, {"bench", "--help"}, {"rendezvous", "start", "--help"},
                {"vectors", "noise", "--help"}, {"keys", "generate", "--help"}}) {
            CliRun r = run(cmd);
            assertThat(r.status()).as(String.join(" ", cmd)).isZero();
            assertThat(r.out()).startsWith("Usage: overlay " + cmd[0]);
        }
    }

    @picocli.CommandLine.Command(name = "later")
    static final class Later extends NotBuiltYet {
        @Override
        String what() {
            return "'later' (issue #99)";
        }
    }

    @Test
    void commandsNotBuiltYetSaySoAndExitWithThree() {
        var cmd = new picocli.CommandLine(new Main()).addSubcommand("later", new Later());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = cmd.execute("later");
        } finally {
            System.setErr(old);
        }
        assertThat(status).isEqualTo(NotBuiltYet.EXIT_NOT_BUILT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not built yet").contains("#99");
    }

    @Test
    void unknownCommandIsAUsageErrorNotACrash() {
        CliRun r = run("frobnicate");
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
