package net.overlay.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.List;

/** {@code ./overlay sim}: The simulator: bench --devices N [--minutes M] [--connects K]. */
@Command(name = "sim", description = "The simulator: bench --devices N [--minutes M] [--connects K].")
final class SimCommand extends NotBuiltYet {

    @Parameters(arity = "0..*", paramLabel = "ARGS", description = "bench --devices N ...")
    List<String> args;

    @Override
    String what() {
        return "'sim' (the simulator arrives with issue #5)";
    }
}
