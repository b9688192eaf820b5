package net.overlay.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.overlay.lab.fuzz.FuzzRunner;
import net.overlay.lab.fuzz.FuzzTargets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./overlay fuzz list|run}: coverage-guided fuzzing of the decoders and state machines
 * with Jazzer (docs/fuzzing.md). {@code run} starts one campaign per target, one after the other,
 * each in a child JVM, and prints a table; a finding's reproducer is kept under the work folder
 * and the exit status is 1.
 */
@Command(
        name = "fuzz",
        description = "Coverage-guided fuzzing (Jazzer) of every decoder and of the node's and transport's state machines.",
        subcommands = {FuzzCommand.ListTargets.class, FuzzCommand.Run.class})
final class FuzzCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "The fuzz targets, one line each.")
    static final class ListTargets implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (FuzzTargets.Target t : FuzzTargets.all()) {
                out.printf("%-11s %s%n", t.name(), t.description());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", description = "Fuzz the named targets (default: all), each for --seconds.")
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "TARGET", description = "Targets from 'fuzz list' (default: all).")
        List<String> names = new ArrayList<>();

        @Option(names = "--seconds", defaultValue = "60", description = "Time per target (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--work", defaultValue = "fuzz-work", paramLabel = "DIR",
                description = "Corpus, seeds and findings (default: ${DEFAULT-VALUE}); a later run resumes its corpus.")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (seconds < 1) {
                throw new IllegalArgumentException("--seconds must be at least 1, got " + seconds);
            }
            List<FuzzTargets.Target> targets = new ArrayList<>();
            for (String n : names) {
                targets.add(FuzzTargets.find(n).orElseThrow(() -> new IllegalArgumentException(
                        "no fuzz target '" + n + "'; 'overlay fuzz list' shows them")));
            }
            if (targets.isEmpty()) {
                targets.addAll(FuzzTargets.all());
            }
            Files.createDirectories(work);
            List<FuzzRunner.Outcome> outcomes = new ArrayList<>();
            for (FuzzTargets.Target t : targets) {
                out.printf("fuzzing %s for %d s%n", t.name(), seconds);
                out.flush();
                FuzzRunner.Outcome o = FuzzRunner.run(t, FuzzRunner.Settings.of(Duration.ofSeconds(seconds), work),
                        line -> {
                            out.println("  " + line);
                            out.flush();
                        });
                outcomes.add(o);
                if (!o.clean()) {
                    out.print(o.finding());
                }
            }
            out.printf("%n%-11s %12s %9s %7s  %s%n", "target", "runs", "coverage", "corpus", "outcome");
            boolean clean = true;
            for (FuzzRunner.Outcome o : outcomes) {
                clean &= o.clean();
                out.printf("%-11s %12d %9d %7d  %s%n", o.target(), o.runs(), o.coverage(), o.corpusEntries(),
                        o.clean() ? "no finding" : "FINDING " + o.reproducer().map(Path::toString)
                                .orElse("(exit " + o.exitCode() + ")"));
            }
            out.flush();
            return clean ? 0 : 1;
        }
    }
}
