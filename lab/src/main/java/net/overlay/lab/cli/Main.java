package net.overlay.lab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./overlay} command line: one entry point for the lab, the simulator, the real
 * agents and services, keys, vectors and benchmarks. The shell launcher finds a JDK and builds the
 * project, then runs this class.
 */
@Command(
        name = "overlay",
        mixinStandardHelpOptions = true,
        // --help and --version on every subcommand too ("./overlay COMMAND --help").
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Reach devices behind NATs: agents, rendezvous cluster, simulator and lab.",
        subcommands = {
            LabCommand.class,
            SimCommand.class,
            RendezvousCommand.class,
            DeviceCommand.class,
            ConnectCommand.class,
            KeysCommand.class,
            AdminCommand.class,
            VectorsCommand.class,
            TestbedCommand.class,
            CcCommand.class,
            BenchCommand.class,
            FuzzCommand.class,
            SoakCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Run './overlay COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status; tests call this instead of main. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new ErrorHandler()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
