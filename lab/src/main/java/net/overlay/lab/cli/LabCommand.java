package net.overlay.lab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.overlay.lab.run.LabRunner;
import net.overlay.lab.run.ProgressBar;
import net.overlay.lab.run.ScenarioCatalog;
import net.overlay.lab.scenario.ScenarioException;
import net.overlay.lab.scenario.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./overlay lab}: the scenario catalogue ({@code list}) and the runner ({@code run}). A bad
 * scenario (unknown name, a file with a wrong field) is one line on stderr and exit status 2.
 */
@Command(name = "lab", description = "Lab scenarios: list, run SCENARIO|FILE.json [--seed N] [--quick] [--out DIR] [--cc NAME].",
        subcommands = {LabCommand.ListScenarios.class, LabCommand.RunScenario.class})
final class LabCommand implements Runnable {
    /** Exit status for a scenario the lab cannot use (as for a usage error). */
    static final int EXIT_BAD_SCENARIO = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "One line per built-in scenario: name and description.")
    static final class ListScenarios implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var files = ScenarioCatalog.standard().builtIns();
            int width = files.stream().mapToInt(f -> f.name().length()).max().orElse(1);
            for (ScenarioFile f : files) {
                out.printf("%-" + width + "s  %s%n", f.name(), f.description());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", description = "Run a scenario (a built-in name or a FILE.json) into a results folder.")
    static final class RunScenario implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCENARIO|FILE.json", description = "a name from 'lab list', or a file")
        String scenario;

        @Option(names = "--seed", paramLabel = "N", description = "seed of every random choice (default: the file's)")
        Long seed;

        @Option(names = "--quick", description = "the scenario's smaller, faster variant")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: results/SCENARIO/)")
        Path out;

        @Option(names = "--cc", paramLabel = "NAME", description = "congestion controller (recorded; used by scenarios that run one)")
        String cc;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintStream err = System.err;
            LabRunner runner = new LabRunner(ScenarioCatalog.standard(), err, ProgressBar.stderrIsTerminal());
            LabRunner.Done done;
            try {
                done = runner.run(new LabRunner.Request(scenario, Optional.ofNullable(seed), quick,
                        Optional.ofNullable(out), Optional.ofNullable(cc)));
            } catch (ScenarioException e) {
                err.println("overlay lab: " + e.getMessage());
                return EXIT_BAD_SCENARIO;
            }
            var o = spec.commandLine().getOut();
            o.printf("overlay lab: %d files in %s%n", done.files().size(), done.dir());
            o.printf("  report: %s%n", done.dir().resolve("report.html"));
            o.printf("  data:   %s%n", String.join(", ", done.files().stream()
                    .filter(f -> f.endsWith(".csv") || f.endsWith(".json")).toList()));
            o.printf("  charts: %s%n", String.join(", ", done.files().stream()
                    .filter(f -> f.endsWith(".png") || f.endsWith(".svg")).toList()));
            o.flush();
            return 0;
        }
    }
}
